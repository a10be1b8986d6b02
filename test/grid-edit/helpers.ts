/**
 * Checks of the grid invariants written independently of the server's own checks, straight
 * against PostGIS: a community's grids tile it exactly, and everything is in the grid that
 * contains it, with households and population summed from the buildings.
 */
import type pg from 'pg';
import { expect } from 'vitest';
import type { TestContext } from '../helpers/app.ts';

/** Tolerance of the tiling checks (the README states it): 1 m², or 1 ppm of the community's area if larger. */
const tolerance = (communityM2: number) => Math.max(1, communityM2 * 1e-6);

export async function tilingOf(db: pg.Pool, communityId: number) {
  const { rows } = await db.query(
    `
    WITH cg AS (SELECT id, geom, allow_multipart FROM grids WHERE community_id = $1),
         c AS (SELECT geom FROM communities WHERE id = $1),
         u AS (SELECT ST_Union(geom) AS geom FROM cg)
    SELECT (SELECT count(*) FROM cg)::int AS grids, ST_Area(c.geom::geography) AS community_m2,
           ST_Area(ST_Difference(c.geom, u.geom)::geography) AS gap_m2,
           ST_Area(ST_Difference(u.geom, c.geom)::geography) AS outside_m2,
           (SELECT coalesce(max(ST_Area(ST_Intersection(a.geom, b.geom)::geography)), 0) FROM cg a JOIN cg b ON a.id < b.id AND a.geom && b.geom) AS overlap_m2,
           (SELECT count(*) FROM cg WHERE NOT ST_IsValid(geom))::int AS invalid,
           (SELECT count(*) FROM cg WHERE NOT allow_multipart AND ST_NumGeometries(geom) <> 1)::int AS broken
    FROM c, u`,
    [communityId],
  );
  return rows[0] as {
    grids: number;
    community_m2: number;
    gap_m2: number;
    outside_m2: number;
    overlap_m2: number;
    invalid: number;
    broken: number;
  };
}

export async function expectTiled(db: pg.Pool, communityId: number) {
  const t = await tilingOf(db, communityId);
  const tol = tolerance(t.community_m2);
  expect(t.gap_m2, 'gap').toBeLessThan(tol);
  expect(t.outside_m2, 'outside').toBeLessThan(tol);
  expect(t.overlap_m2, 'overlap').toBeLessThan(tol);
  expect(t.invalid, 'invalid grids').toBe(0);
  expect(t.broken, 'grids in several parts').toBe(0);
}

/** Every building, camera, key place and open incident of the community sits in its grid, every block (99 % of it) too; counts add up. */
export async function expectAssigned(db: pg.Pool, communityId: number) {
  const { rows } = await db.query(
    `
    WITH cg AS (SELECT id, geom, households, population FROM grids WHERE community_id = $1)
    SELECT
      (SELECT count(*) FROM buildings b JOIN cg ON cg.id = b.grid_id WHERE NOT ST_Intersects(cg.geom, ST_PointOnSurface(b.geom)))::int AS buildings_off,
      (SELECT count(*) FROM cameras k JOIN cg ON cg.id = k.grid_id WHERE NOT ST_Intersects(cg.geom, k.geom))::int AS cameras_off,
      (SELECT count(*) FROM key_places k JOIN cg ON cg.id = k.grid_id WHERE NOT ST_Intersects(cg.geom, k.geom))::int AS places_off,
      (SELECT count(*) FROM incidents i JOIN cg ON cg.id = i.grid_id WHERE i.closed_at IS NULL AND NOT ST_Intersects(cg.geom, i.geom))::int AS incidents_off,
      (SELECT count(*) FROM cg WHERE households <> (SELECT coalesce(sum(households), 0) FROM buildings b WHERE b.grid_id = cg.id)
                                  OR population <> (SELECT coalesce(sum(population), 0) FROM buildings b WHERE b.grid_id = cg.id))::int AS counts_off,
      (SELECT count(*) FROM blocks b JOIN cg ON cg.id = b.grid_id
         WHERE ST_Area(ST_Intersection(b.geom, cg.geom)::geography) < 0.99 * ST_Area(b.geom::geography))::int AS blocks_off,
      (SELECT count(*) FROM patrol_units p WHERE p.home_grid_id IS NULL AND p.kind = 'grid_worker')::int AS homeless_workers`,
    [communityId],
  );
  if (rows[0].blocks_off) {
    const { rows: off } = await db.query(
      `SELECT b.id, b.grid_id, b.parent_id, ST_Area(b.geom::geography) AS m2 FROM blocks b JOIN grids g ON g.id = b.grid_id
      WHERE g.community_id = $1 AND ST_Area(ST_Intersection(b.geom, g.geom)::geography) < 0.99 * ST_Area(b.geom::geography)`,
      [communityId],
    );
    console.error('[grid-edit] blocks outside their grid:', JSON.stringify(off));
  }
  expect(rows[0]).toEqual({
    buildings_off: 0,
    cameras_off: 0,
    places_off: 0,
    incidents_off: 0,
    counts_off: 0,
    blocks_off: 0,
    homeless_workers: 0,
  });
}

