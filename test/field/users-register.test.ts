/** The users register links a worker account to its patrol unit: one account per unit. */
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';

const t = useTestApp();

async function call(method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
  const res = await t.app.inject({ method, url, payload, headers: t.auth('admin') });
  return { status: res.statusCode, body: res.json() };
}

/** Grid-worker units without an account, in id order. */
async function freeUnits(n: number): Promise<number[]> {
  const { rows } = await t.db.query(
    `SELECT id FROM patrol_units p WHERE kind = 'grid_worker'
     AND NOT EXISTS (SELECT 1 FROM users u WHERE u.unit_id = p.id) ORDER BY id LIMIT $1`,
    [n],
  );
  return rows.map((r) => r.id);
}

describe('worker accounts in the users register', () => {
  it('creates a worker for a unit; the unit comes back and the worker signs in with it', async () => {
    const [unit] = await freeUnits(1);
    const res = await call('POST', '/api/users', {
      username: 'wg.li',
      role: 'worker',
      password: 'phone-pass-1',
      unit_id: unit,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ role: 'worker', unit_id: unit });
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'wg.li', password: 'phone-pass-1' },
    });
    expect(login.json()).toMatchObject({ role: 'worker', unit_id: unit });
    const list = await call('GET', '/api/users?q=wg.li');
    expect(list.body.items[0].unit_id).toBe(unit);
  });

  it('refuses a worker without a unit, an unknown unit, and a unit that already has an account', async () => {
    const [unit] = await freeUnits(1);
    const none = await call('POST', '/api/users', { username: 'wg.none', role: 'worker', password: 'phone-pass-1' });
    expect(none.status).toBe(400);
    expect(none.body.error.message).toMatch(/unit_id/);
    const unknown = await call('POST', '/api/users', {
      username: 'wg.ghost',
      role: 'worker',
      password: 'phone-pass-1',
      unit_id: 2_000_000_000,
    });
    expect(unknown.status).toBe(400);
    expect(
      (await call('POST', '/api/users', { username: 'wg.a', role: 'worker', password: 'phone-pass-1', unit_id: unit }))
        .status,
    ).toBe(201);
    const twice = await call('POST', '/api/users', {
      username: 'wg.b',
      role: 'worker',
      password: 'phone-pass-1',
      unit_id: unit,
    });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toMatch(/already has an account \(wg\.a\)/);
    const op = await call('POST', '/api/users', {
      username: 'op.unit',
      role: 'operator',
      password: 'phone-pass-1',
      unit_id: unit,
    });
    expect(op.status).toBe(400);
  });

  it('moves a worker to another unit, and drops the unit when the role changes', async () => {
    const [a, b] = await freeUnits(2);
    const u = (
      await call('POST', '/api/users', { username: 'wg.move', role: 'worker', password: 'phone-pass-1', unit_id: a })
    ).body;
    const moved = await call('PUT', `/api/users/${u.id}`, { version: u.version, unit_id: b });
    expect(moved.status).toBe(200);
    expect(moved.body.unit_id).toBe(b);
    const op = await call('PUT', `/api/users/${u.id}`, { version: moved.body.version, role: 'operator' });
    expect(op.body).toMatchObject({ role: 'operator', unit_id: null });
    const back = await call('PUT', `/api/users/${u.id}`, { version: op.body.version, role: 'worker' });
    expect(back.status).toBe(400);
  });
});
