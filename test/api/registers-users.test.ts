import { describe, expect, it } from 'vitest';
import type { Role } from '../../server/src/domain/roles.ts';
import { useTestApp } from '../helpers/app.ts';

const t = useTestApp();

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
async function call(method: Method, url: string, payload?: unknown, role: Role = 'admin') {
  const res = await t.app.inject({ method, url, payload: payload as object, headers: t.auth(role) });
  return { status: res.statusCode, body: res.json() };
}

async function login(username: string, password: string) {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  return res.statusCode;
}

describe('/api/users', () => {
  it('creates a user who can sign in, and never returns a password hash', async () => {
    const res = await call('POST', '/api/users', {
      username: 'duty.officer',
      role: 'operator',
      password: 'first-pass',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ username: 'duty.officer', role: 'operator', disabled: false, version: 1 });
    expect(JSON.stringify(res.body)).not.toMatch(/hash|scrypt|first-pass/);
    expect(await login('duty.officer', 'first-pass')).toBe(200);
    expect((await call('GET', `/api/users/${res.body.id}`)).body).toEqual(res.body);
    const list = await call('GET', '/api/users?q=duty');
    expect(list.body).toMatchObject({ total: 1, items: [{ id: res.body.id }] });
    expect(JSON.stringify((await call('GET', '/api/users?limit=1000')).body)).not.toMatch(/hash|scrypt/);
  });

  it('disables (then the user cannot sign in), changes the role and resets the password', async () => {
    const u = (await call('POST', '/api/users', { username: 'temp.planner', role: 'planner', password: 'pass-one-1' }))
      .body;
    const off = await call('PUT', `/api/users/${u.id}`, { version: 1, disabled: true });
    expect(off.body).toMatchObject({ disabled: true, version: 2 });
    expect(await login('temp.planner', 'pass-one-1')).toBe(401);
    const on = await call('PUT', `/api/users/${u.id}`, { version: 2, disabled: false, role: 'wall' });
    expect(on.body).toMatchObject({ disabled: false, role: 'wall', version: 3 });
    const me = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'temp.planner', password: 'pass-one-1' },
    });
    expect(me.json().role).toBe('wall');

    const reset = await call('POST', `/api/users/${u.id}/password`, { password: 'pass-two-2', version: 3 });
    expect(reset.status).toBe(200);
    expect(reset.body.version).toBe(4);
    expect(await login('temp.planner', 'pass-one-1')).toBe(401);
    expect(await login('temp.planner', 'pass-two-2')).toBe(200);
    const stale = await call('POST', `/api/users/${u.id}/password`, { password: 'pass-three-3', version: 3 });
    expect(stale.status).toBe(409);
    expect(await login('temp.planner', 'pass-two-2')).toBe(200);

    expect((await call('DELETE', `/api/users/${u.id}?version=3`)).status).toBe(409);
    expect((await call('DELETE', `/api/users/${u.id}?version=4`)).status).toBe(200);
    expect(await login('temp.planner', 'pass-two-2')).toBe(401);
  });

  it('answers 400 with a reason, 404, 409 for a taken name and 403 for any other role', async () => {
    const short = await call('POST', '/api/users', { username: 'x', role: 'operator', password: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.error.message).toMatch(/password/);
    expect((await call('POST', '/api/users', { username: 'x', role: 'root', password: 'long-enough' })).status).toBe(
      400,
    );
    expect((await call('POST', '/api/users', { username: 'a b', role: 'wall', password: 'long-enough' })).status).toBe(
      400,
    );
    expect((await call('PUT', '/api/users/1', { version: 1, password_hash: 'x' })).status).toBe(400);
    const taken = await call('POST', '/api/users', { username: 'test-wall', role: 'wall', password: 'long-enough' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toBe('User test-wall already exists');
    expect((await call('GET', '/api/users/99999999')).status).toBe(404);
    expect((await call('POST', '/api/users/99999999/password', { password: 'long-enough', version: 1 })).status).toBe(
      404,
    );
    for (const role of ['wall', 'operator', 'planner'] as const)
      expect((await call('GET', '/api/users', undefined, role)).status).toBe(403);
    expect(
      (await call('POST', '/api/users', { username: 'y', role: 'admin', password: 'long-enough' }, 'planner')).status,
    ).toBe(403);
  });

  it('keeps the last enabled admin: it cannot be disabled, demoted or deleted', async () => {
    // Leave test-admin as the only enabled admin: disable every other admin through the API.
    const { rows: others } = await t.db.query(
      `SELECT id, version FROM users WHERE role = 'admin' AND NOT disabled AND username <> 'test-admin'`,
    );
    for (const o of others)
      expect((await call('PUT', `/api/users/${o.id}`, { version: o.version, disabled: true })).status).toBe(200);
    const { rows } = await t.db.query(`SELECT id, version FROM users WHERE username = 'test-admin'`);
    const me = rows[0];
    const disable = await call('PUT', `/api/users/${me.id}`, { version: me.version, disabled: true });
    expect(disable.status).toBe(409);
    expect(disable.body.error.message).toMatch(/last enabled admin.*disabled/);
    const demote = await call('PUT', `/api/users/${me.id}`, { version: me.version, role: 'planner' });
    expect(demote.status).toBe(409);
    expect(demote.body.error.message).toMatch(/given another role/);
    expect((await call('DELETE', `/api/users/${me.id}?version=${me.version}`)).status).toBe(409);
    expect((await call('GET', `/api/users/${me.id}`)).body).toMatchObject({ role: 'admin', disabled: false });

    // With a second admin, the first may step down.
    const second = await call('POST', '/api/users', {
      username: 'second.admin',
      role: 'admin',
      password: 'long-enough',
    });
    expect(second.status).toBe(201);
    const down = await call('PUT', `/api/users/${me.id}`, { version: me.version, role: 'planner' });
    expect(down.status).toBe(200);
    expect(down.body.role).toBe('planner');
  });
});
