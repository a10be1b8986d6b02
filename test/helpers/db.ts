/**
 * Test databases: the global setup prepares one template (migrated, the sample city, a user per
 * role) and every test file gets its own copy of it (`CREATE DATABASE … TEMPLATE …`, made by
 * test/setup-database.ts before the file runs and dropped after it), so no test file can see
 * another's changes. Names: `<prefix>_w<worker>_<8 hex>`, where the prefix is the template's name
 * (`GRIDBOARD_TEST_DB`, else `<database>_test`), so two runs with different prefixes stay apart.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { databaseName, withDatabase } from '../../scripts/lib/db.ts';

/** The environment variable that holds this test file's database (set by test/setup-database.ts). */
export const DATABASE_URL_ENV = 'GRIDBOARD_TEST_DATABASE_URL';

/** This test file's own database (a copy of the template, made for this file alone). */
export function testDatabaseUrl(): string {
  const url = process.env[DATABASE_URL_ENV];
  if (!url)
    throw new Error(
      `${DATABASE_URL_ENV} is not set: test/setup-database.ts must run first (vitest.config.ts setupFiles)`,
    );
  return url;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Matches the copies of `template` (and databases a test derives from a copy's name, `<copy>_start`). */
export function copyPattern(template: string): RegExp {
  return new RegExp(`^${escapeRegExp(template)}_w\\d+_[0-9a-f]{8}(_\\w+)?$`);
}

async function withAdmin<T>(url: string, fn: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

/**
 * A new database copied from the template. The template takes no connections (the global setup
 * closed them and switched them off), so the copy never waits on another session.
 */
export async function cloneTemplate(templateUrl: string, worker: string): Promise<string> {
  const template = databaseName(templateUrl);
  const name = `${template}_w${worker}_${randomBytes(4).toString('hex')}`;
  await withAdmin(templateUrl, (admin) =>
    admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE ${pg.escapeIdentifier(template)}`),
  );
  return withDatabase(templateUrl, name);
}

export async function dropDatabase(url: string): Promise<void> {
  await withAdmin(url, (admin) =>
    admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(databaseName(url))} WITH (FORCE)`),
  );
}

/** Drops every copy of the template left on the server (by this run, or by one that was killed). */
export async function dropCopies(templateUrl: string): Promise<string[]> {
  const pattern = copyPattern(databaseName(templateUrl));
  return withAdmin(templateUrl, async (admin) => {
    const { rows } = await admin.query<{ datname: string }>('SELECT datname FROM pg_database');
    const names = rows.map((r) => r.datname).filter((n) => pattern.test(n));
    for (const n of names) await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(n)} WITH (FORCE)`);
    return names;
  });
}

/** Lets the template take connections again (so a fresh run can drop it) or not (while it is copied). */
export async function allowConnections(templateUrl: string, allow: boolean): Promise<void> {
  await withAdmin(templateUrl, async (admin) => {
    const name = databaseName(templateUrl);
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) await admin.query(`ALTER DATABASE ${pg.escapeIdentifier(name)} WITH ALLOW_CONNECTIONS ${allow}`);
  });
}
