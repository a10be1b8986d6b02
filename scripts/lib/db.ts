/**
 * Which database the product uses: DATABASE_URL when set, else the project-local cluster.
 * Every script (start, seed, test, bench) goes through ensureDatabase() so that one command
 * on a fresh machine brings the database up by itself.
 */
import pg from 'pg';
import { startCluster, ClusterError } from './cluster.ts';

export const DEFAULT_DB = 'gridboard';

/** Replaces the database name in a connection string. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = '/' + name;
  return u.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres';
}

/** The connection string for `name` (default: the product's database), starting the local cluster if needed. */
export async function resolveDatabaseUrl(name?: string): Promise<string> {
  if (process.env.DATABASE_URL) {
    const url = process.env.DATABASE_URL;
    return name ? withDatabase(url, name) : url;
  }
  const { port } = await startCluster();
  return `postgres://postgres@127.0.0.1:${port}/${name ?? DEFAULT_DB}`;
}

/**
 * Makes sure the database exists and has PostGIS; creates it (on the same server) when missing.
 * With `fresh`, drops and recreates it first (used by the test run).
 */
export async function ensureDatabase(url: string, opts: { fresh?: boolean } = {}): Promise<void> {
  const name = databaseName(url);
  const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  try {
    await admin.connect();
  } catch (err) {
    throw new ClusterError(`cannot connect to PostgreSQL at ${redact(url)}: ${(err as Error).message}`);
  }
  try {
    if (opts.fresh) await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await admin.end();
  }
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const { rows } = await db.query("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'");
    if (!rows.length) {
      throw new ClusterError(
        `the PostgreSQL server at ${redact(url)} has no PostGIS extension: install PostGIS 3 there.`,
      );
    }
  } finally {
    await db.end();
  }
}

/** A connection string safe to print: the password is hidden. */
export function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
