/**
 * buildApp(): the whole server as one Fastify instance — plugins (errors, db, auth, docs) →
 * routes — used by server.ts and by tests through app.inject().
 */
import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { TileCache } from './cache/tile-cache.ts';
import { appError } from './errors.ts';
import auditPlugin from './plugins/audit.ts';
import authPlugin from './plugins/auth.ts';
import clientPlugin from './plugins/client.ts';
import dbPlugin from './plugins/db.ts';
import docsPlugin from './plugins/docs.ts';
import errorsPlugin from './plugins/errors.ts';
import securityHeaders from './plugins/security-headers.ts';
import limitsPlugin from './plugins/limits.ts';
import validationPlugin from './plugins/validation.ts';
import { getSetting } from './repos/settings.ts';
import auditRoutes from './routes/audit/index.ts';
import authRoutes from './routes/auth/index.ts';
import cameraRoutes from './routes/cameras/index.ts';
import cameraWriteRoutes from './routes/cameras/writes.ts';
import coverageRoutes from './routes/coverage/index.ts';
import coveragePlanRoutes from './routes/coverage/plan.ts';
import gridRoutes from './routes/grids/index.ts';
import gridEditRoutes from './routes/grids/edits.ts';
import gridHistoryRoutes from './routes/grids/history.ts';
import gridExportRoutes from './routes/grids/export.ts';
import gridImportRoutes from './routes/import/grid-layers.ts';
import importFileRoutes, { uploads, type ImportRouteOptions } from './routes/import/files.ts';
import exportRoutes from './routes/export/index.ts';
import fieldRoutes from './routes/field/index.ts';
import healthRoutes from './routes/health/index.ts';
import incidentRoutes from './routes/incidents/index.ts';
import incidentQueueRoutes from './routes/incidents/queue.ts';
import incidentWriteRoutes from './routes/incidents/writes.ts';
import liveRoutes from './routes/live/index.ts';
import mediaRoutes from './routes/media/index.ts';
import { makeStore } from './media/service.ts';
import { auditRetentionProblem, DEFAULT_DATA_DIR, type MediaStoreConfig } from './config.ts';
import channelRoutes from './routes/channels/index.ts';
import open311Routes from './routes/open311/index.ts';
import patrolRoutes from './routes/patrols/index.ts';
import compression from './plugins/compression.ts';
import registerRoutes from './routes/registers/index.ts';
import { attachLiveHub } from './live/hub.ts';
import { startJobs } from './jobs/index.ts';
import { DEFAULT_DEADLINES, type Deadlines } from './domain/workflow.ts';
import summaryRoutes from './routes/summary/index.ts';
import tileRoutes from './routes/tiles/index.ts';
import wallRoutes from './routes/wall/index.ts';

export const VERSION = '0.1.0';

export interface AppOptions {
  databaseUrl: string;
  /** Folder of the built client, or null to serve the API only. */
  clientDir?: string | null;
  logger?: FastifyServerOptions['logger'];
  tokenTtlSeconds?: number;
  loginRateLimit?: number;
  /** Writes a minute per user (default 600). */
  writeRateLimit?: number;
  /** Expensive reads (exports, PDFs, assessment, playback, coverage) a minute per user (default 30). */
  expensiveReadRateLimit?: number;
  /** Expensive reads computed at once per process; more get 503 (default 4). */
  expensiveReadConcurrency?: number;
  timeZone?: string;
  cityName?: string;
  cityNameZh?: string;
  poolSize?: number;
  /** Overrides the token secret kept in the database. */
  tokenSecret?: string;
  /** Memory for cached tiles (default 256 MiB; 0 turns the cache off). */
  tileCacheBytes?: number;
  /** Largest file an import accepts (bytes); a larger upload is refused by its declared size. */
  importMaxBytes?: number;
  /** Open311 calls a minute per channel key (or per address without one), per route (default 120). */
  open311RateLimit?: number;
  /** Folder for the server's own files; photos on disk go under <dataDir>/media (default .data). */
  dataDir?: string;
  /** Largest photo accepted (bytes; default 20 MiB). */
  mediaMaxBytes?: number;
  /** Where photos are kept (default: on disk under dataDir). */
  mediaStore?: MediaStoreConfig;
  /** Attach the socket.io live hub (servers do; most inject()-only tests need not). */
  live?: boolean;
  /** Minutes allowed per grade and status before a step is overdue. */
  deadlines?: Deadlines;
  /** Most events a resync replays before sending a snapshot instead. */
  replayLimit?: number;
  /** How often (ms) to look for newly overdue steps; 0 = never. Runs with `live`. */
  overdueEveryMs?: number;
  /** How often (ms) to purge GPS fixes past their retention; 0 = never. Runs with `live`. */
  retentionEveryMs?: number;
  /**
   * How long (ms) a process trusts its last answer about a session, and how often sockets of ended
   * sessions are cut (default 2 s): a revocation takes effect everywhere within about this time.
   */
  sessionCheckMs?: number;
  /** How often (ms) to snap moved patrol units to their street crossing (default 2 s); 0 = never. */
  snapEveryMs?: number;
  /** PEM certificate and key: the server speaks HTTPS (and sends HSTS). */
  https?: { cert: Buffer; key: Buffer };
  /** Origins allowed to embed /wall in a frame (CSP frame-ancestors); none by default. */
  frameAncestors?: string[];
  /** Days the audit trail is kept (default 190; under 183 is refused). */
  auditRetentionDays?: number;
}

