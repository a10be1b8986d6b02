/** Where units are: current positions, short trails, and any past window for playback. */
import type pg from 'pg';
import { sql } from '../sql/index.ts';

export type BBox = [number, number, number, number];

export interface UnitPosition {
  id: number;
  code: string;
  name: string;
  kind: string;
  status: string;
  home_grid_id: number | null;
  street_office_id: number | null;
  lon: number;
  lat: number;
  last_fix_at: Date | null;
  in_own_area: boolean | null;
  responding_to: string | null;
}

export async function unitPositions(db: pg.Pool, bbox: BBox | null): Promise<UnitPosition[]> {
  const { rows } = await db.query<UnitPosition>(sql('patrols/units'), [bbox]);
  return rows;
}

export interface Trip {
  id: number;
  kind?: string;
  code?: string;
  path: [number, number][];
  times: number[];
}

export async function trails(db: pg.Pool, minutes: number, bbox: BBox | null): Promise<Trip[]> {
  const { rows } = await db.query<Trip>(sql('patrols/trails'), [minutes, bbox]);
  return rows.map((r) => ({ ...r, times: r.times.map(Number) }));
}

export interface PlaybackIncident {
  id: string;
  category: string;
  grade: string;
  status: string;
  t: number;
  lon: number;
  lat: number;
}

export async function playback(db: pg.Pool, from: Date, to: Date, bbox: BBox | null, unit: number | null) {
  const [trips, incidents] = await Promise.all([
    db.query<Trip>(sql('patrols/playback'), [from, to, bbox, unit]),
    db.query<PlaybackIncident>(sql('patrols/playback-incidents'), [from, to, bbox]),
  ]);
  return {
    trips: trips.rows.map((r) => ({ ...r, times: r.times.map(Number) })),
    incidents: incidents.rows.map((r) => ({ ...r, t: Number(r.t) })),
  };
}
