/**
 * Computing coverage: the full recompute (every view, road, watched point and grid, in parallel
 * chunks on several connections) and the incremental one that a camera change runs inside its
 * own transaction (only the changed cameras' views, and the roads, points and grids that their
 * old or new views reach).
 *
 * One advisory lock orders the writers: a camera change holds it for its transaction, a full
 * recompute for its whole run, so neither works from the other's half-finished state.
 */
import type pg from 'pg';
import {
  chunks,
  FLOOR_HEIGHT_M,
  INTERSECTION_REACH_M,
  KEYPLACE_MIN_SEEN,
  KEYPLACE_ZONE_M,
} from '../domain/coverage.ts';
import { appError } from '../errors.ts';
import { sql } from '../sql/index.ts';
import { inTransaction } from './transaction.ts';

export const COVERAGE_LOCK = 727_010;

type Db = pg.Pool | pg.ClientBase;

/**
 * Takes the coverage lock for the current transaction. Waits while a full recompute runs, up to
 * `waitS`; then the change is refused as a conflict the client may retry.
 */
export async function lockCoverage(client: pg.ClientBase, waitS = 25): Promise<void> {
  await client.query(`SET LOCAL lock_timeout = '${Math.round(waitS * 1000)}ms'`);
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [COVERAGE_LOCK]);
  } catch (err) {
    if ((err as { code?: string }).code === '55P03') {
      throw appError('conflict', 'Coverage is being recomputed for the whole city; retry in a minute');
    }
    throw err;
  }
  await client.query('SET LOCAL lock_timeout = 0');
}

/** The ground the current views of `ids` cover (hex EWKB), or null. Call before changing them. */
export async function viewsRegion(client: Db, ids: readonly number[]): Promise<string | null> {
  if (!ids.length) return null;
  const { rows } = await client.query<{ region: string | null }>(sql('coverage/views-region'), [ids]);
  return rows[0].region;
}

export interface RefreshResult {
  /** Grids whose measures were recomputed. */
  grids: number[];
  roads: number;
  points: number;
}

/**
 * After cameras `ids` changed (moved, re-aimed, repaired, broken, added, removed): recomputes
 * their views and everything the old (`before`, from viewsRegion) or new views reach, plus the
 * grids in `grids` (where the cameras stood and stand, for the camera counts).
 */
export async function refreshAfterChange(
  client: pg.ClientBase,
  ids: readonly number[],
  before: string | null,
  grids: readonly number[],
): Promise<RefreshResult> {
  await client.query(sql('coverage/views-drop'), [ids]);
  // In chunks, so that a large import is many short statements rather than one long one.
  for (const part of chunks(ids, 2000)) await client.query(sql('coverage/views-refresh'), [part, FLOOR_HEIGHT_M]);
  const after = await viewsRegion(client, ids);
  const region = before && after ? await collect(client, before, after) : (before ?? after);
  const {
    rows: [a],
  } = await client.query<{ roads: number[]; points: number[]; grids: number[] }>(sql('coverage/affected'), [
    region,
    grids.filter((g) => g != null),
    INTERSECTION_REACH_M * 1.25,
  ]);
  for (const part of chunks(a.roads, 2500)) await client.query(sql('coverage/roads-refresh'), [part]);
  for (const part of chunks(a.points, 2500))
    await client.query(sql('coverage/points-refresh'), [part, KEYPLACE_MIN_SEEN, INTERSECTION_REACH_M]);
  for (const part of chunks(a.grids, 100)) await client.query(sql('coverage/grids-refresh'), [part]);
  return { grids: a.grids, roads: a.roads.length, points: a.points.length };
}

/**
 * After buildings (or roads, key places) changed inside a bbox: redraws the zones of the key
 * places there, recomputes the views of every camera that can see into it, and the roads,
 * points and grids those views or the bbox reach — nothing else. One transaction.
 */
export async function refreshArea(
  pool: pg.Pool,
  bbox: readonly [number, number, number, number],
): Promise<RefreshResult & { cameras: number }> {
  return inTransaction(pool, async (client) => {
    await lockCoverage(client);
    await client.query(sql('coverage/points-zones'), [...bbox, KEYPLACE_ZONE_M]);
    const { rows } = await client.query<{ id: number }>(sql('coverage/area-cameras'), [...bbox]);
    const ids = rows.map((r) => r.id);
    const before = await viewsRegion(client, ids);
    const {
      rows: [env],
    } = await client.query<{ g: string }>('SELECT ST_Transform(ST_MakeEnvelope($1, $2, $3, $4, 4326), 3857) AS g', [
      ...bbox,
    ]);
    const region = before ? await collect(client, before, env.g) : env.g;
    const r = await refreshAfterChange(client, ids, region, []);
    return { ...r, cameras: ids.length };
  });
}

async function collect(client: pg.ClientBase, a: string, b: string): Promise<string> {
  const { rows } = await client.query<{ g: string }>('SELECT ST_Collect($1::geometry, $2::geometry) AS g', [a, b]);
  return rows[0].g;
}

