/**
 * Runtime configuration: every environment variable the server reads (README "Configuration"),
 * read and validated here and nowhere else. A bad value stops the server at start with a
 * message naming the variable, instead of surfacing later as NaN or a failed query.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import envSchema from 'env-schema';
import { Type, type Static } from 'typebox';
import { parseDeadlines, type Deadlines } from './domain/workflow.ts';
import { readTlsFiles, type TlsFiles } from './tls.ts';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** The environment, as a JSON schema (env-schema coerces the strings to these types). */
export const EnvSchema = Type.Object({
  DATABASE_URL: Type.Optional(Type.String({ minLength: 1, description: 'PostgreSQL connection string' })),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
  HOST: Type.String({ minLength: 1, default: '0.0.0.0' }),
  LOG_LEVEL: Type.Enum(LOG_LEVELS, { default: 'info' }),
  GRIDBOARD_TZ: Type.String({ minLength: 1, default: 'Asia/Shanghai', description: 'IANA time zone' }),
  GRIDBOARD_TOKEN_TTL: Type.Integer({ minimum: 1, default: 12 * 3600, description: 'seconds' }),
  GRIDBOARD_SESSION_CHECK_MS: Type.Integer({
    minimum: 100,
    maximum: 60_000,
    default: 2000,
    description: 'ms a revocation may take to reach every process and socket',
  }),
  GRIDBOARD_LOGIN_RATE: Type.Integer({ minimum: 1, default: 10, description: 'attempts per minute' }),
  GRIDBOARD_WRITE_RATE: Type.Integer({ minimum: 1, default: 600, description: 'writes per user per minute' }),
  GRIDBOARD_EXPENSIVE_READ_RATE: Type.Integer({
    minimum: 1,
    default: 30,
    description: 'exports, PDFs, assessment, playback, coverage per user per minute',
  }),
  GRIDBOARD_CITY_NAME: Type.Optional(Type.String({ minLength: 1 })),
  GRIDBOARD_CITY_NAME_ZH: Type.Optional(Type.String({ minLength: 1 })),
  GRIDBOARD_TILE_CACHE_MB: Type.Number({ minimum: 0, default: 256, description: 'MiB; 0 = off' }),
  GRIDBOARD_REPLAY_LIMIT: Type.Integer({ minimum: 1, default: 5000 }),
  GRIDBOARD_DEADLINES: Type.Optional(Type.String({ description: 'JSON, see parseDeadlines' })),
  GRIDBOARD_IMPORT_MAX_MB: Type.Number({
    minimum: 1,
    maximum: 65536,
    default: 512,
    description: 'MiB per uploaded file',
  }),
  CLIENT_DIR: Type.Optional(Type.String({ minLength: 1, description: 'folder of the built client' })),
  GRIDBOARD_OPEN311_RATE: Type.Integer({ minimum: 1, default: 120, description: 'Open311 calls per key per minute' }),
  GRIDBOARD_DATA_DIR: Type.Optional(Type.String({ minLength: 1, description: 'folder for media (default .data)' })),
  GRIDBOARD_MEDIA_MAX_MB: Type.Number({ minimum: 0.01, maximum: 1024, default: 20, description: 'MiB per photo' }),
  GRIDBOARD_MEDIA_STORE: Type.Enum(['disk', 's3'], { default: 'disk' }),
  GRIDBOARD_S3_ENDPOINT: Type.Optional(Type.String({ minLength: 1, description: 'e.g. http://minio:9000' })),
  GRIDBOARD_S3_BUCKET: Type.Optional(Type.String({ minLength: 1 })),
  GRIDBOARD_S3_ACCESS_KEY: Type.Optional(Type.String({ minLength: 1 })),
  GRIDBOARD_S3_SECRET_KEY: Type.Optional(Type.String({ minLength: 1 })),
  GRIDBOARD_S3_REGION: Type.String({ minLength: 1, default: 'us-east-1' }),
  GRIDBOARD_TLS_CERT: Type.Optional(Type.String({ minLength: 1, description: 'PEM certificate (chain) file' })),
  GRIDBOARD_TLS_KEY: Type.Optional(Type.String({ minLength: 1, description: 'PEM private key file' })),
  GRIDBOARD_HTTP_REDIRECT_PORT: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535 })),
  GRIDBOARD_FRAME_ANCESTORS: Type.Optional(Type.String({ description: 'origins allowed to embed /wall' })),
  GRIDBOARD_AUDIT_RETENTION_DAYS: Type.Integer({ default: 190, description: 'days the audit trail is kept (≥ 183)' }),
});
export type Env = Static<typeof EnvSchema>;

