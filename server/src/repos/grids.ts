/** Grids: reads for the map and the inspector. Results are GeoJSON text built in PostGIS. */
import type pg from 'pg';
import type { BBox } from '../domain/bbox.ts';
import { sql } from '../sql/index.ts';

export async function listGridsGeoJson(
  db: pg.Pool,
  bbox: BBox,
  limit: number,
  communityId: number | null,
): Promise<string> {
  const { rows } = await db.query<{ body: string }>(sql('features/grids'), [...bbox, limit, communityId]);
  return rows[0].body;
}

export async function getGridGeoJson(db: pg.Pool, id: number): Promise<string | null> {
  const { rows } = await db.query<{ body: string }>(sql('features/grid'), [id]);
  return rows[0]?.body ?? null;
}
