/** Starts the HTTP server and shuts it down gracefully on SIGINT/SIGTERM. */
import { buildApp, type AppOptions } from './app.ts';
import { configFromEnv } from './config.ts';
import { parseDeadlines } from './domain/workflow.ts';

export interface StartOptions extends AppOptions {
  host?: string;
  port?: number;
}

export async function startServer(opts: StartOptions) {
  const env = configFromEnv();
  const app = await buildApp({
    logger: { level: env.logLevel },
    tokenTtlSeconds: env.tokenTtlSeconds,
    loginRateLimit: env.loginRateLimit,
    timeZone: env.timeZone,
    cityName: process.env.GRIDBOARD_CITY_NAME,
    cityNameZh: process.env.GRIDBOARD_CITY_NAME_ZH,
    deadlines: process.env.GRIDBOARD_DEADLINES ? parseDeadlines(process.env.GRIDBOARD_DEADLINES) : undefined,
    ...opts,
  });
  const address = await app.listen({ host: opts.host ?? env.host, port: opts.port ?? env.port });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    // Stop taking connections, let in-flight requests finish, then close the pool.
    const timer = setTimeout(() => {
      app.log.warn('graceful shutdown timed out; exiting');
      process.exit(1);
    }, 10_000);
    timer.unref();
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  return { app, address };
}
