/**
 * A real server for one test file, listening on a free port, on that file's own database, with
 * the live hub and the built client (the global setup's copy of it), as `npm start` runs it: for browser tests and socket
 * clients. Closed after the file.
 */
import { afterAll, beforeAll, inject } from 'vitest';
import { buildApp, type App } from '../../server/src/app.ts';
import { UNLIMITED } from './app.ts';
import { testDatabaseUrl } from './db.ts';

export interface TestServer {
  /** http://127.0.0.1:<port>, set before the file's first test. */
  url: string;
  /** The same, as an origin (for the "no request left the origin" checks). */
  origin: string;
  app: App;
}

/** Call at the top of a test file; the returned object is filled before the first test. */
export function useTestServer(): TestServer {
  const server = {} as TestServer;
  beforeAll(async () => {
    server.app = await buildApp({
      databaseUrl: testDatabaseUrl(),
      clientDir: inject('clientDir'),
      ...UNLIMITED,
      live: true,
    });
    server.url = await server.app.listen({ host: '127.0.0.1', port: 0 });
    server.origin = new URL(server.url).origin;
  }, 60_000);
  afterAll(async () => {
    await server.app?.close();
  });
  return server;
}