export async function buildApp(opts: AppOptions) {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 1024 * 1024,
    // Tile paths end in ".mvt" after the y parameter.
    routerOptions: { ignoreTrailingSlash: true },
    ...(opts.https ? { https: opts.https } : {}),
  }).withTypeProvider<TypeBoxTypeProvider>();

  const tokenTtlSeconds = opts.tokenTtlSeconds ?? 12 * 3600;
  const auditRetentionDays = opts.auditRetentionDays ?? 190;
  const retentionProblem = auditRetentionProblem(auditRetentionDays);
  if (retentionProblem) throw new Error(retentionProblem);
  await app.register(errorsPlugin);
  await app.register(compression);
  await app.register(securityHeaders, { tls: Boolean(opts.https), frameAncestors: opts.frameAncestors ?? [] });
  await app.register(validationPlugin);
  await app.register(dbPlugin, { databaseUrl: opts.databaseUrl, poolSize: opts.poolSize });
  const secret = opts.tokenSecret ?? (await getSetting(app.db, 'token_secret'));
  if (!secret) throw new Error('token_secret missing from app_settings: run the migrations first');
  const sessionCheckMs = opts.sessionCheckMs ?? 2000;
  await app.register(authPlugin, { secret, tokenTtlSeconds, sessionCacheMs: sessionCheckMs });
  await app.register(auditPlugin);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) =>
      appError('rate_limited', `Too many attempts; retry in ${Math.ceil(ctx.ttl / 1000)} s`),
  });
  await app.register(limitsPlugin, {
    writeRate: opts.writeRateLimit ?? 600,
    expensiveReadRate: opts.expensiveReadRateLimit ?? 30,
    expensiveConcurrency: opts.expensiveReadConcurrency ?? 4,
  });
  await app.register(docsPlugin, { version: VERSION });

  const tileCache = new TileCache(opts.tileCacheBytes ?? 256 * 1024 * 1024);
  app.decorate('tileCache', tileCache);

  await app.register(healthRoutes, { version: VERSION });
  await app.register(authRoutes, { loginRateLimit: opts.loginRateLimit ?? 10, tokenTtlSeconds });
  await app.register(auditRoutes);
  await app.register(summaryRoutes, {
    city: {
      name: opts.cityName ?? 'Xiaoxiang (sample city)',
      name_zh: opts.cityNameZh ?? '潇湘市（示例）',
      timeZone: opts.timeZone ?? 'Asia/Shanghai',
    },
  });
  const importOptions: ImportRouteOptions = {
    databaseUrl: opts.databaseUrl,
    maxBytes: opts.importMaxBytes ?? 512 * 1024 * 1024,
    progress: { emit: () => {} },
  };
  await app.register(uploads, importOptions);
  await app.register(gridRoutes);
  await app.register(gridEditRoutes);
  await app.register(gridHistoryRoutes);
  await app.register(gridExportRoutes);
  await app.register(gridImportRoutes);
  await app.register(importFileRoutes, importOptions);
  await app.register(exportRoutes, { databaseUrl: opts.databaseUrl, timeZone: opts.timeZone ?? 'Asia/Shanghai' });
  await app.register(cameraRoutes);
  await app.register(cameraWriteRoutes);
  await app.register(coverageRoutes);
  await app.register(coveragePlanRoutes);
  const deadlines = opts.deadlines ?? DEFAULT_DEADLINES;
  await app.register(incidentRoutes);
  await app.register(incidentWriteRoutes, { deadlines, duplicateRadiusM: 150, duplicateWindowH: 48 });
  await app.register(incidentQueueRoutes, { deadlines });
  await app.register(patrolRoutes, { timeZone: opts.timeZone ?? 'Asia/Shanghai' });
  await app.register(registerRoutes);
  await app.register(fieldRoutes, { timeZone: opts.timeZone ?? 'Asia/Shanghai', deadlines });
  await app.register(mediaRoutes, {
    store: makeStore(opts.mediaStore ?? { kind: 'disk' }, opts.dataDir ?? DEFAULT_DATA_DIR),
    maxBytes: opts.mediaMaxBytes ?? 20 * 1024 * 1024,
    timeZone: opts.timeZone ?? 'Asia/Shanghai',
  });
  await app.register(channelRoutes);
  await app.register(open311Routes, { prefix: '/open311/v2', deadlines, rate: opts.open311RateLimit ?? 120 });
  await app.register(wallRoutes, { timeZone: opts.timeZone ?? 'Asia/Shanghai', deadlines });
  await app.register(tileRoutes, { cache: tileCache });
  await app.register(clientPlugin, { dir: opts.clientDir ?? null });
  if (opts.live) {
    const hub = await attachLiveHub(app, {
      databaseUrl: opts.databaseUrl,
      deadlines,
      replayLimit: opts.replayLimit ?? 5000,
      maxMessageBytes: 1024 * 1024,
      sessionSweepMs: sessionCheckMs,
    });
    await app.register(liveRoutes, { io: hub.io, listener: hub.listener });
    // Import progress goes to the uploader's socket, whichever process holds it (the adapter relays).
    importOptions.progress.emit = (socketId, p) => {
      hub.io.to(socketId).emit('import:progress', p);
    };
  }
  startJobs(app, {
    live: opts.live ?? false,
    deadlines,
    snapEveryMs: opts.snapEveryMs ?? 2000,
    overdueEveryMs: opts.overdueEveryMs ?? 30_000,
    retentionEveryMs: opts.retentionEveryMs ?? 3_600_000,
    auditRetentionDays,
  });
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    tileCache: TileCache;
  }
}

export type App = Awaited<ReturnType<typeof buildApp>>;
