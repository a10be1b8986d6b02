/** Patrol units: positions and nearest-unit look-ups. */
import type pg from 'pg';
import { sql } from '../sql/index.ts';

export interface NearestUnit {
  id: number;
  code: string;
  name: string;
  kind: string;
  status: string;
  phone: string | null;
  home_grid_id: number | null;
  last_fix_at: Date | null;
  lon: number;
  lat: number;
  distance_m: number;
}

export async function nearestUnits(db: pg.Pool, lon: number, lat: number, limit: number, includeOffDuty: boolean): Promise<NearestUnit[]> {
  const { rows } = await db.query<NearestUnit>(sql('patrols/nearest'), [lon, lat, limit, includeOffDuty]);
  return rows;
}
