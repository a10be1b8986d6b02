/**
 * Coverage benchmarks:
 *  - coverage-full: every view (with building occlusion), road, watched point and grid measure
 *    from scratch (POST /api/coverage/recompute's work), on as many connections as CPUs;
 *  - coverage-incremental: one camera moved ~25 m through the registry's write path (its view,
 *    the roads, points and grids its old and new views reach, and the outbox event, in one
 *    transaction) — p50 and p95 over cameras in town and in the countryside;
 *  - coverage-suggest: 10 placement suggestions for one community (candidates, their views with
 *    occlusion, hits on uncovered targets, greedy pick) — urban and rural communities.
 */
import fs from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import { updateCamera } from '../../server/src/repos/camera-writes.ts';
import { recomputeAll } from '../../server/src/repos/coverage-compute.ts';
import { DEFAULT_WEIGHTS, SUGGEST_DEFAULTS, suggest } from '../../server/src/repos/coverage-plan.ts';
import { percentile, round, type BenchResult } from './stats.ts';

// int8 (ids, counts) as numbers, as the server does.
pg.types.setTypeParser(20, (v) => Number(v));

const log = (m: string) => process.stderr.write(`[bench] coverage: ${m}\n`);

/** CPU time (user + system) a local process has used, from /proc; null when unreadable. */
function cpuSeconds(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}

export async function benchCoverage(databaseUrl: string, quick: boolean): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const workers = Math.max(2, os.cpus().length);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: workers + 4 });
  try {
    const load = os.loadavg()[0];
    let pids: number[] = [];
    const cpuBefore = new Map<number, number>();
    const full = await recomputeAll(pool, {
      workers,
      log,
      onBackends: (p) => {
        pids = p;
        for (const pid of p) cpuBefore.set(pid, cpuSeconds(pid) ?? 0);
      },
    });
    const used = pids.map((pid) => (cpuSeconds(pid) ?? NaN) - (cpuBefore.get(pid) ?? 0));
    const cpu = used.every(Number.isFinite) ? used.reduce((a, b) => a + b, 0) : null;
    results.push({
      name: 'coverage-full',
      value: round(full.seconds, 1),
      unit: 's',
      target: '≤ 60 s',
      note:
        `${full.cameras} working cameras' views, ${full.roads} roads, ${full.points} watched points, ${full.grids} grids on ${workers} connections; ` +
        `phases ${Object.entries(full.phases)
          .map(([k, v]) => `${k} ${v.toFixed(1)} s`)
          .join(', ')}; load average before ${load.toFixed(1)}` +
        (cpu !== null
          ? `; database CPU ${cpu.toFixed(1)} s (≈ ${(cpu / workers).toFixed(1)} s of wall time on ${workers} idle cores)`
          : ''),
    });
    if (cpu !== null)
      results.push({
        name: 'coverage-full-cpu',
        value: round(cpu, 1),
        unit: 'cpu-s',
        note: `CPU time of the ${pids.length} database backends doing the full recompute`,
      });

    // One camera moved (and moved back): urban and rural cameras, spread over the city.
    const n = quick ? 10 : 30;
    const { rows: cams } = await pool.query<{ id: number; lon: number; lat: number; version: number; type: string }>(
      `(SELECT c.id, ST_X(c.geom) AS lon, ST_Y(c.geom) AS lat, c.version, g.type FROM cameras c JOIN grids g ON g.id = c.grid_id
        WHERE c.status = 'working' AND g.type <> 'rural' ORDER BY md5(c.id::text) LIMIT $1)
       UNION ALL
       (SELECT c.id, ST_X(c.geom), ST_Y(c.geom), c.version, g.type FROM cameras c JOIN grids g ON g.id = c.grid_id
        WHERE c.status = 'working' AND g.type = 'rural' ORDER BY md5(c.id::text) LIMIT $1)`,
      [n / 2],
    );
    const times: number[] = [];
    const grids: number[] = [];
    for (const c of cams) {
      const dLon = 25 / (111_320 * Math.cos((c.lat * Math.PI) / 180));
      try {
        const t0 = performance.now();
        const moved = await updateCamera(pool, c.id, { lon: c.lon + dLon }, c.version, 'bench');
        times.push(performance.now() - t0);
        grids.push(moved.coverage.grids.length);
        await updateCamera(pool, c.id, { lon: c.lon }, c.version + 1, 'bench');
      } catch (err) {
        // Moved out of the city (a camera at the edge): skip it.
        if ((err as { code?: string }).code !== 'outside_area') throw err;
      }
    }
    results.push({
      name: 'coverage-incremental-p50',
      value: round(percentile(times, 50), 1),
      unit: 'ms',
      target: '≤ 200 ms',
      note:
        `${times.length} cameras (half in town) moved 25 m through the write path: view, roads, points, ` +
        `${round(grids.reduce((a, b) => a + b, 0) / Math.max(1, grids.length), 1)} grids on average, outbox event, commit`,
    });
    results.push({
      name: 'coverage-incremental-p95',
      value: round(percentile(times, 95), 1),
      unit: 'ms',
      target: '≤ 200 ms',
    });

    // Suggestions: communities in town and in the countryside.
    const { rows: comms } = await pool.query<{ id: number; kind: string }>(
      `(SELECT id, kind FROM communities WHERE kind = 'urban' ORDER BY md5(id::text) LIMIT $1)
       UNION ALL (SELECT id, kind FROM communities WHERE kind = 'rural' ORDER BY md5(id::text) LIMIT $1)`,
      [quick ? 1 : 3],
    );
    const st: number[] = [];
    for (const c of comms) {
      const t0 = performance.now();
      const r = await suggest(pool, {
        area: { community: c.id },
        count: 10,
        camera: SUGGEST_DEFAULTS.ptz,
        spacingM: SUGGEST_DEFAULTS.spacingM,
        weights: DEFAULT_WEIGHTS,
      });
      st.push(performance.now() - t0);
      log(
        `suggest community ${c.id} (${c.kind}): ${r.candidates} candidates, ${r.suggestions.length} picks, ${Math.round(st.at(-1)!)} ms`,
      );
    }
    results.push({
      name: 'coverage-suggest',
      value: round(Math.max(...st) / 1000, 2),
      unit: 's',
      target: '≤ 5 s',
      note: `10 suggestions per community; slowest of ${st.length} (urban and rural); median ${round(percentile(st, 50) / 1000, 2)} s`,
    });
  } finally {
    await pool.end();
  }
  return results;
}
