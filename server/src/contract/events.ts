/**
 * The live contract, shared by the server hub and the client socket (import type only).
 * The server emits `event` for every committed change, in `seq` order; a client that was away
 * sends `resync {since}` and receives what it missed, or a snapshot when it is too far behind.
 */
import type { ImportProgress } from './imports.ts';
import type { StoredPhoto } from './media.ts';
import type { Grade, IncidentCategory, IncidentStatus } from './vocabulary.ts';

export type EventType =
  | 'incident.created'
  | 'incident.updated'
  | 'incident.overdue'
  | 'grid.changed'
  | 'camera.changed'
  /** The wall display's configuration changed (payload: {config, actor}). */
  | 'wall.config'
  /** A patrol unit's status changed with an incident (dispatched → responding, handled → on patrol). */
  | 'unit.changed'
  | 'patrol.route_planned'
  /** An import changed a layer of the city (payload: {layer, import, inserted, updated}): screens reload it. */
  | 'city.imported';

export interface IncidentSummary {
  id: string;
  category: IncidentCategory;
  grade: Grade;
  status: IncidentStatus;
  source: string;
  description: string;
  reported_at: string;
  updated_at: string;
  closed_at: string | null;
  due_at: string | null;
  grid_id: number | null;
  community_id: number | null;
  street_office_id: number | null;
  district_id: number | null;
  assigned_unit_id: number | null;
  duplicate_of: string | null;
  version: number;
  lon: number;
  lat: number;
}

export interface HistoryEntry {
  action: string;
  from_status: IncidentStatus | null;
  to_status: IncidentStatus;
  actor: string;
  note: string;
  at: string;
  lon: number | null;
  lat: number | null;
  /** Photos taken at this step (e.g. handle's "after" photos). */
  photos?: StoredPhoto[];
}

export interface LiveEvent {
  seq: number;
  type: EventType;
  at: string;
  district_id: number | null;
  community_id: number | null;
  incident?: IncidentSummary;
  history?: HistoryEntry;
  [key: string]: unknown;
}

export type ResyncReply =
  | { ok: true; events: LiveEvent[]; latest: number }
  | { ok: true; snapshot: { incidents: IncidentSummary[] }; latest: number }
  | { ok: false; error: { code: string; message: string } };

export interface FollowRequest {
  district?: number;
  community?: number;
}

export type Ack<T = unknown> = (
  reply: { ok: true; data?: T } | { ok: false; error: { code: string; message: string } },
) => void;

/**
 * Live patrol positions: sent in compact batches about once a second, volatile (a screen that
 * misses one fetches GET /api/patrols/units on reconnect). Rows: [unit id, lon, lat, epoch ms,
 * status, inside own grid (grid workers; null for teams), grid id].
 */
export type PatrolPositionRow = [number, number, number, number, string, boolean | null, number | null];
export interface PatrolPositionBatch {
  at: number;
  units: PatrolPositionRow[];
}

export interface FixesReply {
  ok: boolean;
  data?: unknown;
  error?: { code: string; message: string };
}

export interface ServerToClientEvents {
  event: (e: LiveEvent) => void;
  patrols: (batch: PatrolPositionBatch) => void;
  hello: (h: { latest: number; role: string; pid: number }) => void;
  /** Progress of an import this socket's user uploaded (POST /api/import/{layer} with `socket`). */
  'import:progress': (p: ImportProgress) => void;
  /** The socket's session ended or its token expired: it is disconnected right after; sign in again. */
  'session:ended': (r: { code: 'unauthorized'; message: string }) => void;
}

export interface ClientToServerEvents {
  resync: (req: { since: number }, ack: (reply: ResyncReply) => void) => void;
  follow: (req: FollowRequest | null, ack: Ack<{ rooms: string[] }>) => void;
  /** GPS fixes from a device (operator or admin token), as POST /api/patrols/fixes takes them. */
  fixes: (req: { fixes: unknown[] }, ack: (reply: FixesReply) => void) => void;
}
