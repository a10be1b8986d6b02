/** Travel on the street network (pgRouting): nearest units, paths, key-place reach. */
import type pg from 'pg';
import type { NearestUnit as NearestUnitT, ReachPlace } from '../contract/patrols.ts';
import { DRIVE_MPS, WALK_MPS } from '../domain/patrol-travel.ts';
import { sql } from '../sql/index.ts';

/** A unit as the query returns it: the response's fields (before the ETA) and its routing facts. */
export interface NearestUnit extends Omit<NearestUnitT, 'last_fix_at' | 'eta_min'> {
  last_fix_at: Date | null;
  vertex_id: number;
  speed_mps: number;
}

export interface NearestQuery {
  lon: number;
  lat: number;
  limit: number;
  includeOffDuty: boolean;
  includeResponding: boolean;
  /** Longest travel time searched, in minutes (bounds the Dijkstra at this × driving speed). */
  maxMinutes: number;
}

export async function nearestUnits(db: pg.Pool, q: NearestQuery): Promise<NearestUnit[]> {
  const bound = q.maxMinutes * 60 * DRIVE_MPS;
  const { rows } = await db.query<NearestUnit>(sql('patrols/nearest'), [
    q.lon,
    q.lat,
    q.limit,
    q.includeOffDuty,
    bound,
    WALK_MPS,
    DRIVE_MPS,
    q.includeResponding,
  ]);
  return rows;
}

export interface StreetPath {
  coords: [number, number][];
  length_m: number;
}

/** The shortest street path between two points, or null when they are not connected. */
export async function streetPath(
  db: pg.Pool | pg.ClientBase,
  a: [number, number],
  b: [number, number],
  marginM = 3000,
): Promise<StreetPath | null> {
  const { rows } = await db.query<{ coords: [number, number][] | null; length_m: number }>(sql('patrols/path'), [
    a[0],
    a[1],
    b[0],
    b[1],
    marginM,
  ]);
  const r = rows[0];
  if (!r?.coords) {
    // Same crossing at both ends: a path of one point is still a path.
    return null;
  }
  return { coords: r.coords, length_m: Math.round(r.length_m * 10) / 10 };
}

/** A key place and the fastest unit's travel time to it (null: none gets there within the limit). */
export type KeyPlaceReach = ReachPlace;

export async function keyPlaceReach(db: pg.Pool, minutes: number): Promise<KeyPlaceReach[]> {
  const { rows } = await db.query<KeyPlaceReach>(sql('patrols/reach'), [minutes, WALK_MPS, DRIVE_MPS]);
  return rows;
}
