/**
 * `nearest-unit`: the latency of GET /api/patrols/nearest's query — available units nearest an
 * incident by travel time on the street network (one bounded pgRouting Dijkstra from the
 * incident's crossing, joined to every unit's crossing) — at incidents spread over the city.
 * Baseline in the same run: the straight-line KNN the console used before routing.
 */
import pg from 'pg';
import { nearestUnits } from '../../server/src/repos/patrol-routing.ts';
import { mean, percentile, round, type BenchResult } from './stats.ts';

pg.types.setTypeParser(20, (v) => Number(v));
const log = (m: string) => process.stderr.write(`[bench] nearest-unit: ${m}\n`);

const STRAIGHT = `WITH pt AS (SELECT ST_SetSRID(ST_MakePoint($1, $2), 4326) AS geom)
  SELECT u.id, ST_Distance(u.last_geom::geography, pt.geom::geography) AS d
  FROM (SELECT u.* FROM patrol_units u, pt WHERE u.last_geom IS NOT NULL AND u.status = 'on_patrol' ORDER BY u.last_geom <-> pt.geom LIMIT 20) u, pt
  ORDER BY d LIMIT 5`;

export async function benchNearestUnit(url: string, quick: boolean): Promise<BenchResult[]> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    const {
      rows: [{ n }],
    } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM patrol_units WHERE vertex_id IS NOT NULL');
    // Incident places: a deterministic spread of past incidents, town and countryside alike.
    const { rows: at } = await pool.query<{ lon: number; lat: number }>(
      `SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM incidents ORDER BY md5(id::text) LIMIT $1`,
      [quick ? 60 : 200],
    );
    for (const p of at.slice(0, 10))
      await nearestUnits(pool, {
        lon: p.lon,
        lat: p.lat,
        limit: 5,
        includeOffDuty: false,
        includeResponding: false,
        maxMinutes: 20,
      });
    const net: number[] = [];
    const straight: number[] = [];
    let found = 0;
    for (const p of at) {
      let t = performance.now();
      const units = await nearestUnits(pool, {
        lon: p.lon,
        lat: p.lat,
        limit: 5,
        includeOffDuty: false,
        includeResponding: false,
        maxMinutes: 20,
      });
      net.push(performance.now() - t);
      found += units.length;
      t = performance.now();
      await pool.query(STRAIGHT, [p.lon, p.lat]);
      straight.push(performance.now() - t);
    }
    log(
      `${at.length} incidents, ${n} units on the network; p50 ${percentile(net, 50).toFixed(1)} ms, p95 ${percentile(net, 95).toFixed(1)} ms; ${(found / at.length).toFixed(1)} units found per incident`,
    );
    const size = quick ? 'small' : 'city';
    return [
      {
        name: `nearest-unit p95 (${size})`,
        value: round(percentile(net, 95), 1),
        unit: 'ms',
        baseline: round(percentile(straight, 95), 1),
        ratio: round(percentile(net, 95) / percentile(straight, 95), 1),
        target: '≤ 100 ms',
        note: `${n} units; ${at.length} incidents; 5 nearest by travel time within 20 min driving; baseline: straight-line KNN (no routing)`,
      },
      {
        name: `nearest-unit p50 (${size})`,
        value: round(percentile(net, 50), 1),
        unit: 'ms',
        baseline: round(percentile(straight, 50), 1),
        ratio: round(percentile(net, 50) / percentile(straight, 50), 1),
        note: `mean ${mean(net).toFixed(1)} ms`,
      },
    ];
  } finally {
    await pool.end();
  }
}
