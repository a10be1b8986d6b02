/**
 * The template every test file's database is copied from: created fresh, migrated, loaded with
 * the sample city, with a user per role. Then it is closed to connections, so that copies of it
 * (test/setup-database.ts, one per test file) are never held up by an open session. Nothing here
 * listens: a test that needs a server starts one on its own database (test/helpers/server.ts),
 * serving a copy of the built client taken here, so that a rebuild during the run (`vite build`
 * empties dist/client first) cannot pull the files from under a page.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { createUser } from '../server/src/repos/users.ts';
import { clientDist } from '../scripts/lib/client-build.ts';
import { databaseName, resolveDatabaseUrl, withDatabase } from '../scripts/lib/db.ts';
import { prepareDatabase } from '../scripts/lib/prepare.ts';
import { ROLES } from '../server/src/domain/roles.ts';
import { randomPassword } from '../server/src/auth/password.ts';
import { allowConnections, dropCopies } from './helpers/db.ts';

export const TEST_SEED = 20260101;

export default async function setup(project: TestProject) {
  const base = await resolveDatabaseUrl();
  // Never touch the product's own database: the template is <name>_test on the same server
  // (GRIDBOARD_TEST_DB names another, so two test runs on one server stay apart), and its copies
  // are named after it.
  const template = withDatabase(base, process.env.GRIDBOARD_TEST_DB ?? `${databaseName(base)}_test`);
  const started = Date.now();
  const leftovers = await dropCopies(template);
  if (leftovers.length)
    process.stderr.write(`[test] dropped ${leftovers.length} test databases left by an earlier run\n`);
  await prepareDatabase(template, { fresh: true, size: 'small', seed: TEST_SEED });

  const users: Record<string, { username: string; password: string }> = {};
  const db = new pg.Client({ connectionString: template });
  await db.connect();
  try {
    // The worker account acts for the grid worker of the first grid that has one.
    const { rows } = await db.query<{ worker_id: number }>(
      'SELECT worker_id FROM grids WHERE worker_id IS NOT NULL ORDER BY id LIMIT 1',
    );
    for (const role of ROLES) {
      const username = `test-${role}`;
      const password = randomPassword();
      await createUser(db, username, role, password, role === 'worker' ? rows[0].worker_id : null);
      users[role] = { username, password };
    }
  } finally {
    await db.end();
  }
  await allowConnections(template, false);
  process.stderr.write(
    `[test] template database ${databaseName(template)} ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );

  let clientDir = clientDist;
  if (fs.existsSync(path.join(clientDist, 'index.html'))) {
    clientDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridboard-test-client-'));
    fs.cpSync(clientDist, clientDir, { recursive: true });
  }

  project.provide('templateDatabaseUrl', template);
  project.provide('users', users);
  project.provide('clientDir', clientDir);

  return async () => {
    await dropCopies(template);
    if (clientDir !== clientDist) fs.rmSync(clientDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The template the test databases are copied from; tests use testDatabaseUrl() (test/helpers/db.ts). */
    templateDatabaseUrl: string;
    users: Record<string, { username: string; password: string }>;
    /** The built client as it was when the run started (a copy of dist/client), for test servers. */
    clientDir: string;
  }
}
