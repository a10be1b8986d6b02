/**
 * The console's right column: the selected incident's card — details, the actions its status
 * allows (operators and admins only), nearest patrol units, likely duplicates, and its history.
 * Reads state; actions go out through the `onAct` callback.
 */
import { selectedIncident } from '../../state/console';
import { useConsole } from '../../state/consoleStore';
import { useAppState } from '../../state/store';
import { ActionSection } from './ActionSection';
import { CardHeader } from './CardHeader';
import { ContactSection } from './ContactSection';
import { DuplicatesSection } from './DuplicatesSection';
import { Facts } from './Facts';
import { HistorySection } from './HistorySection';
import { PhotosSection } from './PhotosSection';
import type { IncidentPanelProps } from './types';
import { UnitsSection } from './UnitsSection';
import '../console-common.css';
import './card.css';

export type { IncidentPanelProps } from './types';

export function IncidentPanel(props: IncidentPanelProps) {
  const selectedId = useConsole((s) => s.selectedId);
  const incident = useConsole(selectedIncident);
  const card = useConsole((s) => s.card);
  const timeZone = useAppState((s) => ('data' in s.summary ? s.summary.data?.city.timeZone : undefined));
  // Likely duplicates decide whether to accept at all: when there are some, they come first.
  const duplicatesFirst = useConsole((s) => s.duplicates.status === 'ready' && s.duplicates.data.length > 0);

  if (!selectedId) return <EmptyCard />;
  const data = 'data' in card ? card.data : undefined;
  return (
    <section
      className="cc"
      aria-label="Incident card 事件详情"
      data-testid="incident-card"
      data-id={selectedId}
      data-status={incident?.status ?? ''}
      data-version={incident?.version ?? ''}
      data-busy={card.status === 'loading' ? 'true' : 'false'}
    >
      {incident ? (
        <>
          <CardHeader incident={incident} onClose={props.onClose} onLocate={props.onLocate} timeZone={timeZone} />
          {card.status === 'error' && (
            <div className="notice notice-error compact cc-pad" role="alert">
              The incident could not be loaded: {card.message} <span className="zh">事件加载失败</span>
            </div>
          )}
          <Facts incident={incident} timeZone={timeZone} />
          <PhotosSection card={data} />
          <ContactSection card={data} />
          {duplicatesFirst && <DuplicatesSection {...props} incident={incident} allowed={data?.allowed ?? null} />}
          <ActionSection
            {...props}
            incident={incident}
            allowed={data?.allowed ?? null}
            loading={card.status === 'loading'}
          />
          <UnitsSection {...props} incident={incident} allowed={data?.allowed ?? null} />
          {!duplicatesFirst && <DuplicatesSection {...props} incident={incident} allowed={data?.allowed ?? null} />}
          <HistorySection history={data?.history ?? null} timeZone={timeZone} />
        </>
      ) : (
        <div className="cc-loading">
          <span className="spinner" aria-hidden="true" /> Loading the incident… <span className="zh">加载中</span>
        </div>
      )}
    </section>
  );
}

function EmptyCard() {
  return (
    <section className="cc cc-empty" data-testid="incident-card-empty">
      <svg viewBox="0 0 48 48" aria-hidden="true" className="cc-empty-icon">
        <rect x="6" y="8" width="36" height="32" rx="4" />
        <path d="M12 17h24M12 24h16M12 31h20" />
      </svg>
      <p>
        Select an incident in the queue, on the map or from an alert.
        <br />
        <span className="zh">在队列、地图或提醒中选择一个事件</span>
      </p>
    </section>
  );
}
