/** Builders for incident reports at real places of the test city. */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';

export interface GridPoint {
  gridId: number;
  communityId: number;
  districtId: number;
  lon: number;
  lat: number;
}

/** A point inside a grid (the n-th grid by id), with the areas it belongs to. */
export async function pointInGrid(db: pg.Pool, n = 0): Promise<GridPoint> {
  const { rows } = await db.query(
    `SELECT g.id AS "gridId", g.community_id AS "communityId", s.district_id AS "districtId",
            ST_X(ST_PointOnSurface(g.geom)) AS lon, ST_Y(ST_PointOnSurface(g.geom)) AS lat
     FROM grids g JOIN communities c ON c.id = g.community_id JOIN street_offices s ON s.id = c.street_office_id
     ORDER BY g.id OFFSET $1 LIMIT 1`,
    [n],
  );
  return rows[0];
}

export function report(at: GridPoint, over: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    category: 'environment',
    grade: 'routine',
    description: '楼道堆放杂物，影响通行',
    lon: at.lon,
    lat: at.lat,
    ...over,
  };
}

/** An action body with the incident's current version added when the test does not name one. */
export async function atCurrentVersion(db: pg.Pool, id: string, body: object): Promise<object> {
  if ('version' in body) return body;
  const { rows } = await db.query<{ version: number }>('SELECT version FROM incidents WHERE id = $1', [id]);
  return { ...body, version: rows[0]?.version ?? 1 };
}