export interface RecomputeOptions {
  /** Connections working at once (default 2). */
  workers?: number;
  log?: (msg: string) => void;
  /** Told of a clean-up step that failed (default: a process warning on stderr). */
  warn?: (msg: string, err: unknown) => void;
  /** Told the backend process ids of the working connections (for measuring their CPU time). */
  onBackends?: (pids: number[]) => void;
}

export interface RecomputeReport {
  seconds: number;
  phases: Record<string, number>;
  cameras: number;
  roads: number;
  points: number;
  grids: number;
}

/**
 * Everything from scratch. Holds the coverage lock (on its own connection) for the whole run;
 * the work itself is spread over `workers` connections in chunks. Readers meanwhile see the
 * previous grid measures until each grid is replaced.
 */
export async function recomputeAll(pool: pg.Pool, opts: RecomputeOptions = {}): Promise<RecomputeReport> {
  const workers = Math.max(1, opts.workers ?? 2);
  const log = opts.log ?? (() => {});
  const t0 = performance.now();
  const phases: Record<string, number> = {};
  let last = t0;
  const lap = (name: string, detail = '') => {
    const now = performance.now();
    phases[name] = Math.round(now - last) / 1000;
    log(`${name}${detail ? ` (${detail})` : ''}: ${phases[name].toFixed(1)} s`);
    last = now;
  };

  const lead = await pool.connect();
  const crew: pg.PoolClient[] = [];
  try {
    await lead.query('SET statement_timeout = 0');
    await lead.query('SELECT pg_advisory_lock($1)', [COVERAGE_LOCK]);
    for (let i = 0; i < workers; i++) {
      const c = await pool.connect();
      await c.query('SET statement_timeout = 0');
      crew.push(c);
    }
    if (opts.onBackends) {
      const pids: number[] = [];
      for (const c of [lead, ...crew])
        pids.push((await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid);
      opts.onBackends(pids);
    }
    await lead.query('UPDATE coverage_state SET full_started_at = now()');
    await lead.query('TRUNCATE camera_coverage, road_coverage');
    await lead.query('DELETE FROM coverage_points');
    // Building a GiST index once over all views is faster than growing it view by view.
    await lead.query('DROP INDEX IF EXISTS camera_coverage_geom_idx');
    await lead.query('DROP INDEX IF EXISTS road_coverage_uncovered_idx');
    lap('reset');

    const { rows: cams } = await lead.query<{ id: number }>(
      "SELECT id FROM cameras WHERE status = 'working' ORDER BY grid_id NULLS LAST, id",
    );
    const camIds = cams.map((r) => r.id);
    await runQueue(crew, [
      // The watched points do not depend on the views: build them beside the first chunks.
      async (c) => {
        await c.query(sql('coverage/points-keyplaces'), [KEYPLACE_ZONE_M]);
        await c.query(sql('coverage/points-intersections'));
      },
      ...chunks(camIds, 2000).map(
        (ids) => (c: pg.ClientBase) => c.query(sql('coverage/views-refresh'), [ids, FLOOR_HEIGHT_M]),
      ),
    ]);
    lap('views', `${camIds.length} working cameras; watched points beside them`);
    await lead.query('CREATE INDEX camera_coverage_geom_idx ON camera_coverage USING gist (geom)');
    await lead.query('ANALYZE camera_coverage, coverage_points');
    lap('index');

    const { rows: roads } = await lead.query<{ id: number }>('SELECT id FROM roads ORDER BY id');
    const { rows: points } = await lead.query<{ id: number }>('SELECT id FROM coverage_points ORDER BY id');
    await runQueue(crew, [
      ...chunks(
        roads.map((r) => r.id),
        2500,
      ).map((ids) => (c: pg.ClientBase) => c.query(sql('coverage/roads-refresh'), [ids])),
      ...chunks(
        points.map((r) => r.id),
        2500,
      ).map(
        (ids) => (c: pg.ClientBase) =>
          c.query(sql('coverage/points-refresh'), [ids, KEYPLACE_MIN_SEEN, INTERSECTION_REACH_M]),
      ),
    ]);
    await lead.query('CREATE INDEX road_coverage_uncovered_idx ON road_coverage USING gist (uncovered)');
    await lead.query('ANALYZE road_coverage, coverage_points');
    lap('roads+points', `${roads.length} roads, ${points.length} watched points`);

    const { rows: grids } = await lead.query<{ id: number }>('SELECT id FROM grids ORDER BY id');
    await runQueue(
      crew,
      chunks(
        grids.map((r) => r.id),
        100,
      ).map((ids) => (c: pg.ClientBase) => c.query(sql('coverage/grids-refresh'), [ids])),
    );
    await lead.query('DELETE FROM grid_coverage gc WHERE NOT EXISTS (SELECT 1 FROM grids g WHERE g.id = gc.grid_id)');
    await lead.query('ANALYZE grid_coverage');
    lap('grids', `${grids.length} grids`);

    const seconds = Math.round(performance.now() - t0) / 1000;
    await lead.query('UPDATE coverage_state SET full_finished_at = now(), full_seconds = $1', [seconds]);
    return { seconds, phases, cameras: camIds.length, roads: roads.length, points: points.length, grids: grids.length };
  } finally {
    const warn = opts.warn ?? warnProcess;
    // A run that failed half way must not leave the tables without their indexes. When that
    // fails too (the database went away), say so: coverage reads are slow until the next run.
    for (const [name, ddl] of [
      [
        'camera_coverage_geom_idx',
        'CREATE INDEX IF NOT EXISTS camera_coverage_geom_idx ON camera_coverage USING gist (geom)',
      ],
      [
        'road_coverage_uncovered_idx',
        'CREATE INDEX IF NOT EXISTS road_coverage_uncovered_idx ON road_coverage USING gist (uncovered)',
      ],
    ]) {
      const err = await attempt(() => lead.query(ddl));
      if (err) warn(`coverage recompute: index ${name} was not recreated; the next recompute creates it`, err);
    }
    // Back to the pool with the pool's own statement timeout, or destroyed (see resetTimeout).
    for (const c of crew) c.release(await resetTimeout(c));
    const unlocked = await attempt(() => lead.query('SELECT pg_advisory_unlock($1)', [COVERAGE_LOCK]));
    if (unlocked)
      warn(
        'coverage recompute: releasing the coverage lock failed; the connection is closed, which releases it',
        unlocked,
      );
    lead.release(unlocked ?? (await resetTimeout(lead)));
  }
}

/** Runs a step, returning its error instead of throwing it. */
async function attempt(step: () => Promise<unknown>): Promise<Error | undefined> {
  try {
    await step();
    return undefined;
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}

/**
 * Gives a connection its pool's statement timeout back. When that fails (the connection broke)
 * the error is returned for client.release(err), which destroys the connection rather than
 * lending it out again without a timeout; nothing else needs to hear about it.
 */
const resetTimeout = (c: pg.PoolClient) => attempt(() => c.query('RESET statement_timeout'));

const warnProcess = (msg: string, err: unknown) => process.emitWarning(`${msg}: ${(err as Error).message}`);

/** Runs the tasks on the clients, each client taking the next task when it is free. */
async function runQueue(clients: pg.ClientBase[], tasks: ((c: pg.ClientBase) => Promise<unknown>)[]): Promise<void> {
  let next = 0;
  let failed: unknown = null;
  await Promise.all(
    clients.map(async (c) => {
      while (failed === null && next < tasks.length) {
        const task = tasks[next++];
        try {
          await task(c);
        } catch (err) {
          failed ??= err;
        }
      }
    }),
  );
  if (failed !== null) throw failed;
}

/**
 * Makes sure coverage exists and follows the grids: a full recompute when the views or watched
 * points are missing (a freshly loaded city), else a refresh of the grids that are new or were
 * redrawn since their measures were taken. Single-flight within this process.
 */
let pending: Promise<void> | null = null;
export function ensureCoverage(pool: pg.Pool, opts: RecomputeOptions = {}): Promise<void> {
  pending ??= (async () => {
    try {
      if (await needsFull(pool)) {
        // Another process may be at it: wait for its lock, then look again.
        const c = await pool.connect();
        try {
          await c.query('SET statement_timeout = 0');
          await c.query('SELECT pg_advisory_lock($1)', [COVERAGE_LOCK]);
          await c.query('SELECT pg_advisory_unlock($1)', [COVERAGE_LOCK]);
        } finally {
          c.release(await resetTimeout(c));
        }
        if (await needsFull(pool)) await recomputeAll(pool, opts);
      }
      await refreshStaleGrids(pool);
    } finally {
      pending = null;
    }
  })();
  return pending;
}

async function needsFull(pool: pg.Pool): Promise<boolean> {
  const { rows } = await pool.query<{ full: boolean }>(`SELECT
    (EXISTS (SELECT 1 FROM cameras WHERE status = 'working') AND NOT EXISTS (SELECT 1 FROM camera_coverage))
    OR (EXISTS (SELECT 1 FROM roads) AND NOT EXISTS (SELECT 1 FROM road_coverage))
    OR (EXISTS (SELECT 1 FROM roads) AND NOT EXISTS (SELECT 1 FROM coverage_points WHERE road_id IS NOT NULL))
    OR (EXISTS (SELECT 1 FROM key_places) AND NOT EXISTS (SELECT 1 FROM coverage_points WHERE key_place_id IS NOT NULL)) AS full`);
  return rows[0].full;
}

async function refreshStaleGrids(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ id: number }>(sql('coverage/grids-stale'));
  if (!rows.length) return;
  await inTransaction(pool, async (client) => {
    await lockCoverage(client);
    for (const ids of chunks(
      rows.map((r) => r.id),
      200,
    ))
      await client.query(sql('coverage/grids-refresh'), [ids]);
  });
}
