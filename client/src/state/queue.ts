/**
 * The operator's live queue, as pure updaters: open incidents that match the console's filter,
 * most urgent first, kept current by live events.
 *
 * - Upsert by id; an incident that closes, or no longer matches the filter, leaves the queue.
 * - Versions decide: an answer older than what was already applied is ignored, so the HTTP
 *   load and the live stream may interleave in any order and still converge.
 * - Ordering is the server's urgency rule (`/api/queue`): overdue first, then grade
 *   difficult > key > routine, then the current step's due time, soonest first (none last).
 *
 * No I/O, no clock: `now` (ms) is a parameter.
 */
import type { IncidentSummary } from '../../../server/src/contract/events.ts';

export type Grade = IncidentSummary['grade'];
export type IncidentStatusName = IncidentSummary['status'];
export type Category = IncidentSummary['category'];

/** An incident in the queue, with whether its current step is past due. */
export type QueueItem = IncidentSummary & { overdue: boolean };

/** Statuses the queue can be narrowed to (the open ones). */
export const QUEUE_STATUSES = ['reported', 'accepted', 'dispatched', 'escalated', 'handled', 'verified'] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

export interface QueueFilter {
  status: QueueStatus | null;
  grade: Grade | null;
  category: Category | null;
  district: number | null;
  community: number | null;
  overdueOnly: boolean;
}

export const NO_FILTER: QueueFilter = {
  status: null,
  grade: null,
  category: null,
  district: null,
  community: null,
  overdueOnly: false,
};

export interface QueueState {
  filter: QueueFilter;
  /** The queue's incidents by id. */
  byId: Readonly<Record<string, QueueItem>>;
  /** Ids, most urgent first. */
  order: readonly string[];
  /** Highest version applied per incident id, including ones that left the queue. */
  versions: Readonly<Record<string, number>>;
  /** Ids changed by live events since the current load began; null when no load is in flight. */
  touched: readonly string[] | null;
}

export function emptyQueue(filter: QueueFilter = NO_FILTER): QueueState {
  return { filter, byId: {}, order: [], versions: {}, touched: null };
}

// ---------------------------------------------------------------------------------------------
// Rules

const GRADE_RANK: Record<Grade, number> = { difficult: 3, key: 2, routine: 1 };

/** Closed incidents (closed_at set) are done for the queue. */
export function isOpen(i: Pick<IncidentSummary, 'closed_at'>): boolean {
  return i.closed_at === null || i.closed_at === undefined;
}

function dueMs(i: Pick<IncidentSummary, 'due_at'>): number | null {
  if (!i.due_at) return null;
  const t = Date.parse(i.due_at);
  return Number.isNaN(t) ? null : t;
}

/** Past its step's due time at `now`. */
export function isPastDue(i: Pick<IncidentSummary, 'due_at'>, now: number): boolean {
  const due = dueMs(i);
  return due !== null && due < now;
}

/** Urgency order (negative: `a` first). Overdue, grade, due time, then report time and id for a stable order. */
export function compareUrgency(a: QueueItem, b: QueueItem): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  const g = (GRADE_RANK[b.grade] ?? 0) - (GRADE_RANK[a.grade] ?? 0);
  if (g !== 0) return g;
  const da = dueMs(a);
  const db = dueMs(b);
  if (da !== db) {
    if (da === null) return 1;
    if (db === null) return -1;
    return da - db;
  }
  const r = Date.parse(a.reported_at) - Date.parse(b.reported_at);
  if (r) return r;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Does an (open) incident belong in a queue with this filter? */
export function matchesFilter(i: QueueItem, f: QueueFilter): boolean {
  if (f.status && i.status !== f.status) return false;
  if (f.grade && i.grade !== f.grade) return false;
  if (f.category && i.category !== f.category) return false;
  if (f.community && i.community_id !== f.community) return false;
  if (f.district && !f.community && i.district_id !== f.district) return false;
  if (f.overdueOnly && !i.overdue) return false;
  return true;
}

