/** Starts the HTTP server and shuts it down gracefully on SIGINT/SIGTERM. */
import { buildApp, type AppOptions } from './app.ts';
import { loadConfig, type Config } from './config.ts';
import { httpRedirectServer } from './tls.ts';
import { loggerOptions } from './logging.ts';

export interface StartOptions extends AppOptions {
  host?: string;
  port?: number;
}

/** Starts a server from `config` (the validated environment); `opts` override it. */
export async function startServer(opts: StartOptions, config: Config = loadConfig()) {
  const app = await buildApp({
    logger: loggerOptions(config.logLevel),
    tokenTtlSeconds: config.tokenTtlSeconds,
    sessionCheckMs: config.sessionCheckMs,
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
    https: config.tls ?? undefined,
    frameAncestors: config.frameAncestors,
    auditRetentionDays: config.auditRetentionDays,
    ...opts,
  });
  const host = opts.host ?? config.host;
  const address = await app.listen({ host, port: opts.port ?? config.port });
  let redirect: ReturnType<typeof httpRedirectServer> | null = null;
  if (config.tls && config.httpRedirectPort) {
    redirect = httpRedirectServer(new URL(address).port ? Number(new URL(address).port) : 443);
    await new Promise<void>((resolve, reject) => {
      redirect!.once('error', reject);
      redirect!.listen(config.httpRedirectPort!, host, () => resolve());
    });
    app.log.info({ port: config.httpRedirectPort }, 'plain HTTP redirects to https');
  }

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
    redirect?.close();
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  return { app, address };
}
