/**
 * Brings a database to a usable state: exists, has PostGIS, is migrated, and holds a city
 * (the sample city is loaded when it is empty).
 */
import pg from 'pg';
import { ensureDatabase } from './db.ts';
import { migrate } from './migrate.ts';

export async function isEmptyCity(url: string): Promise<boolean> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const { rows } = await db.query('SELECT NOT EXISTS (SELECT 1 FROM grids) AS empty');
    return rows[0].empty as boolean;
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
    log(`loading the ${size} sample city…`);
    const { loadCity } = await import('../../fixtures/city/load.ts');
    const summary = await loadCity(url, { size, seed: opts.seed, now: opts.now, log });
    log(
      `loaded ${summary.grids} grids, ${summary.cameras} cameras, ${summary.incidents} incidents in ${summary.seconds.toFixed(1)} s`,
    );
  }
}
