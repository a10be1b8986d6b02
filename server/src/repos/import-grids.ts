/**
 * What an import of communities or grids owes the grid editor's invariants: every community is
 * tiled by grids (a new community gets one grid over all of it until its grids are imported),
 * a grids file replaces the grids of each community it names (what stood in a removed grid moves
 * to the grid that now holds it), every grid has blocks for the brush, and no tiling breaks.
 */
import type pg from 'pg';
import type { ProblemPlace } from '../contract/imports.ts';

async function tilingProblems(db: pg.ClientBase, communities: number[]): Promise<ProblemPlace[]> {
  if (!communities.length) return [];
  const { rows } = await db.query<ProblemPlace>(
    `SELECT coalesce(p.code, c.code) AS code,
            CASE WHEN p.code IS NULL THEN 'community ' || c.code || ' ' ELSE 'grid ' || p.code || ' ' END || p.problem AS problem,
            ST_AsGeoJSON(ST_ForcePolygonCCW(coalesce(g.geom, c.geom)), 7)::json AS geometry
     FROM communities c CROSS JOIN LATERAL gb_tiling_problems(c.id, 1.0) p
     LEFT JOIN grids g ON g.id = p.grid_id
     WHERE c.id = ANY($1::int[]) LIMIT 200`,
    [communities],
  );
  return rows;
}

/** Blocks for grids that have none (a real city brings no street blocks: each grid's parts serve). */
async function ensureBlocks(db: pg.ClientBase, communities: number[]): Promise<void> {
  await db.query(
    `INSERT INTO blocks (community_id, grid_id, geom)
     SELECT g.community_id, g.id, d.geom FROM grids g CROSS JOIN LATERAL ST_Dump(g.geom) d
     WHERE g.community_id = ANY($1::int[]) AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.grid_id = g.id)`,
    [communities],
  );
}

export async function afterCommunities(db: pg.ClientBase, actor: string): Promise<ProblemPlace[]> {
  const { rows } = await db.query<{ id: number }>(
    `SELECT DISTINCT n.target_id::int AS id FROM imp_new n WHERE n.outcome IN ('inserted', 'updated')`,
  );
  const ids = rows.map((r) => r.id);
  await db.query(
    `INSERT INTO grids (community_id, code, name, type, geom, allow_multipart, updated_by)
     SELECT c.id, c.code || '-G01', c.name_zh || '（待划分）', c.kind, c.geom, ST_NumGeometries(c.geom) > 1, $2
     FROM communities c WHERE c.id = ANY($1::int[]) AND NOT EXISTS (SELECT 1 FROM grids g WHERE g.community_id = c.id)`,
    [ids, actor],
  );
  await ensureBlocks(db, ids);
  return tilingProblems(db, ids);
}

export async function afterGrids(db: pg.ClientBase, importId: number, actor: string): Promise<ProblemPlace[]> {
  const { rows: cs } = await db.query<{ id: number }>(
    `SELECT DISTINCT parent_id AS id FROM imp WHERE reject IS NULL AND parent_id IS NOT NULL`,
  );
  const communities = cs.map((c) => c.id);
  const { rows: removed } = await db.query<{ id: number }>(
    `SELECT g.id FROM grids g WHERE g.community_id = ANY($1::int[])
       AND NOT EXISTS (SELECT 1 FROM imp i WHERE i.code = g.code AND i.reject IS NULL)`,
    [communities],
  );
  const removedIds = removed.map((r) => r.id);
  await db.query(
    `INSERT INTO import_changes (import_id, tbl, row_id, before)
     SELECT $1, 'grids', g.id, to_jsonb(g) FROM grids g WHERE g.id = ANY($2::int[]) ON CONFLICT DO NOTHING`,
    [importId, removedIds],
  );
  const { rows: kept } = await db.query<{ id: number }>(
    `SELECT id FROM grids WHERE community_id = ANY($1::int[]) AND NOT (id = ANY($2::int[]))`,
    [communities, removedIds],
  );
  // Blocks, buildings, cameras, key places and open incidents follow the grid that now holds them.
  await db.query(`SELECT gb_grid_reassign($1::int[], $2::int[], $3)`, [kept.map((k) => k.id), removedIds, actor]);
  await ensureBlocks(db, communities);
  await householdsFromBuildings(db, communities);
  return tilingProblems(db, communities);
}

/**
 * A grid whose register gives no households and population takes its buildings' sums (after
 * grids, for the communities given; after buildings, for every grid).
 */
export async function householdsFromBuildings(db: pg.ClientBase, communities: number[] | null): Promise<void> {
  await db.query(
    `UPDATE grids g SET households = s.h, population = s.p
     FROM (SELECT grid_id, sum(households)::int AS h, sum(population)::int AS p FROM buildings
           WHERE grid_id IS NOT NULL GROUP BY grid_id) s
     WHERE s.grid_id = g.id AND g.households = 0 AND g.population = 0
       AND ($1::int[] IS NULL OR g.community_id = ANY($1::int[]))`,
    [communities],
  );
}

/** Key places landed: each is reached from its nearest street crossing (the patrols' reach and routing). */
export async function afterKeyPlaces(db: pg.ClientBase): Promise<void> {
  await db.query(
    `UPDATE key_places k SET vertex_id = street_vertex_near(k.geom)
     FROM imp_new n WHERE n.target_id = k.id AND n.outcome IN ('inserted', 'updated')`,
  );
}
