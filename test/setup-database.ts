/**
 * Runs before every integration test file (vitest.config.ts setupFiles): copies the template the
 * global setup prepared into a database of this file's own, points testDatabaseUrl() at it, and
 * drops it when the file is done — after the file's own afterAll hooks, which vitest runs first.
 */
import { afterAll, inject } from 'vitest';
import { cloneTemplate, DATABASE_URL_ENV, dropDatabase } from './helpers/db.ts';

const url = await cloneTemplate(inject('templateDatabaseUrl'), process.env.VITEST_POOL_ID ?? '0');
process.env[DATABASE_URL_ENV] = url;

afterAll(async () => {
  delete process.env[DATABASE_URL_ENV];
  await dropDatabase(url);
});
