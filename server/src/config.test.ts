import { describe, expect, it } from 'vitest';
import { DEFAULT_DEADLINES } from './domain/workflow.ts';
import { ConfigError, DEFAULT_DATA_DIR, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('has a default for everything (README "Configuration")', () => {
    const c = loadConfig({});
    expect(c).toEqual({
      databaseUrl: null,
      host: '0.0.0.0',
      port: 8080,
      timeZone: 'Asia/Shanghai',
      logLevel: 'info',
      tokenTtlSeconds: 43200,
      sessionCheckMs: 2000,
      loginRateLimit: 10,
      cityName: undefined,
      cityNameZh: undefined,
      tileCacheBytes: 256 * 1024 * 1024,
      replayLimit: 5000,
      deadlines: undefined,
      clientDir: null,
      importMaxBytes: 512 * 1024 * 1024,
      open311RateLimit: 120,
      dataDir: DEFAULT_DATA_DIR,
      mediaMaxBytes: 20 * 1024 * 1024,
      mediaStore: { kind: 'disk' },
      tls: null,
      httpRedirectPort: null,
      frameAncestors: [],
      auditRetentionDays: 190,
      writeRateLimit: 600,
      expensiveReadRateLimit: 30,
    });
  });

  it('keeps the audit trail at least six months', () => {
    expect(loadConfig({ GRIDBOARD_AUDIT_RETENTION_DAYS: '400' }).auditRetentionDays).toBe(400);
    expect(() => loadConfig({ GRIDBOARD_AUDIT_RETENTION_DAYS: '30' })).toThrow(
      /GRIDBOARD_AUDIT_RETENTION_DAYS must be at least 183 \(six months of audit trail; got 30\)/,
    );
  });

  it('reads every variable it knows and ignores the rest', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://u@db/g',
      PORT: '9000',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      GRIDBOARD_TZ: 'Europe/Berlin',
      GRIDBOARD_TOKEN_TTL: '600',
      GRIDBOARD_LOGIN_RATE: '3',
      GRIDBOARD_SESSION_CHECK_MS: '500',
      GRIDBOARD_CITY_NAME: 'Test',
      GRIDBOARD_CITY_NAME_ZH: '测试',
      GRIDBOARD_TILE_CACHE_MB: '0',
      GRIDBOARD_REPLAY_LIMIT: '50',
      GRIDBOARD_DEADLINES: '{"key": {"reported": 7}}',
      CLIENT_DIR: '/srv/client',
      PATH: '/usr/bin',
    });
    expect(c).toMatchObject({
      databaseUrl: 'postgres://u@db/g',
      port: 9000,
      host: '127.0.0.1',
      logLevel: 'warn',
      timeZone: 'Europe/Berlin',
      tokenTtlSeconds: 600,
      loginRateLimit: 3,
      sessionCheckMs: 500,
      cityName: 'Test',
      cityNameZh: '测试',
      tileCacheBytes: 0,
      replayLimit: 50,
      clientDir: '/srv/client',
    });
    expect(c.deadlines?.key.reported).toBe(7);
    expect(c.deadlines?.key.accepted).toBe(DEFAULT_DEADLINES.key.accepted);
    expect(c).not.toHaveProperty('PATH');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', HOST: '' })).toMatchObject({ port: 8080, host: '0.0.0.0' });
  });

  it('allows PORT=0 (any free port) and a fractional tile cache', () => {
    expect(loadConfig({ PORT: '0', GRIDBOARD_TILE_CACHE_MB: '0.5' })).toMatchObject({
      port: 0,
      tileCacheBytes: 512 * 1024,
    });
  });

  it.each([
    ['PORT', 'abc', /PORT must be integer \(got "abc"\)/],
    ['PORT', '70000', /PORT must be <= 65535/],
    ['GRIDBOARD_TILE_CACHE_MB', '-1', /GRIDBOARD_TILE_CACHE_MB must be >= 0/],
    ['GRIDBOARD_TOKEN_TTL', '1.5', /GRIDBOARD_TOKEN_TTL must be integer/],
    ['GRIDBOARD_LOGIN_RATE', '0', /GRIDBOARD_LOGIN_RATE must be >= 1/],
    ['GRIDBOARD_REPLAY_LIMIT', 'lots', /GRIDBOARD_REPLAY_LIMIT must be integer/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/],
    ['GRIDBOARD_TZ', 'Mars/Olympus', /GRIDBOARD_TZ is not a known time zone/],
    [
      'GRIDBOARD_DEADLINES',
      '{"key": {"reported": -5}}',
      /GRIDBOARD_DEADLINES: deadlines.key.reported must be a whole number/,
    ],
    ['GRIDBOARD_DEADLINES', 'not json', /GRIDBOARD_DEADLINES: deadlines must be JSON/],
  ])('refuses %s=%s, naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('names every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'x', GRIDBOARD_TILE_CACHE_MB: '-1' })).toThrow(/PORT.*; GRIDBOARD_TILE_CACHE_MB/);
  });
});
