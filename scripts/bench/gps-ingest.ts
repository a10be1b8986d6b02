/**
 * `gps-ingest`: sustained GPS fixes per second through the server's ingest (plausibility rules
 * against each unit's stored position, grid by spatial join, duplicate skip, current positions
 * moved forward — ingestFixes, the code POST /api/patrols/fixes runs) on 2 connections, for
 * every unit of the city moving 1 m per round. Baseline in the same run: a bare COPY of the same
 * rows into a table like patrol_fixes (same key and BRIN index; no grid, no checks, no positions).
 * Leaves nothing behind: the fixes it wrote are deleted and the units' positions restored.
 */
import pg from 'pg';
import { ingestFixes } from '../../server/src/repos/patrol-fixes.ts';
import type { FixInput } from '../../server/src/domain/patrol-fixes.ts';
import { copyRows } from '../../fixtures/city/copy.ts';
import { round, type BenchResult } from './stats.ts';

pg.types.setTypeParser(20, (v) => Number(v));
const log = (m: string) => process.stderr.write(`[bench] gps-ingest: ${m}\n`);

const BATCH = 2000;
const CONNECTIONS = 2;

export async function benchGpsIngest(url: string, quick: boolean): Promise<BenchResult[]> {
  const pool = new pg.Pool({ connectionString: url, max: CONNECTIONS + 1 });
  const started = new Date();
  const { rows: units } = await pool.query<{
    id: number;
    lon: number;
    lat: number;
    last_fix_at: Date | null;
    vertex_id: number | null;
  }>(
    `SELECT id, ST_X(last_geom) AS lon, ST_Y(last_geom) AS lat, last_fix_at, vertex_id FROM patrol_units WHERE last_geom IS NOT NULL ORDER BY id`,
  );
  const rounds = quick ? 8 : 8;
  // Round r: every unit 1 m further east, 100 ms later, ending a few seconds before now.
  const t0 = Date.now() - (rounds + 5) * 100 - 5000;
  const fixes: FixInput[][] = [];
  for (let r = 0; r < rounds; r++) {
    const all = units.map((u) => ({
      unit: u.id,
      lon: u.lon + ((r + 1) * 1) / (111_320 * Math.cos((u.lat * Math.PI) / 180)),
      lat: u.lat,
      t: t0 + r * 100,
      accuracy: 6,
      speed: 1.2,
    }));
    for (let i = 0; i < all.length; i += BATCH) fixes.push(all.slice(i, i + BATCH));
  }
  const total = fixes.reduce((n, b) => n + b.length, 0);
  log(`${units.length} units × ${rounds} rounds = ${total} fixes in batches of ${BATCH} on ${CONNECTIONS} connections`);
  let stored = 0;
  let refused = 0;
  try {
    const go = performance.now();
    // Batches of one round must land before the next round's (each judged against the last).
    for (let r = 0; r < rounds; r++) {
      const mine = fixes.filter((b) => b[0].t === t0 + r * 100);
      let next = 0;
      await Promise.all(
        Array.from({ length: CONNECTIONS }, async () => {
          while (next < mine.length) {
            const b = mine[next++];
            const res = await ingestFixes(pool, b, Date.now());
            stored += res.stored;
            refused += Object.values(res.rejected).reduce((a, c) => a + c, 0);
          }
        }),
      );
    }
    const seconds = (performance.now() - go) / 1000;
    const rate = stored / seconds;
    log(`ingest: ${stored} stored, ${refused} refused in ${seconds.toFixed(2)} s = ${Math.round(rate)}/s`);

    // Baseline: the same rows, bare COPY on as many connections.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const clients = [client];
    for (let i = 1; i < CONNECTIONS; i++) {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      clients.push(c);
    }
    await client.query('DROP TABLE IF EXISTS bench_fixes_copy');
    await client.query('CREATE TABLE bench_fixes_copy (LIKE patrol_fixes INCLUDING DEFAULTS INCLUDING INDEXES)');
    const line = (f: FixInput) =>
      `${f.unit}\t${new Date(f.t).toISOString()}\t${f.accuracy}\t${f.speed}\tSRID=4326;POINT(${f.lon} ${f.lat})`;
    const c0 = performance.now();
    let copied = 0;
    let nextB = 0;
    await Promise.all(
      clients.map(async (c) => {
        while (nextB < fixes.length) {
          const b = fixes[nextB++];
          const n = await copyRows(
            c,
            'bench_fixes_copy',
            ['unit_id', 't', 'accuracy_m', 'speed_mps', 'geom'],
            b.map(line),
          );
          copied += n;
        }
      }),
    );
    const copySeconds = (performance.now() - c0) / 1000;
    const copyRate = copied / copySeconds;
    log(`bare COPY: ${copied} rows in ${copySeconds.toFixed(2)} s = ${Math.round(copyRate)}/s`);
    await client.query('DROP TABLE bench_fixes_copy');
    for (const c of clients) await c.end();

    return [
      {
        name: `gps-ingest (${quick ? 'small' : 'city'})`,
        value: Math.round(rate),
        unit: 'fixes/s',
        baseline: Math.round(copyRate),
        ratio: round(rate / copyRate, 2),
        target: '≥ 20,000 fixes/s',
        note:
          `${stored} fixes of ${units.length} units in batches of ${BATCH} on ${CONNECTIONS} connections: plausibility, grid by ST_Intersects, positions moved; ` +
          `${refused} refused; baseline: bare COPY of the same rows into a table like patrol_fixes (key + BRIN). Server path without HTTP parsing.`,
      },
    ];
  } finally {
    // Leave the bench city as it was: this run's fixes out, positions back.
    await pool.query('DELETE FROM patrol_fixes WHERE received_at >= $1', [started]);
    await pool.query(
      `UPDATE patrol_units u SET last_geom = ST_SetSRID(ST_MakePoint(x.lon, x.lat), 4326), last_fix_at = x.t, vertex_id = x.v
       FROM unnest($1::int[], $2::float8[], $3::float8[], $4::timestamptz[], $5::int[]) AS x(id, lon, lat, t, v) WHERE u.id = x.id`,
      [
        units.map((u) => u.id),
        units.map((u) => u.lon),
        units.map((u) => u.lat),
        units.map((u) => u.last_fix_at),
        units.map((u) => u.vertex_id),
      ],
    );
    await pool.end();
  }
}
