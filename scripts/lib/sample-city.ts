/**
 * The sample city, loaded the road a real city takes: written as files (fixtures/city/files.ts,
 * once per size and seed, kept under .data/sample-city/) and imported with the importer; then
 * what no file carries (street blocks, incidents, GPS tracks) copied from the generator.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { FILES_VERSION, writeCityFiles } from '../../fixtures/city/files.ts';
import { generateCity, DEFAULT_SEED } from '../../fixtures/city/generate.ts';
import { DATA_TABLES, loadCity, type CitySize } from '../../fixtures/city/load.ts';
import { loadCityFiles } from '../../fixtures/city/load-files.ts';
import { databaseName, ensureDatabase, withDatabase } from './db.ts';
import { migrate } from './migrate.ts';
import { clearCity, keepingUsers } from './prepare.ts';
import { projectRoot } from './cluster.ts';
import { setSampleClock } from './sample-clock.ts';

export const SAMPLE_DIR = join(projectRoot, '.data', 'sample-city');

export interface SampleLoad {
  size: CitySize;
  seed: number;
  dir: string;
  grids: number;
  cameras: number;
  incidents: number;
  seconds: number;
}

/** Writes the sample city's files into `dir` (through a scratch database on the same server). */
export async function writeSampleFiles(
  url: string,
  o: { size: CitySize; seed: number; dir: string; log: (m: string) => void },
): Promise<void> {
  const scratch = withDatabase(url, `${databaseName(url)}_sample_files`);
  await ensureDatabase(scratch, { fresh: true });
  try {
    await migrate(scratch);
    await loadCity(scratch, { size: o.size, seed: o.seed });
    await writeCityFiles(generateCity({ size: o.size, seed: o.seed }), scratch, o.dir);
    await writeFile(join(o.dir, '.complete'), new Date().toISOString());
    o.log(`wrote the ${o.size} sample city's files to ${o.dir}`);
  } finally {
    const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(databaseName(scratch))} WITH (FORCE)`);
    await admin.end();
  }
}

export async function loadSampleCity(
  url: string,
  o: { size: CitySize; seed?: number; now?: Date; log?: (m: string) => void },
): Promise<SampleLoad> {
  const t0 = performance.now();
  const log = o.log ?? (() => {});
  const seed = o.seed ?? DEFAULT_SEED;
  const dir = join(SAMPLE_DIR, `${o.size}-${seed}-v${FILES_VERSION}`);
  if (!existsSync(join(dir, '.complete'))) await writeSampleFiles(url, { size: o.size, seed, dir, log });
  const city = generateCity({ size: o.size, seed, now: o.now });
  let incidents = 0;
  // Users stay (a worker's link to its unit would carry the city's TRUNCATE … CASCADE into them).
  const disabled = await keepingUsers(url, async () => {
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      await clearCity(db);
    } finally {
      await db.end();
    }
    ({ incidents } = await loadCityFiles(url, city, dir, log));
  });
  if (disabled.length) log(`worker accounts disabled, their units are gone: ${disabled.join(', ')}`);
  const analyze = new pg.Client({ connectionString: url });
  await analyze.connect();
  try {
    await analyze.query(`ANALYZE ${DATA_TABLES.join(', ')}`);
    await setSampleClock(analyze, city.now);
  } finally {
    await analyze.end();
  }
  return {
    size: o.size,
    seed,
    dir,
    grids: city.grids.length,
    cameras: city.cameras.n,
    incidents,
    seconds: (performance.now() - t0) / 1000,
  };
}
