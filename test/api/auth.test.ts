import { describe, expect, it, inject } from 'vitest';
import { createSigner } from 'fast-jwt';
import { buildApp } from '../../server/src/app.ts';
import { useTestApp } from '../helpers/app.ts';
import { testDatabaseUrl } from '../helpers/db.ts';

const t = useTestApp();
const users = inject('users');

const PROTECTED = [
  '/api/me',
  '/api/summary',
  '/api/areas',
  '/api/grids',
  '/api/grids/1',
  '/api/cameras',
  '/api/incidents',
  '/tiles/grids/14/13277/7005.mvt',
  '/tiles/basemap/14/13277/7005.mvt',
];

describe('login', () => {
  it('returns a token and the role for the right password', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: users.planner });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.role).toBe('planner');
    expect(body.username).toBe(users.planner.username);
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: `Bearer ${body.token}` },
    });
    expect(me.json()).toEqual({
      username: users.planner.username,
      role: 'planner',
      unit_id: null,
      must_change_password: false,
    });
  });

  it('tells a worker which patrol unit their account acts for', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: users.worker });
    expect(res.statusCode).toBe(200);
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: `Bearer ${res.json().token}` },
    });
    const { rows } = await t.db.query('SELECT unit_id FROM users WHERE username = $1', [users.worker.username]);
    expect(rows[0].unit_id).toBeGreaterThan(0);
    expect(me.json()).toEqual({
      username: users.worker.username,
      role: 'worker',
      unit_id: rows[0].unit_id,
      must_change_password: false,
    });
    expect(res.json().unit_id).toBe(rows[0].unit_id);
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    for (const payload of [
      { username: users.admin.username, password: 'wrong-password' },
      { username: 'nobody', password: 'whatever' },
    ]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('bad_credentials');
      expect(res.json()).not.toHaveProperty('token');
    }
  });

  it.each([
    ['a missing password', { username: 'x' }, /password/],
    ['a number for a username', { username: 42, password: 'x' }, /username/],
    ['an unexpected field', { username: 'x', password: 'y', role: 'admin' }, /additional/i],
    ['an empty username', { username: '', password: 'y' }, /username/],
  ])('answers 400 with the reason for %s', async (_name, payload, reason) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('bad_request');
    expect(res.json().error.message).toMatch(reason);
  });

  it('answers 400 for malformed JSON', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "a", ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('bad_request');
  });

  it('answers 413 for a body over the limit', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'a', password: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
  });

  it('answers 415 for a body that is not JSON', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'text/plain' },
      payload: 'admin:pw',
    });
    expect(res.statusCode).toBe(415);
  });

  it('slows a flood of logins down with 429', async () => {
    const app = await buildApp({ databaseUrl: testDatabaseUrl(), poolSize: 2, loginRateLimit: 5 });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 8; i++) {
        const res = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'flood', password: 'x' },
        });
        codes.push(res.statusCode);
        if (res.statusCode === 429) expect(res.json().error.code).toBe('rate_limited');
      }
      expect(codes.slice(0, 5).every((c) => c === 401)).toBe(true);
      expect(codes.slice(5).every((c) => c === 429)).toBe(true);
    } finally {
      await app.close();
    }
  });
});

describe('tokens', () => {
  it.each(PROTECTED)('%s needs a token', async (url) => {
    const res = await t.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthorized');
  });

  it('refuses garbage and tokens signed with another secret', async () => {
    const forged = createSigner({ key: 'not-the-secret' })({ sub: 1, username: 'x', role: 'admin' });
    for (const token of ['garbage', forged]) {
      const res = await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
      expect(res.statusCode).toBe(401);
    }
  });

  it('refuses an expired token', async () => {
    const app = await buildApp({ databaseUrl: testDatabaseUrl(), poolSize: 2, tokenTtlSeconds: 1 });
    try {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: users.wall });
      await new Promise((r) => setTimeout(r, 2100));
      const res = await app.inject({
        method: 'GET',
        url: '/api/me',
        headers: { authorization: `Bearer ${login.json().token}` },
      });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.message).toMatch(/expired/);
    } finally {
      await app.close();
    }
  });

  it('lets the read-only wall role read', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/summary', headers: t.auth('wall') });
    expect(res.statusCode).toBe(200);
  });
});
