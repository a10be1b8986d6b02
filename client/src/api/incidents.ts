/**
 * Typed calls for the operator console: the urgency queue, one incident's card, likely
 * duplicates, closed-loop actions, the nearest patrol units and the area tree. Types come from
 * the server's contract (`import type` only: erased at build).
 */
import type { HistoryEntry, IncidentSummary } from '../../../server/src/contract/events.ts';
import type {
  ActionResult,
  DuplicateCandidate,
  IncidentCard,
  QueueIncident,
  QueueResponse,
} from '../../../server/src/contract/incidents.ts';
import type { IncidentAction } from '../../../server/src/contract/vocabulary.ts';
import type { NearestResponse, NearestUnit } from '../../../server/src/contract/patrols.ts';
import { request } from './http';

/** A closed-loop action, as the server names it (contract/vocabulary.ts `ACTION_NAMES`). */
export type {
  ActionResult,
  DuplicateCandidate,
  HistoryEntry,
  IncidentAction,
  IncidentCard,
  IncidentSummary,
  QueueIncident,
};

export interface QueueQuery {
  status?: 'reported' | 'accepted' | 'dispatched' | 'handled' | 'verified' | 'escalated';
  grade?: IncidentSummary['grade'];
  category?: IncidentSummary['category'];
  district?: number;
  community?: number;
  overdue?: boolean;
  limit?: number;
}

/** A unit near an incident, by travel time on the streets (`GET /api/patrols/nearest`). */
export type PatrolUnit = NearestUnit;

export type { Area } from './areas';

/** What the action endpoint takes besides the action itself. */
export interface ActionRequest {
  action: IncidentAction;
  note?: string;
  /** The version acted on; a newer one on the server answers 409 `conflict`. */
  version?: number;
  unit_id?: number;
  duplicate_of?: string;
  evaluation?: number;
  department?: string;
  lon?: number;
  lat?: number;
}

const path = (id: string, tail = '') => `/api/incidents/${encodeURIComponent(id)}${tail}`;

/** Open incidents, most urgent first. */
export function fetchQueue(q: QueueQuery, signal?: AbortSignal): Promise<QueueResponse> {
  return request('/api/queue', {
    query: {
      status: q.status,
      grade: q.grade,
      category: q.category,
      district: q.district,
      community: q.community,
      overdue: q.overdue ? 'true' : undefined,
      limit: q.limit,
    },
    signal,
  });
}

export function fetchIncidentCard(id: string, signal?: AbortSignal): Promise<IncidentCard> {
  return request(path(id), { signal });
}

export function fetchDuplicates(id: string, signal?: AbortSignal): Promise<{ duplicates: DuplicateCandidate[] }> {
  return request(path(id, '/duplicates'), { signal });
}

export function postAction(id: string, body: ActionRequest, signal?: AbortSignal): Promise<ActionResult> {
  return request(path(id, '/actions'), { method: 'POST', body, signal });
}

export function fetchNearestUnits(lon: number, lat: number, limit = 5, signal?: AbortSignal): Promise<NearestResponse> {
  return request('/api/patrols/nearest', { query: { lon, lat, limit }, signal });
}
