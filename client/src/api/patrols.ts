/**
 * Patrol data for any screen: current positions, short trails, the live position feed (its own
 * socket, joined to the server's `patrols` room), routes and their match, the daily assessment,
 * key-place reach and playback windows. A screen that reconnects fetches positions again.
 */
import { io, type Socket } from 'socket.io-client';
import type { PatrolPositionBatch } from '../../../server/src/contract/events.ts';
import type {
  AssessmentResponse,
  CheckpointResult,
  DailyRow,
  Deviation,
  Playback,
  PlaybackIncident,
  PlannedRoute,
  ReachPlace,
  ReachResponse,
  RouteIn,
  RouteMatch,
  RoutesResponse,
  RouteSummary,
  StreetPathResponse,
  TrailsResponse,
  Trip,
  UnitPosition,
  UnitsResponse,
  UnitStatus,
} from '../../../server/src/contract/patrols.ts';
import { getToken, originUrl, request } from './http';

export type {
  AssessmentResponse,
  CheckpointResult,
  DailyRow,
  Deviation,
  Playback,
  PlaybackIncident,
  ReachPlace,
  ReachResponse,
  RouteIn,
  RouteMatch,
  RouteSummary,
  StreetPathResponse,
  Trip,
  UnitStatus,
};
/** A unit where it is now (`GET /api/patrols/units`). */
export type PatrolUnit = UnitPosition;

export const fetchUnits = (signal?: AbortSignal) => request<UnitsResponse>('/api/patrols/units', { signal });
export const fetchTrails = (minutes = 10, signal?: AbortSignal) =>
  request<TrailsResponse>('/api/patrols/trails', { query: { minutes }, signal });
export const fetchReach = (minutes: number, signal?: AbortSignal) =>
  request<ReachResponse>('/api/patrols/reach', { query: { minutes }, signal });
export const fetchPath = (from: [number, number], to: [number, number], signal?: AbortSignal) =>
  request<StreetPathResponse>('/api/patrols/path', { query: { from: from.join(','), to: to.join(',') }, signal });
export const fetchRoutes = (signal?: AbortSignal) => request<RoutesResponse>('/api/patrols/routes', { signal });
export const fetchRouteMatch = (id: number, signal?: AbortSignal) =>
  request<RouteMatch>(`/api/patrols/routes/${id}`, { signal });
export const fetchAssessment = (day?: string, signal?: AbortSignal) =>
  request<AssessmentResponse>('/api/patrols/assessment', { query: day ? { day } : {}, signal });
export const fetchPlayback = (from: Date, to: Date, signal?: AbortSignal) =>
  request<Playback>('/api/patrols/playback', { query: { from: from.toISOString(), to: to.toISOString() }, signal });
export const planRoute = (body: RouteIn) => request<PlannedRoute>('/api/patrols/routes', { method: 'POST', body });

/** Applies a live batch to a list of units: positions, status and in-area flag move; others stay. */
export function applyBatch(units: PatrolUnit[], batch: PatrolPositionBatch): PatrolUnit[] {
  const rows = new Map(batch.units.map((r) => [r[0], r]));
  if (!rows.size) return units;
  return units.map((u) => {
    const r = rows.get(u.id);
    if (!r) return u;
    const t = new Date(r[3]).toISOString();
    if (u.last_fix_at && u.last_fix_at > t) return u;
    return {
      ...u,
      lon: r[1],
      lat: r[2],
      last_fix_at: t,
      status: r[4] as UnitStatus,
      in_own_area: u.kind === 'grid_worker' ? r[5] : u.in_own_area,
    };
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
