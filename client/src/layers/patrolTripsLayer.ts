/**
 * Playback: every unit's track as a deck.gl TripsLayer whose head moves with the clock, and the
 * incidents of the window appearing at their report times (a pulse for the first minutes).
 * Timestamps are seconds from the window's start (float32 precision on the GPU).
 */
import { TripsLayer } from '@deck.gl/geo-layers';
import { ScatterplotLayer } from '@deck.gl/layers';
import type { RGBA } from './palette';

export const PATROL_TRIPS_LAYER_ID = 'patrol-trips';

export interface PlaybackTrip {
  id: number;
  kind?: string;
  path: [number, number][];
  /** Seconds since the window's start, one per point. */
  times: number[];
}

export interface PlaybackIncidentPoint {
  id: string;
  lon: number;
  lat: number;
  /** Seconds since the window's start. */
  t: number;
  grade: string;
}

const TEAM: RGBA = [52, 211, 153, 255];
const WORKER: RGBA = [167, 139, 250, 255];
const GRADE: Record<string, RGBA> = {
  routine: [56, 189, 248, 230],
  key: [251, 146, 60, 240],
  difficult: [239, 68, 68, 250],
};

export function createPatrolTripsLayer(o: {
  trips: PlaybackTrip[];
  currentTime: number;
  trailSeconds?: number;
  widthPixels?: number;
}) {
  return new TripsLayer<PlaybackTrip>({
    id: PATROL_TRIPS_LAYER_ID,
    data: o.trips,
    getPath: (d) => d.path,
    getTimestamps: (d) => d.times,
    getColor: (d) => (d.kind === 'patrol_team' ? TEAM : WORKER),
    widthUnits: 'pixels',
    getWidth: o.widthPixels ?? 3,
    capRounded: true,
    jointRounded: true,
    fadeTrail: true,
    trailLength: o.trailSeconds ?? 600,
    currentTime: o.currentTime,
    pickable: false,
  });
}

/** Incidents reported up to the current time; the last 5 minutes' are drawn larger. */
export function createPlaybackIncidentsLayer(o: { incidents: PlaybackIncidentPoint[]; currentTime: number }) {
  const shown = o.incidents.filter((i) => i.t <= o.currentTime);
  return new ScatterplotLayer<PlaybackIncidentPoint>({
    id: `${PATROL_TRIPS_LAYER_ID}-incidents`,
    data: shown,
    getPosition: (i) => [i.lon, i.lat],
    radiusUnits: 'pixels',
    getRadius: (i) => (o.currentTime - i.t < 300 ? 9 : 5),
    getFillColor: (i) => GRADE[i.grade] ?? GRADE.routine,
    stroked: true,
    getLineColor: [255, 255, 255, 220],
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
    pickable: true,
    updateTriggers: { getRadius: Math.floor(o.currentTime / 10) },
  });
}
