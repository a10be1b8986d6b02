/**
 * Brings a database's schema up to date, under an advisory lock so that several processes may
 * start at once without racing:
 *   1. db/migrations/NNN_name.sql (schema: tables, indexes, types, triggers, data fixes), in
 *      order, each once, in its own transaction, recorded with its checksum in schema_migrations;
 *      an applied file must never change (a changed one is refused: add a new migration).
 *   2. db/functions/*.sql (repeatable, like Flyway's R__ files): each function's definition,
 *      `CREATE OR REPLACE`, re-applied after the migrations whenever the file's checksum differs
 *      from the one recorded in schema_repeatables. Edit the file to change a function; no
 *      migration re-declares it. Migrations up to 020 created the functions first; on a
 *      database that ran them the files are applied once more and are the source from then on.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { projectRoot } from './cluster.ts';

const migrationsDir = path.join(projectRoot, 'db', 'migrations');
export const functionsDir = path.join(projectRoot, 'db', 'functions');
const LOCK_KEY = 727_001;

export interface Migration {
  version: string;
  name: string;
  sql: string;
  checksum: string;
}

export interface Repeatable {
  /** File name, e.g. `events_notify.sql`. */
  name: string;
  sql: string;
  checksum: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function listMigrations(): Migration[] {
  return fs
    .readdirSync(migrationsDir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => {
      const sql = fs.readFileSync(path.join(migrationsDir, f), 'utf8');
      return { version: f.slice(0, 3), name: f, sql, checksum: sha256(sql) };
    });
}

export function listRepeatables(dir: string = functionsDir): Repeatable[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => {
      const sql = fs.readFileSync(path.join(dir, f), 'utf8');
      return { name: f, sql, checksum: sha256(sql) };
    });
}

/**
 * Applies the repeatable files of `dir` that are new or changed since they were last applied,
 * all in one transaction, and records their checksums; returns their names. The caller holds
 * the migration lock (migrate() does).
 *
 * A LANGUAGE sql function's body is checked when it is created, so it must not name a function
 * that comes later in the directory: the files are first applied with body checks off (as
 * pg_restore does), then once more with them on, when every function exists.
 */
export async function applyRepeatables(db: pg.ClientBase, dir: string = functionsDir): Promise<string[]> {
  await db.query(`CREATE TABLE IF NOT EXISTS schema_repeatables (
    name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const { rows } = await db.query<{ name: string; checksum: string }>('SELECT name, checksum FROM schema_repeatables');
  const recorded = new Map(rows.map((r) => [r.name, r.checksum]));
  const files = listRepeatables(dir);
  const pending = files.filter((f) => recorded.get(f.name) !== f.checksum);
  const gone = [...recorded.keys()].filter((name) => !files.some((f) => f.name === name));
  if (!pending.length && !gone.length) return [];

  await db.query('BEGIN');
  let current = '';
  try {
    await db.query('SET LOCAL check_function_bodies = off');
    for (const f of pending) {
      current = f.name;
      await db.query(f.sql);
    }
    await db.query('SET LOCAL check_function_bodies = on');
    for (const f of pending) {
      current = f.name;
      await db.query(f.sql);
    }
    current = '';
    for (const f of pending) {
      await db.query(
        `INSERT INTO schema_repeatables (name, checksum) VALUES ($1, $2)
         ON CONFLICT (name) DO UPDATE SET checksum = EXCLUDED.checksum, applied_at = now()`,
        [f.name, f.checksum],
      );
    }
    // A file that was removed (its function dropped by a migration) is forgotten.
    if (gone.length) await db.query('DELETE FROM schema_repeatables WHERE name = ANY($1)', [gone]);
    await db.query('COMMIT');
  } catch (err) {
    await db.query('ROLLBACK');
    const where = current ? `db/functions/${current}` : 'recording db/functions';
    throw new Error(`${where} failed: ${(err as Error).message}`, { cause: err });
  }
  return pending.map((f) => `functions/${f.name}`);
}

/** Returns the names of the migrations and repeatable files applied by this call. */
export async function migrate(url: string, opts: { functionsDir?: string } = {}): Promise<string[]> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const applied: string[] = [];
  try {
    await db.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await db.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await db.query<{ version: string; checksum: string; name: string }>(
      'SELECT version, checksum, name FROM schema_migrations',
    );
    const done = new Map(rows.map((r) => [r.version, r]));
    for (const m of listMigrations()) {
      const prev = done.get(m.version);
      if (prev) {
        if (prev.checksum !== m.checksum) {
          throw new Error(`migration ${m.name} was changed after it was applied; add a new migration instead`);
        }
        continue;
      }
      await db.query('BEGIN');
      try {
        await db.query(m.sql);
        await db.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
          m.version,
          m.name,
          m.checksum,
        ]);
        await db.query('COMMIT');
        applied.push(m.name);
      } catch (err) {
        await db.query('ROLLBACK');
        throw new Error(`migration ${m.name} failed: ${(err as Error).message}`, { cause: err });
      }
    }
    applied.push(...(await applyRepeatables(db, opts.functionsDir)));
  } finally {
    // The lock is the session's: ending the connection below releases it even if this fails.
    await db.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => {});
    await db.end();
  }
  return applied;
}
