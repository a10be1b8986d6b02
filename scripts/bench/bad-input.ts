/**
 * `bad-input`: how fast the grid editor and importer refuse invalid input — the cases of
 * test/grid-edit/bad-input.test.ts (self-intersecting rings, 200,000-vertex rings, 10 MB bodies,
 * lines that cut nothing, stale versions, …), each through the server's whole request path
 * (app.inject: parsing, schema, geometry checks, the database). Target: every case answered
 * within a second (the test checks each is a 4xx with a reason and changes nothing).
 */
import pg from 'pg';
import { buildApp } from '../../server/src/app.ts';
import { BAD_INPUT_CASES, findBadInputTarget } from '../../test/grid-edit/bad-input-cases.ts';
import { percentile, round, type BenchResult } from './stats.ts';
import { removeScratch, scratchUser } from './scratch.ts';

const log = (m: string) => process.stderr.write(`[bench] bad-input: ${m}\n`);
const TARGET_MS = 1000;

export async function benchBadInput(databaseUrl: string, quick: boolean): Promise<BenchResult[]> {
  const runs = quick ? 3 : 10;
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const planner = await scratchUser(db, 'planner', 'planner');
  const app = await buildApp({ databaseUrl, poolSize: 4, loginRateLimit: 1000 });
  try {
    const target = await findBadInputTarget(db);
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: planner });
    const headers = { authorization: `Bearer ${login.json().token}`, 'content-type': 'application/json' };
    const all: number[] = [];
    const worst: { name: string; ms: number }[] = [];
    const wrong = new Map<string, string>();
    for (const c of BAD_INPUT_CASES) {
      const samples: number[] = [];
      // One warm-up (plans, JIT), then the runs.
      for (let i = 0; i <= runs; i++) {
        const req = c.make(target);
        const t0 = performance.now();
        const res = await app.inject({
          method: req.method,
          url: req.url,
          headers,
          ...(req.body !== undefined ? { body: req.body } : { payload: req.payload as object }),
        });
        const ms = performance.now() - t0;
        if (res.statusCode !== c.status) wrong.set(c.name, `${c.name} (${res.statusCode}, expected ${c.status})`);
        if (i > 0) samples.push(ms);
      }
      all.push(...samples);
      worst.push({ name: c.name, ms: Math.max(...samples) });
    }
    worst.sort((a, b) => b.ms - a.ms);
    const over = worst.filter((w) => w.ms > TARGET_MS);
    log(
      `${BAD_INPUT_CASES.length} cases × ${runs}: p50 ${round(percentile(all, 50), 1)} ms, slowest ${worst[0].name} ${round(worst[0].ms, 1)} ms` +
        (over.length ? `; over ${TARGET_MS} ms: ${over.map((w) => w.name).join(', ')}` : ''),
    );
    if (wrong.size) log(`answered with another status than the test expects: ${[...wrong.values()].join('; ')}`);
    const note =
      `${BAD_INPUT_CASES.length} invalid requests (test/grid-edit/bad-input-cases.ts) × ${runs} runs through app.inject as a planner; ` +
      `slowest cases: ${worst
        .slice(0, 3)
        .map((w) => `${w.name} ${round(w.ms, 0)} ms`)
        .join(', ')}` +
      (wrong.size ? `; ${wrong.size} answered with another status than expected` : '');
    return [
      { name: 'bad-input-p50', value: round(percentile(all, 50), 1), unit: 'ms', note: 'same run as bad-input-max' },
      { name: 'bad-input-max', value: round(worst[0].ms, 1), unit: 'ms', target: `every case ≤ ${TARGET_MS} ms`, note },
    ];
  } finally {
    await app.close();
    await removeScratch(db, [], [planner], log);
    await db.end();
  }
}
