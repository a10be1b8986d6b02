/** What the incident card's sections are given by the console page. */
import type { ActionRequest, IncidentAction, IncidentSummary } from '../../api/incidents';

export interface IncidentPanelProps {
  /** The user's role may act (operator, admin). */
  canAct: boolean;
  onAct: (req: Omit<ActionRequest, 'version'>, target?: string) => Promise<boolean>;
  onClose: () => void;
  onLocate: () => void;
  onSelect: (id: string, hint?: IncidentSummary) => void;
  onHoverUnit: (id: number | null) => void;
}

/** A section's props: the page's callbacks, the incident shown and the actions its status allows (null while loading). */
export type SectionProps = IncidentPanelProps & { incident: IncidentSummary; allowed: IncidentAction[] | null };
