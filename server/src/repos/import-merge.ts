/**
 * The working rows merged into the layer's table, by code: new codes inserted, known ones updated
 * in place when anything differs, the rest counted unchanged. Every row an import changes leaves
 * its before-image in import_changes (NULL for an insert), which is what undo puts back.
 */
import type pg from 'pg';
import type { Reject, Repair } from '../contract/imports.ts';
import type { RowLayer } from './import-rows.ts';
import { CODE_REFERENCES, LAYER_TABLES } from './import-tables.ts';

export interface MergeCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  changed: { inserted: string[]; updated: string[] };
}

/** Rows naming a code that does not exist (a department, a street office …) are refused. */
export async function checkReferences(db: pg.ClientBase, layer: RowLayer): Promise<void> {
  for (const [field, table, what] of CODE_REFERENCES[layer] ?? []) {
    const scope = table === 'patrol_units' ? ` AND x.kind = 'grid_worker'` : '';
    await db.query(
      `UPDATE imp i SET reject = '${what} ' || (i.v->>'${field}') || ' does not exist'
       WHERE i.reject IS NULL AND i.v->>'${field}' IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM ${table} x WHERE x.code = i.v->>'${field}'${scope})`,
    );
  }
}

/** A code the layer's table already gives to a row of another kind (a unit's code for a worker). */
async function checkScope(db: pg.ClientBase, layer: RowLayer): Promise<void> {
  const t = LAYER_TABLES[layer];
  if (!t.scope) return;
  await db.query(
    `UPDATE imp i SET reject = 'code ' || i.code || ' already belongs to a ' || replace(x.kind, '_', ' ')
     FROM ${t.table} x WHERE x.code = i.code AND NOT (x.${t.scope}) AND i.reject IS NULL`,
  );
}

export async function mergeRows(db: pg.ClientBase, layer: RowLayer, importId: number): Promise<MergeCounts> {
  const t = LAYER_TABLES[layer];
  await checkReferences(db, layer);
  await checkScope(db, layer);
  const cols = Object.keys(t.cols);
  const compared = cols.filter((c) => !t.derived?.includes(c));
  const derived = cols.filter((c) => t.derived?.includes(c));
  // One pass: each row's new values, the row it updates (by code) and whether anything differs.
  // Derived columns (the grid a point lies in) are worked out only for the rows written.
  await db.query(
    `CREATE TEMP TABLE imp_new ON COMMIT DROP AS
     SELECT n.*, x.id AS target_id,
            CASE WHEN x.id IS NULL THEN 'inserted'
                 WHEN (${compared.map((c) => `x.${c}`).join(', ')}) IS NOT DISTINCT FROM (${compared.map((c) => `n.${c}`).join(', ')})
                 THEN 'unchanged' ELSE 'updated' END AS outcome
     FROM (SELECT i.idx, i.code, ${compared.map((c) => `${t.cols[c]} AS ${c}`).join(', ')} FROM imp i WHERE i.reject IS NULL) n
     LEFT JOIN ${t.table} x ON x.code = n.code`,
  );
  const values = [...compared.map((c) => `n.${c}`), ...derived.map((c) => t.cols[c])];
  const written = [...compared, ...derived];
  await db.query(
    `INSERT INTO import_changes (import_id, tbl, row_id, before)
     SELECT $1, '${t.table}', x.id, to_jsonb(x) FROM ${t.table} x JOIN imp_new n ON n.target_id = x.id AND n.outcome = 'updated'`,
    [importId],
  );
  const bump = t.versioned ? ', version = x.version + 1, updated_at = now()' : '';
  await db.query(
    `UPDATE ${t.table} x SET (${written.join(', ')}) = (${values.join(', ')})${bump}
     FROM imp_new n JOIN imp i USING (idx) WHERE n.target_id = x.id AND n.outcome = 'updated'`,
  );
  await db.query(
    `WITH ins AS (
       INSERT INTO ${t.table} (code, ${written.join(', ')})
       SELECT n.code, ${values.join(', ')} FROM imp_new n JOIN imp i USING (idx) WHERE n.outcome = 'inserted'
       ORDER BY n.idx RETURNING id, code)
     , mark AS (UPDATE imp_new n SET target_id = ins.id FROM ins WHERE ins.code = n.code)
     INSERT INTO import_changes (import_id, tbl, row_id, before) SELECT $1, '${t.table}', id, NULL FROM ins`,
    [importId],
  );
  const { rows } = await db.query<{ outcome: string; n: number; first: string[] }>(
    `SELECT outcome, count(*)::int AS n, (array_agg(code ORDER BY idx))[1:20] AS first FROM imp_new GROUP BY outcome`,
  );
  const get = (o: string) => rows.find((r) => r.outcome === o);
  return {
    inserted: get('inserted')?.n ?? 0,
    updated: get('updated')?.n ?? 0,
    unchanged: get('unchanged')?.n ?? 0,
    changed: { inserted: get('inserted')?.first ?? [], updated: get('updated')?.first ?? [] },
  };
}

