/**
 * Issue #13, finding 3: the wall link's token (/wall?token=…) was written to the request log in
 * full. The server's own logger options (server/src/logging.ts) are used here with a captured
 * stream; no line may contain a token or a password.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp, type App } from '../../server/src/app.ts';
import { loggerOptions } from '../../server/src/logging.ts';
import { testDatabaseUrl } from '../helpers/db.ts';

const users = inject('users');
const lines: string[] = [];
let app: App;

beforeAll(async () => {
  app = await buildApp({
    databaseUrl: testDatabaseUrl(),
    poolSize: 2,
    clientDir: inject('clientDir'),
    logger: loggerOptions('info', { write: (line: string) => lines.push(line) }),
  });
});
afterAll(async () => {
  await app?.close();
});

describe('log lines', () => {
  it('never contain a token, an Authorization header or a password', async () => {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: users.admin });
    expect(login.statusCode).toBe(200);
    const token: string = login.json().token;
    const link = await app.inject({
      method: 'POST',
      url: '/api/wall/tokens',
      headers: { authorization: `Bearer ${token}` },
      payload: { username: users.wall.username, screen: 'Log test' },
    });
    const linkToken: string = link.json().token;

    const secrets = [
      token,
      linkToken,
      'SECRET-in-api-query',
      'SECRET-api-key',
      users.admin.password,
      'SECRET-new-pass',
    ];
    await app.inject({ method: 'GET', url: `/wall?token=${encodeURIComponent(linkToken)}` });
    await app.inject({ method: 'GET', url: `/wall?token=${linkToken}&tour=1` });
    await app.inject({
      method: 'GET',
      url: '/api/summary?token=SECRET-in-api-query',
      headers: { authorization: `Bearer ${token}` },
    });
    await app.inject({ method: 'GET', url: '/api/nowhere?access_token=SECRET-in-api-query' });
    await app.inject({ method: 'GET', url: '/open311/v2/services.json?api_key=SECRET-api-key' });
    await app.inject({ method: 'POST', url: '/api/auth/wall', payload: { token: linkToken } });
    await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: users.admin.username, password: 'SECRET-new-pass' },
    });
    await app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { authorization: `Bearer ${token}` },
      payload: { current: users.admin.password, new: 'SECRET-new-pass' },
    });

    const log = lines.join('');
    // The requests were logged (so the test can fail), with the values blanked.
    expect(log).toContain('/wall?token=[redacted]');
    expect(log).toContain('/api/summary?token=[redacted]');
    expect(log).toContain('api_key=[redacted]');
    for (const secret of secrets) expect(log).not.toContain(secret);
    expect(log).not.toContain(encodeURIComponent(linkToken));
  });
});
