/** Runtime configuration, from the environment (see README "Configuration"). */
export interface Config {
  databaseUrl: string;
  host: string;
  port: number;
  /** IANA time zone of the city: "today" and daily trends are counted in it. */
  timeZone: string;
  logLevel: string;
  /** Token lifetime in seconds. */
  tokenTtlSeconds: number;
  /** Login attempts allowed per client address per minute. */
  loginRateLimit: number;
  /** Folder with the built client, served at "/". */
  clientDir: string | null;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Omit<Config, 'databaseUrl' | 'clientDir'> {
  return {
    host: env.HOST ?? '0.0.0.0',
    port: Number(env.PORT ?? 8080),
    timeZone: env.GRIDBOARD_TZ ?? 'Asia/Shanghai',
    logLevel: env.LOG_LEVEL ?? 'info',
    tokenTtlSeconds: Number(env.GRIDBOARD_TOKEN_TTL ?? 12 * 3600),
    loginRateLimit: Number(env.GRIDBOARD_LOGIN_RATE ?? 10),
  };
}