/** After workers: each worker with a grid code becomes that grid's worker (one grid, one worker). */
export async function assignWorkers(db: pg.ClientBase, importId: number, via: 'workers' | 'grids'): Promise<Reject[]> {
  // The pairs the file asks for: (worker id, grid id).
  const pairs =
    via === 'workers'
      ? `SELECT i.idx, i.code, n.target_id AS worker, g.id AS grid, g.code AS grid_code FROM imp i
         JOIN imp_new n USING (idx) JOIN grids g ON g.code = i.v->>'grid_code'`
      : `SELECT i.idx, i.code, u.id AS worker, n.target_id AS grid, i.code AS grid_code FROM imp i
         JOIN imp_new n USING (idx) JOIN patrol_units u ON u.code = i.v->>'worker_code' AND u.kind = 'grid_worker'`;
  const { rows: clash } = await db.query<{ idx: number; code: string; reason: string }>(
    `WITH p AS (${pairs})
     SELECT p.idx, p.code, CASE
         WHEN count(*) OVER (PARTITION BY p.worker) > 1 THEN 'the worker is named for more than one grid in this file'
         WHEN count(*) OVER (PARTITION BY p.grid) > 1 THEN 'grid ' || p.grid_code || ' is given more than one worker in this file'
         WHEN EXISTS (SELECT 1 FROM grids g WHERE g.worker_id = p.worker AND g.id <> p.grid) THEN
           'the worker already serves grid ' || (SELECT g.code FROM grids g WHERE g.worker_id = p.worker AND g.id <> p.grid LIMIT 1)
       END AS reason
     FROM p`,
  );
  const bad = clash.filter((c) => c.reason);
  await db.query(
    `INSERT INTO import_changes (import_id, tbl, row_id, before)
     SELECT $1, 'grids', g.id, to_jsonb(g) FROM grids g
     WHERE g.id IN (SELECT grid FROM (${pairs}) p WHERE NOT (p.idx = ANY($2::int[])))
     ON CONFLICT DO NOTHING`,
    [importId, bad.map((b) => b.idx)],
  );
  const keep = [bad.map((b) => b.idx)];
  // The worker a grid had before lets go of it; then each grid takes its worker, and the worker its grid.
  await db.query(
    `WITH p AS (SELECT * FROM (${pairs}) p WHERE NOT (p.idx = ANY($1::int[])))
     UPDATE patrol_units u SET home_grid_id = NULL FROM p WHERE u.home_grid_id = p.grid AND u.id <> p.worker`,
    keep,
  );
  await db.query(
    `WITH p AS (SELECT * FROM (${pairs}) p WHERE NOT (p.idx = ANY($1::int[])))
     UPDATE grids g SET worker_id = p.worker FROM p WHERE g.id = p.grid`,
    keep,
  );
  await db.query(
    `WITH p AS (SELECT * FROM (${pairs}) p WHERE NOT (p.idx = ANY($1::int[])))
     UPDATE patrol_units u SET home_grid_id = p.grid FROM p WHERE u.id = p.worker`,
    keep,
  );
  return bad.map((b) => ({ index: b.idx, code: b.code, reason: b.reason }));
}

/**
 * Grids naming a worker the register does not hold yet (the roster often comes after the map):
 * the grid goes in without a worker, and says so; importing the workers assigns them.
 */
export async function workersNotYetKnown(db: pg.ClientBase): Promise<Repair[]> {
  const { rows } = await db.query<{ idx: number; code: string; worker: string }>(
    `SELECT i.idx, i.code, i.v->>'worker_code' AS worker FROM imp i JOIN imp_new n USING (idx)
     WHERE i.v->>'worker_code' IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM patrol_units u WHERE u.code = i.v->>'worker_code' AND u.kind = 'grid_worker')
     ORDER BY i.idx`,
  );
  return rows.map((r) => ({
    index: r.idx,
    code: r.code,
    what: `grid worker ${r.worker} is not in the register yet: the grid has no worker until the workers are imported`,
  }));
}
