/**
 * import-city: the whole city brought in as a real city brings it — the hierarchy of areas as
 * zipped Shapefiles, buildings as a GeoPackage, the camera ledger as XLSX, the road map as OSM —
 * into an empty database with `npm run import`'s code path, layer by layer. Each layer is timed
 * against the floor: `ogr2ogr -f PostgreSQL` of the same file into a bare table in the same run
 * (GDAL's own reader, no checks, no repairs, no merge). Target: whole city ≤ 5 min, each layer
 * within 3× of its floor.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { FILES_VERSION, SAMPLE_FILES } from '../../fixtures/city/files.ts';
import { DEFAULT_SEED } from '../../fixtures/city/generate.ts';
import { importFile } from '../../server/src/ingest/index.ts';
import { pgConnection } from '../../server/src/ingest/gdal.ts';
import { ensureDatabase, withDatabase } from '../lib/db.ts';
import { migrate } from '../lib/migrate.ts';
import { SAMPLE_DIR, writeSampleFiles } from '../lib/sample-city.ts';
import { round, type BenchResult } from './stats.ts';

const run = promisify(execFile);

/** The floor for one file: GDAL reading it straight into a bare table (osm2pgsql-free for OSM). */
async function bareLoad(url: string, path: string, table: string): Promise<number> {
  const t0 = performance.now();
  const source = path.endsWith('.zip') ? `/vsizip/${path}` : path;
  await run(
    'ogr2ogr',
    [
      '-f',
      'PostgreSQL',
      pgConnection(url),
      source,
      '-nln',
      table,
      '-lco',
      'SPATIAL_INDEX=NONE',
      '-overwrite',
      '-nlt',
      'GEOMETRY',
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  return (performance.now() - t0) / 1000;
}

export async function benchImportCity(
  url: string,
  quick: boolean,
  log: (m: string) => void = () => {},
): Promise<BenchResult[]> {
  const size = quick ? 'small' : 'city';
  const dir = join(SAMPLE_DIR, `${size}-${DEFAULT_SEED}-v${FILES_VERSION}`);
  if (!existsSync(join(dir, '.complete'))) await writeSampleFiles(url, { size, seed: DEFAULT_SEED, dir, log });
  const target = withDatabase(url, `gridboard_bench_import_${size}`);
  await ensureDatabase(target, { fresh: true });
  await migrate(target);
  const pool = new pg.Pool({ connectionString: target, max: 2 });
  const results: BenchResult[] = [];
  let total = 0;
  try {
    for (const [layer, file] of SAMPLE_FILES) {
      const path = join(dir, file);
      const r = await importFile(pool, target, { layer, path, fileName: file, actor: 'bench' });
      total += r.seconds;
      const floor = layer === 'basemap' ? null : await bareLoad(target, path, `bare_${layer.replace('-', '_')}`);
      log(
        `${layer}: ${r.read} rows in ${r.seconds.toFixed(1)} s (${Math.round(r.read / r.seconds)} rows/s)` +
          (floor ? `, bare ogr2ogr ${floor.toFixed(1)} s` : ''),
      );
      results.push({
        name: `import-city ${layer} (${file})`,
        value: round(r.seconds, 2),
        unit: 's',
        ...(floor ? { baseline: round(floor, 2), ratio: round(r.seconds / floor, 2) } : {}),
        target: floor ? '≤ 3× bare ogr2ogr' : undefined,
        note: `${r.read} rows, ${Math.round(r.read / r.seconds)} rows/s, ${r.inserted} inserted, ${r.rejected.length} rejected`,
      });
    }
  } finally {
    await pool.end();
  }
  results.push({ name: 'import-city whole city', value: round(total, 1), unit: 's', target: '≤ 300 s' });
  return results;
}
