/** Cameras: reads for the map. */
import type pg from 'pg';
import type { BBox } from '../domain/bbox.ts';
import { sql } from '../sql/index.ts';

export interface CameraFilter {
  status: string | null;
  gridId: number | null;
}

export async function listCamerasGeoJson(db: pg.Pool, bbox: BBox, limit: number, f: CameraFilter): Promise<string> {
  const { rows } = await db.query<{ body: string }>(sql('features/cameras'), [...bbox, limit, f.status, f.gridId]);
  return rows[0].body;
}
