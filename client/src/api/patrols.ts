/**
 * Patrol data for any screen: current positions, short trails, the live position feed (its own
 * socket, joined to the server's `patrols` room), routes and their match, the daily assessment,
 * key-place reach and playback windows. A screen that reconnects fetches positions again.
 */
import { io, type Socket } from 'socket.io-client';
import type { PatrolPositionBatch } from '../../../server/src/contract/events.ts';
import { getToken, originUrl, request } from './http';

export type UnitStatus = 'on_patrol' | 'responding' | 'off_duty';

export interface PatrolUnit {
  id: number;
  code: string;
  name: string;
  kind: 'grid_worker' | 'patrol_team';
  status: UnitStatus;
  home_grid_id: number | null;
  street_office_id: number | null;
  lon: number;
  lat: number;
  last_fix_at: string | null;
  in_own_area: boolean | null;
  responding_to: string | null;
}

export interface Trip {
  id: number;
  kind?: string;
  code?: string;
  path: [number, number][];
  times: number[];
}

export interface ReachPlace { id: number; kind: string; name: string; name_zh: string; grid_id: number | null; lon: number; lat: number; minutes: number | null }
export interface RouteSummary { id: number; unit_id: number; unit_code: string; name: string; starts_at: string; ends_at: string; length_m: number; path: [number, number][] }
export interface CheckpointResult { seq: number; name: string; status: 'on_time' | 'early' | 'late' | 'missed' | 'pending'; visited_at: string | null; lon: number; lat: number; window_start: string; window_end: string }
export interface Deviation { kind: 'off_route' | 'left_grid'; from: string; to: string; max_m: number }
export interface RouteMatch { route: RouteSummary; checkpoints: CheckpointResult[]; deviations: Deviation[]; track: [number, number, number][] }
export interface DailyRow {
  unit_id: number; unit_code: string; unit_name: string; grid_id: number | null; grid_code: string | null; fixes: number; street_m: number;
  walked_m: number; walked_share: number; inside_share: number; checkpoints_total: number; checkpoints_on_time: number; deviations: number;
}
export interface PlaybackIncident { id: string; category: string; grade: string; status: string; t: number; lon: number; lat: number }
export interface Playback { from: string; to: string; trips: Trip[]; incidents: PlaybackIncident[] }

export const fetchUnits = (signal?: AbortSignal) => request<{ at: string; units: PatrolUnit[] }>('/api/patrols/units', { signal });
export const fetchTrails = (minutes = 10, signal?: AbortSignal) =>
  request<{ minutes: number; trails: Trip[] }>('/api/patrols/trails', { query: { minutes }, signal });
export const fetchReach = (minutes: number, signal?: AbortSignal) =>
  request<{ minutes: number; unreachable: number; total: number; places: ReachPlace[] }>('/api/patrols/reach', { query: { minutes }, signal });
export const fetchPath = (from: [number, number], to: [number, number], signal?: AbortSignal) =>
  request<{ path: [number, number][]; length_m: number }>('/api/patrols/path', { query: { from: from.join(','), to: to.join(',') }, signal });
export const fetchRoutes = (signal?: AbortSignal) => request<{ routes: RouteSummary[] }>('/api/patrols/routes', { signal });
export const fetchRouteMatch = (id: number, signal?: AbortSignal) => request<RouteMatch>(`/api/patrols/routes/${id}`, { signal });
export const fetchAssessment = (day?: string, signal?: AbortSignal) =>
  request<{ day: string; rows: DailyRow[] }>('/api/patrols/assessment', { query: day ? { day } : {}, signal });
export const fetchPlayback = (from: Date, to: Date, signal?: AbortSignal) =>
  request<Playback>('/api/patrols/playback', { query: { from: from.toISOString(), to: to.toISOString() }, signal });
export const planRoute = (body: { unit_id: number; name: string; checkpoints: object[] }) =>
  request<{ id: number }>('/api/patrols/routes', { method: 'POST', body });

/** Applies a live batch to a list of units: positions, status and in-area flag move; others stay. */
export function applyBatch(units: PatrolUnit[], batch: PatrolPositionBatch): PatrolUnit[] {
  const rows = new Map(batch.units.map((r) => [r[0], r]));
  if (!rows.size) return units;
  return units.map((u) => {
    const r = rows.get(u.id);
    if (!r) return u;
    const t = new Date(r[3]).toISOString();
    if (u.last_fix_at && u.last_fix_at > t) return u;
    return { ...u, lon: r[1], lat: r[2], last_fix_at: t, status: r[4] as UnitStatus, in_own_area: u.kind === 'grid_worker' ? r[5] : u.in_own_area };
  });
}

/** Extends short trails with a live batch, keeping the last `keepMs` of each. */
export function extendTrails(trails: Trip[], batch: PatrolPositionBatch, keepMs: number): Trip[] {
  const byId = new Map(trails.map((t) => [t.id, t]));
  for (const r of batch.units) {
    const old = byId.get(r[0]) ?? { id: r[0], path: [], times: [] };
    if (old.times.length && old.times[old.times.length - 1] >= r[3]) continue;
    const cut = r[3] - keepMs;
    let k = 0;
    while (k < old.times.length && old.times[k] < cut) k++;
    byId.set(r[0], { ...old, path: [...old.path.slice(k), [r[1], r[2]]], times: [...old.times.slice(k), r[3]] });
  }
  return [...byId.values()];
}

/**
 * Subscribes to live positions. `onConnect` runs on every (re)connect, so the caller refetches
 * what a volatile feed may have dropped. Returns the unsubscribe function.
 */
export function subscribePositions(onBatch: (b: PatrolPositionBatch) => void, onConnect: () => void): () => void {
  const socket: Socket = io(originUrl(''), { transports: ['websocket'], auth: { token: getToken() } });
  socket.on('patrols', onBatch);
  socket.on('connect', onConnect);
  return () => {
    socket.off('patrols', onBatch);
    socket.close();
  };
}
