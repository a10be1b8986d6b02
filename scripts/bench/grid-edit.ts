/**
 * Grid edit benchmark: split, merge, shared-boundary move and block reassignment at city size,
 * p50/p95 over grids spread across the city, through the server's own code path — lock, version
 * check, geometry, re-assignment of blocks, buildings, households, key places, cameras,
 * incidents and workers, the exact-tiling check, the history row and the outbox event — run as a
 * preview, i.e. the same transaction rolled back instead of committed, so the bench city stays
 * as loaded. Baseline, in the same run: the same operation's bare geometry statements alone
 * (no checks, no re-assignment, no history), also rolled back — what the guarantees cost.
 */
import pg from 'pg';
import { mergeGrids, moveBoundary, reassignBlocks, splitGrid } from '../../server/src/repos/grid-edits-ops.ts';
import { percentile, round, type BenchResult } from './stats.ts';

pg.types.setTypeParser(20, (v) => Number(v));
const log = (m: string) => process.stderr.write(`[bench] grid-edit: ${m}\n`);

type Sample = { label: string; run: () => Promise<unknown>; bare: (c: pg.PoolClient) => Promise<unknown> };

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function rolledBack(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<unknown>): Promise<void> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    await fn(c);
  } finally {
    await c.query('ROLLBACK');
    c.release();
  }
}

