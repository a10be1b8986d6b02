/**
 * One real PostGIS database for the run: created fresh, migrated, loaded with the sample city;
 * a user per role; and a real server listening on a free port with the built client, for the
 * browser tests. Values reach the test files through provide/inject and the environment.
 */
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { buildApp, type App } from '../server/src/app.ts';
import { createUser } from '../server/src/repos/users.ts';
import { clientDist } from '../scripts/lib/client-build.ts';
import { databaseName, resolveDatabaseUrl, withDatabase } from '../scripts/lib/db.ts';
import { prepareDatabase } from '../scripts/lib/prepare.ts';
import { ROLES } from '../server/src/domain/roles.ts';
import { randomPassword } from '../server/src/auth/password.ts';

let app: App | undefined;

export const TEST_SEED = 20260101;

export default async function setup(project: TestProject) {
  const base = await resolveDatabaseUrl();
  // Never touch the product's own database: tests get <name>_test on the same server
  // (GRIDBOARD_TEST_DB names another, so two test runs on one server stay apart).
  const url = withDatabase(base, process.env.GRIDBOARD_TEST_DB ?? `${databaseName(base)}_test`);
  const started = Date.now();
  await prepareDatabase(url, { fresh: true, size: 'small', seed: TEST_SEED });

  const users: Record<string, { username: string; password: string }> = {};
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  for (const role of ROLES) {
    const username = `test-${role}`;
    const password = randomPassword();
    await createUser(db, username, role, password);
    users[role] = { username, password };
  }
  await db.end();
  process.stderr.write(`[test] database ${databaseName(url)} ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);

  // With the live hub, as `npm start` runs it: the browser tests follow the socket.
  app = await buildApp({ databaseUrl: url, clientDir: clientDist, loginRateLimit: 1000, live: true });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });

  project.provide('databaseUrl', url);
  project.provide('serverUrl', address);
  project.provide('users', users);
  process.env.GRIDBOARD_TEST_DATABASE_URL = url;
  process.env.GRIDBOARD_TEST_URL = address;
  process.env.GRIDBOARD_TEST_USER = users.admin.username;
  process.env.GRIDBOARD_TEST_PASSWORD = users.admin.password;

  return async () => {
    await app?.close();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    serverUrl: string;
    users: Record<string, { username: string; password: string }>;
  }
}
