/** Starts the HTTP server and shuts it down gracefully on SIGINT/SIGTERM. */
import { buildApp, type AppOptions } from './app.ts';
import { loadConfig, type Config } from './config.ts';

export interface StartOptions extends AppOptions {
  host?: string;
  port?: number;
}

/** Starts a server from `config` (the validated environment); `opts` override it. */
export async function startServer(opts: StartOptions, config: Config = loadConfig()) {
  const app = await buildApp({
    logger: { level: config.logLevel },
    tokenTtlSeconds: config.tokenTtlSeconds,
    loginRateLimit: config.loginRateLimit,
    writeRateLimit: config.writeRateLimit,
    expensiveReadRateLimit: config.expensiveReadRateLimit,
    open311RateLimit: config.open311RateLimit,
    timeZone: config.timeZone,
    cityName: config.cityName,
    cityNameZh: config.cityNameZh,
    deadlines: config.deadlines,
    replayLimit: config.replayLimit,
    tileCacheBytes: config.tileCacheBytes,
    importMaxBytes: config.importMaxBytes,
    dataDir: config.dataDir,
    mediaMaxBytes: config.mediaMaxBytes,
    mediaStore: config.mediaStore,
    clientDir: config.clientDir,
    ...opts,
  });
  const address = await app.listen({ host: opts.host ?? config.host, port: opts.port ?? config.port });

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
