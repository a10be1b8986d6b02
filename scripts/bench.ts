/**
 * `npm run bench [-- --quick]`: benchmarks at `city` size (quick: the small sample city),
 * written to bench/results.json as [{name, value, unit, baseline?, ratio?}] and printed.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { createUser } from '../server/src/repos/users.ts';
import { randomPassword } from '../server/src/auth/password.ts';
import { args } from './lib/args.ts';
import { projectRoot } from './lib/cluster.ts';
import { resolveDatabaseUrl } from './lib/db.ts';
import { prepareDatabase } from './lib/prepare.ts';
import { benchTiles } from './bench/tiles.ts';
import { benchLiveFanout } from './bench/live-fanout.ts';
import { benchCoverage } from './bench/coverage.ts';
import { benchWallFrame } from './bench/wall-frame.ts';
import { benchGpsIngest } from './bench/gps-ingest.ts';
import { benchNearestUnit } from './bench/nearest-unit.ts';
import { benchTripsFrame } from './bench/trips-frame.ts';
import { benchGridEdit } from './bench/grid-edit.ts';
import { benchBadInput } from './bench/bad-input.ts';
import { benchLiveCrossProcess } from './bench/live-cross-process.ts';
import { benchAlertLatency } from './bench/alert-latency.ts';
import { benchImportCity } from './bench/import-city.ts';
import { benchOpen311Intake } from './bench/open311-intake.ts';
import { benchFieldUpload } from './bench/field-upload.ts';
import type { BenchResult } from './bench/stats.ts';

const { values } = args({ quick: { type: 'boolean', default: false }, only: { type: 'string' } });
const quick = values.quick!;
const size = quick ? 'small' : 'city';
const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);
// Benchmarks measure throughput, not the per-user limits a production server keeps: the servers
// they start (which inherit this environment) lift them, or a run would count 429s as answers.
process.env.GRIDBOARD_WRITE_RATE ??= '100000000';
process.env.GRIDBOARD_EXPENSIVE_READ_RATE ??= '100000000';

const url = await resolveDatabaseUrl(`gridboard_bench_${size}`);
// import-city builds its own empty database; the others read the city loaded once and kept.
if (values.only !== 'import-city') {
  log(`database ${new URL(url).pathname.slice(1)} (${size} city; loaded once, kept between runs)`);
  await prepareDatabase(url, { size, log });
}

// A throw-away user for this run.
const creds = { username: `bench-${process.pid}`, password: randomPassword() };
if (values.only !== 'import-city') {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  await db.query("DELETE FROM users WHERE username LIKE 'bench-%'");
  await createUser(db, creds.username, 'wall', creds.password);
  await db.end();
}

const results: BenchResult[] = [];
const suites: Record<string, () => Promise<BenchResult[]>> = {
  tiles: () => benchTiles(url, creds, quick),
  'live-fanout': () => benchLiveFanout(url, creds, quick),
  coverage: () => benchCoverage(url, quick),
  'wall-frame': () => benchWallFrame(url, creds, quick),
  'gps-ingest': () => benchGpsIngest(url, quick),
  'nearest-unit': () => benchNearestUnit(url, quick),
  'trips-frame': () => benchTripsFrame(url, creds, quick),
  'grid-edit': () => benchGridEdit(url, quick),
  'bad-input': () => benchBadInput(url, quick),
  'live-cross-process': () => benchLiveCrossProcess(url, creds, quick),
  'alert-latency': () => benchAlertLatency(url, creds, quick),
  'import-city': () => benchImportCity(url, quick, log),
  'open311-intake': () => benchOpen311Intake(url, quick),
  'field-upload': () => benchFieldUpload(url, quick),
};
for (const [name, run] of Object.entries(suites)) {
  if (values.only && values.only !== name) continue;
  log(`running ${name}…`);
  results.push(...(await run()));
}

const out = path.join(projectRoot, 'bench', 'results.json');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify(results, null, 2) + '\n');

const rows = results.map((r) => [
  r.name,
  `${r.value} ${r.unit}`,
  r.baseline !== undefined ? `${r.baseline} ${r.unit}` : '',
  r.ratio ?? '',
  r.target ?? '',
]);
const header = ['benchmark', 'value', 'baseline', 'ratio', 'target'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
const line = (cells: unknown[]) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');
console.log(
  `\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}\n\nwritten to ${path.relative(process.cwd(), out)} (${size} city)`,
);
