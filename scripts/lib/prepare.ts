/**
 * Brings a database to a usable state: exists, has PostGIS, is migrated, and holds a city
 * (the sample city is loaded when it is empty).
 */
import pg from 'pg';
import { ensureDatabase } from './db.ts';
import { migrate } from './migrate.ts';

/** An empty database that may take the sample city: no grids, and not marked as a real city's. */
export async function isEmptyCity(url: string): Promise<boolean> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const { rows } = await db.query(
      `SELECT NOT EXISTS (SELECT 1 FROM grids)
          AND NOT EXISTS (SELECT 1 FROM app_settings WHERE key = 'city_source' AND value = 'real') AS empty`,
    );
    return rows[0].empty as boolean;
  } finally {
    await db.end();
  }
}

/** Empties every city table: the areas, registers, basemap, incidents, tracks and imports (users and settings stay). */
export async function clearCity(db: pg.ClientBase): Promise<void> {
  const { DATA_TABLES } = await import('../../fixtures/city/load.ts');
  await db.query(`TRUNCATE ${DATA_TABLES.join(', ')}, imports, import_changes RESTART IDENTITY CASCADE`);
  // Departments are a city's too (categories keep theirs, with no department).
  await db.query('DELETE FROM departments');
}

/** Empties the city and marks the database as a real city's: `npm start` never loads the sample into it. */
export async function emptyCity(url: string): Promise<void> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    await db.query('BEGIN');
    await clearCity(db);
    await db.query(
      `INSERT INTO app_settings (key, value) VALUES ('city_source', 'real') ON CONFLICT (key) DO UPDATE SET value = 'real'`,
    );
    await db.query('COMMIT');
  } finally {
    await db.end();
  }
}

export async function prepareDatabase(
  url: string,
  opts: { fresh?: boolean; size?: 'small' | 'city'; seed?: number; now?: Date; log?: (m: string) => void } = {},
) {
  const log = opts.log ?? (() => {});
  await ensureDatabase(url, { fresh: opts.fresh });
  const applied = await migrate(url);
  if (applied.length) log(`applied migrations: ${applied.join(', ')}`);
  if (await isEmptyCity(url)) {
    const size = opts.size ?? 'small';
    log(`loading the ${size} sample city through the importer…`);
    const { loadSampleCity } = await import('./sample-city.ts');
    const summary = await loadSampleCity(url, { size, seed: opts.seed, now: opts.now, log });
    log(
      `loaded ${summary.grids} grids, ${summary.cameras} cameras, ${summary.incidents} incidents in ${summary.seconds.toFixed(1)} s`,
    );
  }
}