function sortIds(byId: Record<string, QueueItem>): string[] {
  return Object.values(byId)
    .sort(compareUrgency)
    .map((i) => i.id);
}

// ---------------------------------------------------------------------------------------------
// Updaters

/** A load (`/api/queue`) with this filter has begun: remember what live events touch meanwhile. */
export function beginLoad(state: QueueState, filter: QueueFilter): QueueState {
  return { ...state, filter, touched: [] };
}

/**
 * The load's answer. It replaces the queue, except where live events applied meanwhile are
 * newer: those win (an incident closed meanwhile stays out; one created meanwhile stays in).
 */
export function finishLoad(state: QueueState, incidents: readonly QueueItem[], now: number): QueueState {
  const versions: Record<string, number> = { ...state.versions };
  const byId: Record<string, QueueItem> = {};
  for (const raw of incidents) {
    const seen = versions[raw.id];
    if (seen !== undefined && seen > raw.version) {
      // A live event already moved it on; keep what that left (in the queue, or not).
      const current = state.byId[raw.id];
      if (current) byId[raw.id] = current;
      continue;
    }
    versions[raw.id] = raw.version;
    const item = { ...raw, overdue: raw.overdue || isPastDue(raw, now) };
    if (isOpen(item) && matchesFilter(item, state.filter)) byId[item.id] = item;
  }
  for (const id of state.touched ?? []) {
    const current = state.byId[id];
    if (current && !(id in byId) && versions[id] === current.version) byId[id] = current;
  }
  return { ...state, byId, order: sortIds(byId), versions, touched: null };
}

/** A load failed: stop tracking, keep what is shown. */
export function abandonLoad(state: QueueState): QueueState {
  return state.touched === null ? state : { ...state, touched: null };
}

/**
 * One incident as a live event (or an action's answer) carries it. `overdue: true` marks it
 * overdue whatever the clock says (the server announced it); otherwise the due time decides.
 */
export function applyIncident(state: QueueState, incident: IncidentSummary, now: number, overdue = false): QueueState {
  const seen = state.versions[incident.id];
  if (seen !== undefined && seen > incident.version) return state;
  const current = state.byId[incident.id];
  const sameStep = current !== undefined && current.version === incident.version;
  const item: QueueItem = {
    ...incident,
    overdue: overdue || isPastDue(incident, now) || (sameStep && current.overdue),
  };
  const versions = seen === incident.version ? state.versions : { ...state.versions, [incident.id]: incident.version };
  const touched = state.touched === null ? null : [...state.touched, incident.id];
  const keep = isOpen(item) && matchesFilter(item, state.filter);
  if (!keep && !current) return { ...state, versions, touched };
  const byId: Record<string, QueueItem> = { ...state.byId };
  if (keep) byId[item.id] = item;
  else delete byId[item.id];
  return { ...state, byId, order: sortIds(byId), versions, touched };
}

/** A live snapshot (the client was far behind): it replaces the queue. */
export function applySnapshot(state: QueueState, incidents: readonly IncidentSummary[], now: number): QueueState {
  const versions: Record<string, number> = { ...state.versions };
  const byId: Record<string, QueueItem> = {};
  for (const i of incidents) {
    versions[i.id] = Math.max(versions[i.id] ?? 0, i.version);
    const item = { ...i, overdue: isPastDue(i, now) };
    if (isOpen(item) && matchesFilter(item, state.filter)) byId[i.id] = item;
  }
  return { ...state, byId, order: sortIds(byId), versions };
}

/** Time passed: steps that went past due move up (and leave an overdue-only queue never). */
export function tick(state: QueueState, now: number): QueueState {
  let changed = false;
  const byId: Record<string, QueueItem> = { ...state.byId };
  for (const [id, item] of Object.entries(state.byId)) {
    if (!item.overdue && isPastDue(item, now)) {
      byId[id] = { ...item, overdue: true };
      changed = true;
    }
  }
  return changed ? { ...state, byId, order: sortIds(byId) } : state;
}

/** The queue's incidents in order. */
export function queueItems(state: QueueState): QueueItem[] {
  return state.order.map((id) => state.byId[id]);
}
