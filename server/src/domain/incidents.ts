/**
 * Incident vocabulary: the values and names live in the shared contract (contract/vocabulary.ts),
 * re-exported here for the server's rules; what is decided about them stays here.
 */
import { CLOSED_STATUSES, type IncidentStatus } from '../contract/vocabulary.ts';

export {
  CLOSED_STATUSES,
  GRADES,
  INCIDENT_CATEGORIES,
  STATUSES,
  type Grade,
  type IncidentCategory,
  type IncidentStatus,
} from '../contract/vocabulary.ts';

export function isClosed(status: IncidentStatus): boolean {
  return CLOSED_STATUSES.includes(status);
}