export async function benchGridEdit(databaseUrl: string, quick: boolean): Promise<BenchResult[]> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  const n = quick ? 12 : 40;
  const opts = { actor: 'bench', preview: true };
  try {
    // Grids spread over the city (a deterministic shuffle), with two blocks or more.
    const { rows: cand } = await pool.query<{ id: number }>(
      `
      SELECT g.id FROM grids g WHERE (SELECT count(*) FROM blocks b WHERE b.grid_id = g.id) >= 2
      ORDER BY md5(g.id::text) LIMIT $1`,
      [n * 3],
    );
    const ids = cand.map((r) => r.id);

    // Split: along a street inside the grid (an edge between two of its blocks), extended across it.
    const { rows: edges } = await pool.query(
      `
      SELECT DISTINCT ON (g.id) g.id, g.version, ST_X(ST_StartPoint(e.geom)) sx, ST_Y(ST_StartPoint(e.geom)) sy,
             ST_X(ST_EndPoint(e.geom)) ex, ST_Y(ST_EndPoint(e.geom)) ey
      FROM grids g JOIN blocks a ON a.grid_id = g.id JOIN blocks b ON b.grid_id = g.id AND a.id < b.id AND a.geom && b.geom
      CROSS JOIN LATERAL (SELECT ST_LineMerge(ST_Intersection(a.geom, b.geom)) AS geom) e
      WHERE g.id = ANY($1::int[]) AND ST_GeometryType(e.geom) = 'ST_LineString'
      ORDER BY g.id, ST_Length(e.geom) DESC`,
      [ids],
    );
    const splits: Sample[] = edges.slice(0, n).map((e) => {
      const [dx, dy] = [e.ex - e.sx, e.ey - e.sy];
      const line = {
        type: 'LineString' as const,
        coordinates: [
          [e.sx - dx * 4, e.sy - dy * 4],
          [e.ex + dx * 4, e.ey + dy * 4],
        ] as [number, number][],
      };
      return {
        label: `grid ${e.id}`,
        run: () => splitGrid(pool, e.id, line, e.version, opts),
        bare: (c) =>
          c.query(
            `
          WITH p AS (SELECT (ST_Dump(ST_CollectionExtract(ST_Split(g.geom, ST_SetSRID(ST_GeomFromGeoJSON($2), 4326)), 3))).geom AS geom, g.community_id FROM grids g WHERE g.id = $1),
          first AS (UPDATE grids SET geom = ST_Multi((SELECT geom FROM p LIMIT 1)) WHERE id = $1)
          INSERT INTO grids (community_id, code, name, type, geom) SELECT community_id, 'bench-' || $1 || '-' || row_number() OVER (), 'bench', 'urban', ST_Multi(geom) FROM p OFFSET 1`,
            [e.id, JSON.stringify(line)],
          ),
      };
    });

    // Pairs of grids of one community that share an edge.
    const { rows: pairs } = await pool.query(
      `
      SELECT DISTINCT ON (a.id) a.id a, b.id b, a.version va, b.version vb,
             ST_X(ST_Centroid(b.geom)) bx, ST_Y(ST_Centroid(b.geom)) by
      FROM grids a JOIN grids b ON b.community_id = a.community_id AND b.id <> a.id AND a.geom && b.geom
      WHERE a.id = ANY($1::int[]) AND ST_Relate(a.geom, b.geom, '****1****') AND (SELECT count(*) FROM blocks x WHERE x.grid_id = b.id) >= 2
        AND ST_NumGeometries(ST_Union(a.geom, b.geom)) = 1
      ORDER BY a.id, b.id`,
      [ids],
    );
    const merges: Sample[] = pairs.slice(0, n).map((p) => ({
      label: `grids ${p.a}+${p.b}`,
      run: () => mergeGrids(pool, [p.a, p.b], [p.va, p.vb], opts),
      bare: async (c) => {
        await c.query(
          'UPDATE grids SET geom = (SELECT ST_Multi(ST_Union(geom)) FROM grids WHERE id = ANY($2::int[])) WHERE id = $1',
          [p.a, [p.a, p.b]],
        );
        await c.query('DELETE FROM grid_coverage WHERE grid_id = $1', [p.b]);
        await c.query('UPDATE blocks SET grid_id = $1 WHERE grid_id = $2', [p.a, p.b]);
        await c.query('UPDATE patrol_units SET home_grid_id = $1 WHERE home_grid_id = $2', [p.a, p.b]);
        await c.query('DELETE FROM grids WHERE id = $1', [p.b]);
      },
    }));

    // Shared-boundary move: a vertex the two grids share, dragged 20 % towards the neighbour's centre.
    const moves: Sample[] = [];
    for (const p of pairs.slice(0, n)) {
      const { rows } = await pool.query(
        `
        SELECT ST_AsGeoJSON(ST_ForcePolygonCCW(a.geom), 7)::json AS g, ST_X(d.geom) x, ST_Y(d.geom) y
        FROM grids a, grids b, communities c, ST_DumpPoints(ST_Intersection(a.geom, b.geom)) d
        WHERE a.id = $1 AND b.id = $2 AND c.id = a.community_id AND NOT ST_Intersects(ST_Boundary(c.geom), d.geom)
          AND ST_NumGeometries(a.geom) = 1 LIMIT 1`,
        [p.a, p.b],
      );
      const v = rows[0];
      if (!v) continue;
      const [nx, ny] = [v.x + (p.bx - v.x) * 0.2, v.y + (p.by - v.y) * 0.2];
      const near = (c: number[]) => Math.abs(c[0] - v.x) < 2e-7 && Math.abs(c[1] - v.y) < 2e-7;
      const ring = (v.g.coordinates[0][0] as number[][]).map((c) => (near(c) ? [nx, ny] : c));
      const geometry = { type: 'Polygon' as const, coordinates: [ring] as [number, number][][] };
      moves.push({
        label: `grid ${p.a} vertex towards ${p.b}`,
        run: () => moveBoundary(pool, p.a, geometry, p.va, {}, opts),
        bare: async (c) => {
          const g = JSON.stringify(geometry);
          await c.query(
            `UPDATE grids SET geom = gb_clean(ST_Difference(geom, ST_SetSRID(ST_GeomFromGeoJSON($2), 4326)))
            WHERE id = $1`,
            [p.b, g],
          );
          await c.query('UPDATE grids SET geom = ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($2), 4326)) WHERE id = $1', [
            p.a,
            g,
          ]);
        },
      });
    }

    // Block reassignment: a block of the neighbour that borders the grid, painted into it.
    const reassigns: Sample[] = [];
    for (const p of pairs.slice(0, n)) {
      const { rows } = await pool.query(
        `SELECT b.id FROM blocks b, grids a WHERE a.id = $1 AND b.grid_id = $2
        AND ST_Relate(b.geom, a.geom, '****1****') ORDER BY b.id LIMIT 1`,
        [p.a, p.b],
      );
      if (!rows[0]) continue;
      const block = rows[0].id;
      reassigns.push({
        label: `block ${block} into grid ${p.a}`,
        run: () => reassignBlocks(pool, p.a, [block], p.va, {}, opts),
        bare: async (c) => {
          await c.query(
            'UPDATE grids SET geom = ST_Multi(ST_Union(geom, (SELECT geom FROM blocks WHERE id = $2))) WHERE id = $1',
            [p.a, block],
          );
          await c.query(
            'UPDATE grids SET geom = gb_clean(ST_Difference(geom, (SELECT geom FROM blocks WHERE id = $2))) WHERE id = $1',
            [p.b, block],
          );
          await c.query('UPDATE blocks SET grid_id = $1 WHERE id = $2', [p.a, block]);
        },
      });
    }

    const results: BenchResult[] = [];
    for (const [op, samples] of [
      ['split', splits],
      ['merge', merges],
      ['move', moves],
      ['reassign', reassigns],
    ] as const) {
      // One warm-up of each (plans, caches), then the samples, the full path and the bare SQL interleaved.
      // A warm-up that fails fails again as a sample, where it is counted; here it only warms.
      if (samples[0]) {
        await samples[0].run().catch(() => undefined);
        await rolledBack(pool, samples[0].bare).catch(() => undefined);
      }
      const full: number[] = [];
      const bare: number[] = [];
      let refused = 0;
      for (const s of samples) {
        try {
          full.push(await time(s.run));
        } catch (err) {
          refused++;
          log(`${op} refused (${s.label}): ${(err as Error).message.slice(0, 160)}`);
        }
        const t0 = performance.now();
        // The bare SQL has no checks: where it would write an invalid grid the database refuses it; time it all the same.
        await rolledBack(pool, s.bare).catch((err) =>
          log(`${op} bare SQL failed (${s.label}): ${(err as Error).message.slice(0, 120)}`),
        );
        bare.push(performance.now() - t0);
      }
      log(
        `${op}: ${full.length} edits (${refused} refused), p95 ${percentile(full, 95).toFixed(1)} ms, bare p95 ${percentile(bare, 95).toFixed(1)} ms`,
      );
      for (const p of [50, 95] as const) {
        const v = percentile(full, p);
        const b = percentile(bare, p);
        results.push({
          name: `grid-edit-${op}-p${p}`,
          value: round(v, 1),
          unit: 'ms',
          baseline: round(b, 1),
          ratio: round(v / b, 1),
          target: p === 95 ? '≤ 250 ms' : undefined,
          note:
            p === 95
              ? `${full.length} ${op}s over grids spread across the city (${refused} refused); full path incl. locks, re-assignment, ` +
                'tiling check, history and event, rolled back; baseline: bare geometry SQL, rolled back'
              : undefined,
        });
      }
    }
    return results;
  } finally {
    await pool.end();
  }
}