/**
 * A fingerprint of everything an edit of these communities may change (their grids, blocks,
 * buildings, history and events), to prove a refused edit changed nothing.
 */
export async function fingerprint(db: pg.Pool, communities: readonly number[]): Promise<string> {
  const { rows } = await db.query(
    `
    SELECT md5(string_agg(id || ':' || version || ':' || md5(ST_AsBinary(geom)) || ':' || households, ',' ORDER BY id)) AS grids,
           (SELECT count(*) FROM grid_versions WHERE community_id = ANY($1::int[])) AS versions,
           (SELECT count(*) FROM events WHERE type = 'grid.changed' AND community_id = ANY($1::int[])) AS events,
           (SELECT md5(string_agg(id || ':' || coalesce(grid_id, 0) || ':' || md5(ST_AsBinary(geom)), ',' ORDER BY id)) FROM blocks WHERE community_id = ANY($1::int[])) AS blocks,
           (SELECT md5(string_agg(b.id || ':' || coalesce(b.grid_id, 0), ',' ORDER BY b.id)) FROM buildings b JOIN grids g ON g.id = b.grid_id WHERE g.community_id = ANY($1::int[])) AS buildings,
           (SELECT count(*) FROM communities) AS communities
    FROM grids WHERE community_id = ANY($1::int[])`,
    [communities],
  );
  return JSON.stringify(rows[0]);
}

/** GeoJSON of a grid's geometry as the editor gets it (counter-clockwise, 7 digits). */
export async function gridFeature(t: TestContext, id: number) {
  const { rows } = await t.db.query('SELECT community_id FROM grids WHERE id = $1', [id]);
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/communities/${rows[0].community_id}/grids`,
    headers: t.auth('planner'),
  });
  return res.json().features.find((f: { id: number }) => f.id === id);
}

/**
 * SQL: community `c` has had no edit yet in this database. Every test file has a database of its
 * own, but the tests of one file share it: a test that edits takes a community none before it did.
 */
export const UNEDITED = 'NOT EXISTS (SELECT 1 FROM grid_versions v WHERE v.community_id = c.id)';

/** Two grids of one community that share an edge, the first with more than one block. */
export async function adjacentPair(db: pg.Pool, offset = 0, only: number | null = null) {
  // One pair per community, so that each offset edits a community of its own.
  const { rows } = await db.query(
    `
    SELECT DISTINCT ON (a.community_id) a.id AS a, b.id AS b, a.community_id, a.version AS va, b.version AS vb
    FROM grids a JOIN grids b ON b.community_id = a.community_id AND a.id < b.id AND a.geom && b.geom
    WHERE ST_Relate(a.geom, b.geom, '****1****') AND (SELECT count(*) FROM blocks WHERE grid_id = a.id) > 1
      AND (SELECT count(*) FROM blocks WHERE grid_id = b.id) > 1 AND ($2::int IS NULL OR a.community_id = $2)
    ORDER BY a.community_id, a.id, b.id OFFSET $1 LIMIT 1`,
    [offset, only],
  );
  return rows[0] as { a: number; b: number; community_id: number; va: number; vb: number };
}

/** A grid's row as the edit tests check it. */
export async function gridRow(db: pg.Pool, id: number) {
  const { rows } = await db.query(
    'SELECT id, code, version, households, population, community_id, updated_by FROM grids WHERE id = $1',
    [id],
  );
  return rows[0];
}

/** An edge between two blocks of the grid that is not on the grid's boundary (a street inside it). */
export async function innerEdge(db: pg.Pool, gridId: number) {
  const { rows } = await db.query(
    `
    SELECT ST_AsGeoJSON(e.geom) AS edge, ST_XMin(e.geom) x0, ST_YMin(e.geom) y0, ST_XMax(e.geom) x1, ST_YMax(e.geom) y1,
           ST_X(ST_StartPoint(e.geom)) sx, ST_Y(ST_StartPoint(e.geom)) sy, ST_X(ST_EndPoint(e.geom)) ex, ST_Y(ST_EndPoint(e.geom)) ey
    FROM blocks a JOIN blocks b ON a.id < b.id AND a.grid_id = $1 AND b.grid_id = $1 AND a.geom && b.geom
    CROSS JOIN LATERAL (SELECT ST_LineMerge(ST_Intersection(a.geom, b.geom)) AS geom) e
    WHERE ST_GeometryType(e.geom) = 'ST_LineString' AND ST_Length(e.geom::geography) > 50
    ORDER BY a.id, b.id LIMIT 1`,
    [gridId],
  );
  return rows[0];
}
