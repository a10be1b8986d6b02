/**
 * Per-file helpers: a real app on this file's own test database (requests through app.inject), tokens for
 * each role, and a pg pool for checking what the database holds.
 */
import { afterAll, beforeAll, inject } from 'vitest';
import pg from 'pg';
import { buildApp, type App, type AppOptions } from '../../server/src/app.ts';
import type { Role } from '../../server/src/domain/roles.ts';
import { testDatabaseUrl } from './db.ts';

type LimitOption = 'loginRateLimit' | 'writeRateLimit' | 'expensiveReadRateLimit' | 'expensiveReadConcurrency';
export const UNLIMITED = {
  loginRateLimit: 1000,
  writeRateLimit: 100_000,
  expensiveReadRateLimit: 100_000,
  expensiveReadConcurrency: 64,
} satisfies Pick<AppOptions, LimitOption>;

export interface TestContext {
  app: App;
  db: pg.Pool;
  token(role: Role): string;
  auth(role: Role): { authorization: string };
}

/** Call at the top of a test file; the returned object is filled before the first test. */
export function useTestApp(opts: Partial<Pick<AppOptions, LimitOption>> = {}): TestContext {
  const tokens = new Map<Role, string>();
  const ctx = {} as TestContext;
  beforeAll(async () => {
    const url = testDatabaseUrl();
    // Limits high enough that no test meets them unless it sets its own.
    ctx.app = await buildApp({ databaseUrl: url, poolSize: 4, ...UNLIMITED, ...opts });
    ctx.db = new pg.Pool({ connectionString: url, max: 2 });
    // The file's database is dropped WITH (FORCE) once the file is done: a connection still
    // closing then hears "terminating connection due to administrator command" (57P01). That is
    // the teardown, not a failure; anything else an idle connection reports still fails the run.
    ctx.db.on('error', (err: Error & { code?: string }) => {
      if (err.code !== '57P01') throw err;
    });
    const users = inject('users');
    for (const [role, creds] of Object.entries(users)) {
      const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: creds });
      if (res.statusCode !== 200) throw new Error(`login as ${role} failed: ${res.body}`);
      tokens.set(role as Role, res.json().token);
    }
    ctx.token = (role) => tokens.get(role)!;
    ctx.auth = (role) => ({ authorization: `Bearer ${tokens.get(role)}` });
  });
  afterAll(async () => {
    await ctx.app?.close();
    await ctx.db?.end();
  });
  return ctx;
}
