/**
 * Brings a database to a usable state: exists, has PostGIS, is migrated, and holds a city
 * (the sample city is loaded when it is empty).
 */
import pg from 'pg';
import { hashPassword, randomPassword } from '../../server/src/auth/password.ts';
import { ensureDatabase } from './db.ts';
import { migrate } from './migrate.ts';
import { bringSampleToNow } from './sample-clock.ts';

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

/**
 * Runs `fn` (which replaces the city's tables with TRUNCATE … CASCADE) keeping every user. A
 * worker account references its patrol unit, so the cascade would follow that link and empty
 * `users` (admins included): the link is dropped for the duration, then each worker is linked
 * again to the unit of the same code in the new city. A worker whose unit is gone is disabled
 * and keeps its old unit id (the link comes back NOT VALID, checked for new rows only).
 * Returns the names of the workers so disabled.
 */
export async function keepingUsers(url: string, fn: () => Promise<void>): Promise<string[]> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const { rows: links } = await db.query<{ id: number; code: string }>(
      'SELECT u.id, p.code FROM users u JOIN patrol_units p ON p.id = u.unit_id',
    );
    await db.query('ALTER TABLE users DROP CONSTRAINT IF EXISTS users_unit_id_fkey');
    let gone: string[] = [];
    try {
      await fn();
    } finally {
      gone = await relink(db, links);
    }
    return gone;
  } finally {
    await db.end();
  }
}

/** Links each worker again to the unit of its code; disables those whose unit is gone; restores the key. */
async function relink(db: pg.ClientBase, links: { id: number; code: string }[]): Promise<string[]> {
  await db.query('BEGIN');
  await db.query(
    `UPDATE users u SET unit_id = p.id FROM unnest($1::int[], $2::text[]) AS l(id, code)
     JOIN patrol_units p ON p.code = l.code WHERE u.id = l.id`,
    [links.map((l) => l.id), links.map((l) => l.code)],
  );
  const { rows: gone } = await db.query<{ username: string }>(
    `UPDATE users u SET disabled = true WHERE u.unit_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM patrol_units p WHERE p.id = u.unit_id) RETURNING username`,
  );
  await db.query(
    `ALTER TABLE users ADD CONSTRAINT users_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES patrol_units (id)
     ON DELETE SET NULL NOT VALID`,
  );
  await db.query('COMMIT');
  return gone.map((g) => g.username);
}

/**
 * The demo grid worker for trying the phone app (/m) on the sample city: a user `worker` linked
 * to the unit of the first grid that has a worker, with a random password returned once to be
 * printed (as the first admin's). Nothing when the user exists, the city is a real one, or no
 * grid has a worker without an account.
 */
export async function ensureDemoWorker(db: pg.ClientBase): Promise<{ username: string; password: string } | null> {
  const { rows } = await db.query<{ unit_id: number }>(
    `SELECT g.worker_id AS unit_id FROM grids g
     WHERE g.worker_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM users WHERE username = 'worker')
       AND NOT EXISTS (SELECT 1 FROM app_settings WHERE key = 'city_source' AND value = 'real')
       AND NOT EXISTS (SELECT 1 FROM users u WHERE u.unit_id = g.worker_id)
     ORDER BY g.id LIMIT 1`,
  );
  if (!rows.length) return null;
  const password = randomPassword();
  // ON CONFLICT: two processes starting together must not both create (and print) it.
  const res = await db.query(
    `INSERT INTO users (username, role, password_hash, unit_id) VALUES ('worker', 'worker', $1, $2)
     ON CONFLICT DO NOTHING`,
    [await hashPassword(password), rows[0].unit_id],
  );
  return res.rowCount ? { username: 'worker', password } : null;
}

/** Empties the city and marks the database as a real city's: `npm start` never loads the sample into it. */
export async function emptyCity(url: string): Promise<void> {
  await keepingUsers(url, async () => {
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
  });
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
  } else {
    const t0 = performance.now();
    const movedMs = await bringSampleToNow(url);
    if (movedMs)
      log(
        `moved the sample city's timeline ${(movedMs / 3_600_000).toFixed(1)} h forward to now in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
  }
}
