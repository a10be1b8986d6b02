/**
 * `npm run seed -- [--size small|city] [--seed N] [--database NAME] [--now ISO]`
 * Generates the synthetic city (fixtures/city) and loads it into the product's database
 * (or NAME on the same server), replacing every data table. Users are kept.
 *
 * `npm run seed -- --empty [--database NAME]`: the database migrated and emptied of any city,
 * marked as a real city's, so that `npm start` never loads the sample city into it.
 */
import { ClusterError } from './lib/cluster.ts';
import { ensureDatabase, redact, resolveDatabaseUrl } from './lib/db.ts';
import { migrate } from './lib/migrate.ts';
import pg from 'pg';
import type { CitySize, SeedSummary } from '../fixtures/city/load.ts';
import { loadSampleCity } from './lib/sample-city.ts';
import { emptyCity, ensureDemoWorker } from './lib/prepare.ts';

function usage(msg?: string): never {
  if (msg) console.error(msg);
  console.error('usage: npm run seed -- [--size small|city] [--seed N] [--database NAME] [--now ISO-8601]');
  console.error('       npm run seed -- --empty [--database NAME]   (a database to import a real city into)');
  process.exit(2);
}

const args = process.argv.slice(2);
let size: CitySize = 'small';
let seed: number | undefined;
let database: string | undefined;
let now: Date | undefined;
let empty = false;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  const value = () => args[++i] ?? usage(`${a} needs a value`);
  if (a === '--size') {
    const v = value();
    if (v !== 'small' && v !== 'city') usage(`unknown size "${v}"`);
    size = v;
  } else if (a === '--seed') {
    seed = Number(value());
    if (!Number.isInteger(seed) || seed < 0) usage('--seed must be a non-negative integer');
  } else if (a === '--database') database = value();
  else if (a === '--now') {
    now = new Date(value());
    if (Number.isNaN(now.getTime())) usage('--now must be a date, e.g. 2026-01-01T08:00:00+08:00');
  } else if (a === '--empty') empty = true;
  else if (a === '--help' || a === '-h') usage();
  else usage(`unknown argument "${a}"`);
}

try {
  const url = await resolveDatabaseUrl(database);
  await ensureDatabase(url);
  await migrate(url);
  if (empty) {
    await emptyCity(url);
    console.log(`${redact(url)} is empty and marked as a real city's: import its layers with npm run import`);
    process.exit(0);
  }
  console.log(`seeding ${redact(url)} with the ${size} city, through the importer…`);
  const load = await loadSampleCity(url, { size, seed, now, log: (m) => console.log(`  ${m}`) });
  printSummary(await citySummary(url, load.size, load.seed, load.seconds));
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const demo = await ensureDemoWorker(db).finally(() => db.end());
  if (demo) {
    console.log(`a demo grid worker for the phone app (/m), password shown only once:`);
    console.log(`  username ${demo.username}  password ${demo.password}`);
  }
} catch (err) {
  if (err instanceof ClusterError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}

/** What the database now holds. */
async function citySummary(url: string, size: CitySize, seed: number, seconds: number): Promise<SeedSummary> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const { rows } = await db.query(`SELECT
      (SELECT count(*) FROM districts)::int AS districts, (SELECT count(*) FROM street_offices)::int AS "streetOffices",
      (SELECT count(*) FROM communities)::int AS communities, (SELECT count(*) FROM grids)::int AS grids,
      (SELECT count(*) FROM blocks)::int AS blocks, (SELECT count(*) FROM buildings)::int AS buildings,
      (SELECT count(*) FROM roads)::int AS roads, (SELECT count(*) FROM key_places)::int AS "keyPlaces",
      (SELECT count(*) FROM cameras)::int AS cameras, (SELECT count(*) FROM incidents)::int AS incidents,
      (SELECT count(*) FROM patrol_units WHERE kind = 'grid_worker')::int AS workers,
      (SELECT count(*) FROM patrol_units WHERE kind = 'patrol_team')::int AS "patrolTeams"`);
    return { size, seed, seconds, ...rows[0] };
  } finally {
    await db.end();
  }
}

function printSummary(s: SeedSummary): void {
  const rows: [string, string][] = [
    ['size', s.size],
    ['seed', String(s.seed)],
    ['districts', n(s.districts)],
    ['street offices', n(s.streetOffices)],
    ['communities', n(s.communities)],
    ['grids', n(s.grids)],
    ['blocks', n(s.blocks)],
    ['buildings', n(s.buildings)],
    ['roads', n(s.roads)],
    ['key places', n(s.keyPlaces)],
    ['cameras', n(s.cameras)],
    ['incidents', n(s.incidents)],
    ['grid workers', n(s.workers)],
    ['patrol teams', n(s.patrolTeams)],
    ['seconds', s.seconds.toFixed(1)],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  const v = Math.max(...rows.map((r) => r[1].length));
  console.log(`┌${'─'.repeat(w + 2)}┬${'─'.repeat(v + 2)}┐`);
  for (const [k, val] of rows) console.log(`│ ${k.padEnd(w)} │ ${val.padStart(v)} │`);
  console.log(`└${'─'.repeat(w + 2)}┴${'─'.repeat(v + 2)}┘`);
}

function n(x: number): string {
  return x.toLocaleString('en-US');
}
