/** Where units are: current positions, short trails, and any past window for playback. */
import type pg from 'pg';
import type { PlaybackIncident, Trip, UnitPosition as UnitPositionT } from '../contract/patrols.ts';
import { sql } from '../sql/index.ts';

export type BBox = [number, number, number, number];

/** A unit's position as the query returns it (the response's, with the fix time still a Date). */
export interface UnitPosition extends Omit<UnitPositionT, 'last_fix_at'> {
  last_fix_at: Date | null;
}

export async function unitPositions(db: pg.Pool, bbox: BBox | null): Promise<UnitPosition[]> {
  const { rows } = await db.query<UnitPosition>(sql('patrols/units'), [bbox]);
  return rows;
}

export async function trails(db: pg.Pool, minutes: number, bbox: BBox | null): Promise<Trip[]> {
  const { rows } = await db.query<Trip>(sql('patrols/trails'), [minutes, bbox]);
  return rows.map((r) => ({ ...r, times: r.times.map(Number) }));
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