export interface Config {
  /** DATABASE_URL; null when unset (npm start then runs its own cluster). */
  databaseUrl: string | null;
  host: string;
  port: number;
  /** IANA time zone of the city: "today" and daily trends are counted in it. */
  timeZone: string;
  logLevel: string;
  /** Token lifetime in seconds. */
  tokenTtlSeconds: number;
  /** How long (ms) one process caches a session's liveness; also the socket sweep's period. */
  sessionCheckMs: number;
  /** Login attempts allowed per client address per minute. */
  loginRateLimit: number;
  /** Writes allowed per user per minute. */
  writeRateLimit: number;
  /** Expensive reads allowed per user per minute. */
  expensiveReadRateLimit: number;
  cityName: string | undefined;
  cityNameZh: string | undefined;
  /** Memory for cached vector tiles (0 = off). */
  tileCacheBytes: number;
  /** Most events one resync replays. */
  replayLimit: number;
  /** Overdue minutes per grade and step; undefined = DEFAULT_DEADLINES. */
  deadlines: Deadlines | undefined;
  /** Folder with the built client, served at "/". */
  clientDir: string | null;
  /** Largest file an import accepts, in bytes. */
  importMaxBytes: number;
  /** Open311 calls a minute per channel key (or per address without one), per route. */
  open311RateLimit: number;
  /** Folder for the server's own files (media on disk under <dataDir>/media). */
  dataDir: string;
  /** Largest photo an upload accepts, in bytes. */
  mediaMaxBytes: number;
  /** Where photos are kept: this server's disk, or an S3-compatible bucket shared by several servers. */
  mediaStore: MediaStoreConfig;
  /** Certificate and key: serve HTTPS on `port`; null: plain HTTP. */
  tls: TlsFiles | null;
  /** A plain-HTTP port that redirects to https (with `tls` only). */
  httpRedirectPort: number | null;
  /** Origins allowed to embed /wall in a frame. */
  frameAncestors: string[];
  /** Days the audit trail is kept (at least AUDIT_MIN_RETENTION_DAYS). */
  auditRetentionDays: number;
}

/** Six months: what MLPS 2.0 level 3 asks of security logs. */
export const AUDIT_MIN_RETENTION_DAYS = 183;

/** Why a retention cannot be used, or null. */
export function auditRetentionProblem(days: number): string | null {
  return days < AUDIT_MIN_RETENTION_DAYS
    ? `GRIDBOARD_AUDIT_RETENTION_DAYS must be at least ${AUDIT_MIN_RETENTION_DAYS} (six months of audit trail; got ${days})`
    : null;
}

export type MediaStoreConfig =
  | { kind: 'disk' }
  | { kind: 's3'; endpoint: string; bucket: string; accessKey: string; secretKey: string; region: string };

/** The project root (config.ts is server/src/config.ts): `.data` lives there. */
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** `.data` under the project root: where the local PostGIS cluster lives too. */
export const DEFAULT_DATA_DIR = resolve(PROJECT_ROOT, '.data');

/** A configuration value that cannot be used; the message names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** "PORT must be integer (got "abc")" for each variable ajv refused. */
function describe(errors: AjvError[], env: Record<string, string | undefined>): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const e of errors) {
    const name = e.instancePath.replace(/^\//, '');
    if (seen.has(name)) continue;
    seen.add(name);
    const why = e.keyword === 'enum' ? `must be one of ${(e.params.allowedValues as string[]).join(', ')}` : e.message;
    lines.push(`${name} ${why} (got ${JSON.stringify(env[name])})`);
  }
  return lines;
}

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false; // RangeError: not a time zone this runtime knows
  }
}

