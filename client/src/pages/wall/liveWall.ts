/**
 * The wall's live state, changed only by this pure updater: the open incidents drawn as markers
 * (from the HTTP load, then kept up by live events), the ticker of the newest events and the
 * alert queue. Every collection is bounded, so a wall left on for weeks holds steady memory.
 */
import type { LiveEvent } from '../../api/live';

export interface WallIncident {
  id: string;
  grade: string;
  status: string;
  lon: number;
  lat: number;
  /** ms since epoch. */
  reportedAt: number;
  /** ms since epoch, or null: the step has no deadline. */
  dueAt: number | null;
  /** When this wall first saw it arrive live (ms), for the pulse; null for the loaded ones. */
  arrivedAt: number | null;
}

export interface TickerItem {
  seq: number;
  type: string;
  at: number;
  incidentId: string | null;
  grade: string | null;
  category: string | null;
  status: string | null;
  description: string;
  districtId: number | null;
  communityId: number | null;
}

export interface WallAlert {
  key: string;
  incident: WallIncident;
  category: string;
  description: string;
  communityId: number | null;
  at: number;
}

export interface WallLiveState {
  incidents: Map<string, WallIncident>;
  /** Bumped on every change of `incidents` (layers' update trigger). */
  version: number;
  /** Newest first. */
  ticker: TickerItem[];
  /** Oldest first: the first is on screen. */
  alerts: WallAlert[];
  /** Incidents applied from events since the last load (the KPIs are stale when > 0). */
  changes: number;
}

export const TICKER_MAX = 30;
export const ALERTS_MAX = 10;
/** Markers held at most; past it the oldest open incidents are dropped from the map (the heatmap keeps them). */
export const MARKERS_MAX = 60_000;

export function emptyWallLive(): WallLiveState {
  return { incidents: new Map(), version: 0, ticker: [], alerts: [], changes: 0 };
}

export interface LoadedIncident {
  id: string;
  grade: string;
  status: string;
  lon: number;
  lat: number;
  reported_at: string;
  due_at: string | null;
}

function toWallIncident(i: LoadedIncident, arrivedAt: number | null): WallIncident {
  return {
    id: i.id,
    grade: i.grade,
    status: i.status,
    lon: i.lon,
    lat: i.lat,
    reportedAt: Date.parse(i.reported_at),
    dueAt: i.due_at ? Date.parse(i.due_at) : null,
    arrivedAt,
  };
}

/** A fresh load (HTTP or a resync snapshot) replaces the markers; pulses of recent arrivals carry over. */
export function loadIncidents(state: WallLiveState, rows: LoadedIncident[]): WallLiveState {
  const incidents = new Map<string, WallIncident>();
  for (const r of rows.slice(0, MARKERS_MAX))
    incidents.set(r.id, toWallIncident(r, state.incidents.get(r.id)?.arrivedAt ?? null));
  return { ...state, incidents, version: state.version + 1, changes: 0 };
}

const CLOSED = new Set(['archived', 'evaluated', 'rejected', 'duplicate']);

/**
 * One live event. `alertGrades`: grades whose new incidents raise the alert card.
 * Incident events (事件) move the markers and go on the ticker; other kinds (unit movements,
 * grid and camera edits) have their own layers and would only flood it.
 */
export function applyWallEvent(
  state: WallLiveState,
  e: LiveEvent,
  now: number,
  alertGrades: readonly string[],
): WallLiveState {
  const inc = e.incident;
  if (!inc) return state;
  const item: TickerItem = {
    seq: e.seq,
    type: e.type,
    at: now,
    incidentId: inc.id,
    grade: inc.grade,
    category: inc.category,
    status: inc.status,
    description: inc.description,
    districtId: e.district_id,
    communityId: e.community_id,
  };
  const ticker = [item, ...state.ticker].slice(0, TICKER_MAX);

  const incidents = new Map(state.incidents);
  const previous = incidents.get(inc.id);
  if (CLOSED.has(inc.status) || inc.closed_at) incidents.delete(inc.id);
  else {
    const next = toWallIncident(inc, e.type === 'incident.created' ? now : (previous?.arrivedAt ?? null));
    incidents.delete(inc.id); // re-inserted last: Map order is arrival order, newest last
    incidents.set(inc.id, next);
    if (incidents.size > MARKERS_MAX) incidents.delete(incidents.keys().next().value!);
  }
  let alerts = state.alerts;
  if (
    e.type === 'incident.created' &&
    alertGrades.includes(inc.grade) &&
    !alerts.some((a) => a.incident.id === inc.id)
  ) {
    const alert: WallAlert = {
      key: `created:${inc.id}`,
      incident: toWallIncident(inc, now),
      category: inc.category,
      description: inc.description,
      communityId: inc.community_id,
      at: now,
    };
    alerts = [...alerts, alert].slice(-ALERTS_MAX);
  }
  return { incidents, version: state.version + 1, ticker, alerts, changes: state.changes + 1 };
}

/** The alert on screen has been shown long enough. */
export function dismissAlert(state: WallLiveState, key: string): WallLiveState {
  return { ...state, alerts: state.alerts.filter((a) => a.key !== key) };
}

/** Whether an incident's current step is past due at `now`. */
export function isOverdueAt(i: WallIncident, now: number): boolean {
  return i.dueAt !== null && i.dueAt < now;
}
