/**
 * The live contract, shared by the server hub and the client socket (import type only).
 * The server emits `event` for every committed change, in `seq` order; a client that was away
 * sends `resync {since}` and receives what it missed, or a snapshot when it is too far behind.
 */
import type { Grade, IncidentCategory, IncidentStatus } from '../domain/incidents.ts';

export type EventType =
  | 'incident.created'
  | 'incident.updated'
  | 'incident.overdue'
  | 'grid.changed'
  | 'camera.changed';

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

export type Ack<T = unknown> = (reply: { ok: true; data?: T } | { ok: false; error: { code: string; message: string } }) => void;

export interface ServerToClientEvents {
  event: (e: LiveEvent) => void;
  hello: (h: { latest: number; role: string; pid: number }) => void;
}

export interface ClientToServerEvents {
  resync: (req: { since: number }, ack: (reply: ResyncReply) => void) => void;
  follow: (req: FollowRequest | null, ack: Ack<{ rooms: string[] }>) => void;
}