/** Reads and checks the configuration; throws ConfigError naming every variable that is wrong. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  // An empty variable counts as unset (as `FOO= npm start` means in most tools).
  const data = Object.fromEntries(
    Object.entries(source).filter(([k, v]) => k in EnvSchema.properties && v !== undefined && v !== ''),
  );
  let env: Env;
  try {
    env = envSchema<Env>({ schema: structuredClone(EnvSchema), data, env: false });
  } catch (err) {
    const errors = (err as { errors?: AjvError[] }).errors;
    const lines = errors ? describe(errors, source) : [(err as Error).message];
    throw new ConfigError(`Invalid configuration: ${lines.join('; ')}`, { cause: err });
  }
  const problems: string[] = [];
  if (!validTimeZone(env.GRIDBOARD_TZ))
    problems.push(`GRIDBOARD_TZ is not a known time zone (got ${JSON.stringify(env.GRIDBOARD_TZ)})`);
  let deadlines: Deadlines | undefined;
  if (env.GRIDBOARD_DEADLINES !== undefined) {
    try {
      deadlines = parseDeadlines(env.GRIDBOARD_DEADLINES);
    } catch (err) {
      problems.push(`GRIDBOARD_DEADLINES: ${(err as Error).message}`);
    }
  }
  let mediaStore: MediaStoreConfig = { kind: 'disk' };
  if (env.GRIDBOARD_MEDIA_STORE === 's3') {
    const missing = (['ENDPOINT', 'BUCKET', 'ACCESS_KEY', 'SECRET_KEY'] as const).filter(
      (k) => !env[`GRIDBOARD_S3_${k}`],
    );
    if (missing.length)
      problems.push(`GRIDBOARD_MEDIA_STORE=s3 needs ${missing.map((k) => `GRIDBOARD_S3_${k}`).join(', ')}`);
    else
      mediaStore = {
        kind: 's3',
        endpoint: env.GRIDBOARD_S3_ENDPOINT!,
        bucket: env.GRIDBOARD_S3_BUCKET!,
        accessKey: env.GRIDBOARD_S3_ACCESS_KEY!,
        secretKey: env.GRIDBOARD_S3_SECRET_KEY!,
        region: env.GRIDBOARD_S3_REGION,
      };
  }
  let tls: TlsFiles | null = null;
  if (Boolean(env.GRIDBOARD_TLS_CERT) !== Boolean(env.GRIDBOARD_TLS_KEY)) {
    problems.push('GRIDBOARD_TLS_CERT and GRIDBOARD_TLS_KEY go together: set both for HTTPS, or neither');
  } else if (env.GRIDBOARD_TLS_CERT && env.GRIDBOARD_TLS_KEY) {
    try {
      tls = readTlsFiles(env.GRIDBOARD_TLS_CERT, env.GRIDBOARD_TLS_KEY);
    } catch (err) {
      problems.push((err as Error).message);
    }
  }
  if (env.GRIDBOARD_HTTP_REDIRECT_PORT !== undefined && !env.GRIDBOARD_TLS_CERT) {
    problems.push('GRIDBOARD_HTTP_REDIRECT_PORT redirects to https: it needs GRIDBOARD_TLS_CERT and GRIDBOARD_TLS_KEY');
  }
  const frameAncestors = (env.GRIDBOARD_FRAME_ANCESTORS ?? '').split(/[\s,]+/).filter(Boolean);
  for (const origin of frameAncestors) {
    if (!/^https?:\/\/[\w.-]+(:\d{1,5})?$/.test(origin))
      problems.push(
        `GRIDBOARD_FRAME_ANCESTORS: ${JSON.stringify(origin)} is not an origin like https://screens.example`,
      );
  }
  const retention = auditRetentionProblem(env.GRIDBOARD_AUDIT_RETENTION_DAYS);
  if (retention) problems.push(retention);
  if (problems.length) throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  return {
    databaseUrl: env.DATABASE_URL ?? null,
    host: env.HOST,
    port: env.PORT,
    timeZone: env.GRIDBOARD_TZ,
    logLevel: env.LOG_LEVEL,
    tokenTtlSeconds: env.GRIDBOARD_TOKEN_TTL,
    sessionCheckMs: env.GRIDBOARD_SESSION_CHECK_MS,
    loginRateLimit: env.GRIDBOARD_LOGIN_RATE,
    writeRateLimit: env.GRIDBOARD_WRITE_RATE,
    expensiveReadRateLimit: env.GRIDBOARD_EXPENSIVE_READ_RATE,
    cityName: env.GRIDBOARD_CITY_NAME,
    cityNameZh: env.GRIDBOARD_CITY_NAME_ZH,
    tileCacheBytes: Math.round(env.GRIDBOARD_TILE_CACHE_MB * 1024 * 1024),
    importMaxBytes: Math.round(env.GRIDBOARD_IMPORT_MAX_MB * 1024 * 1024),
    open311RateLimit: env.GRIDBOARD_OPEN311_RATE,
    replayLimit: env.GRIDBOARD_REPLAY_LIMIT,
    deadlines,
    clientDir: env.CLIENT_DIR ?? null,
    dataDir: resolve(PROJECT_ROOT, env.GRIDBOARD_DATA_DIR ?? '.data'),
    mediaMaxBytes: Math.round(env.GRIDBOARD_MEDIA_MAX_MB * 1024 * 1024),
    mediaStore,
    tls,
    httpRedirectPort: env.GRIDBOARD_HTTP_REDIRECT_PORT ?? null,
    frameAncestors,
    auditRetentionDays: env.GRIDBOARD_AUDIT_RETENTION_DAYS,
  };
}
