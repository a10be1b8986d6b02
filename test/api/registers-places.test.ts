import { describe, expect, it } from 'vitest';
import type { Role } from '../../server/src/domain/roles.ts';
import { useTestApp } from '../helpers/app.ts';
import { pointInGrid, report } from '../helpers/incidents.ts';

const t = useTestApp();

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
async function call(method: Method, url: string, payload?: unknown, role: Role = 'planner') {
  const res = await t.app.inject({ method, url, payload: payload as object, headers: t.auth(role) });
  return { status: res.statusCode, body: res.json() };
}

/** A point inside a grid, and the grid. */
async function pointIn(offset: number) {
  const { rows } = await t.db.query(
    `SELECT g.id, g.code, ST_X(p) AS lon, ST_Y(p) AS lat
     FROM grids g, ST_PointOnSurface(g.geom) p ORDER BY g.id OFFSET $1 LIMIT 1`,
    [offset],
  );
  return rows[0] as { id: number; code: string; lon: number; lat: number };
}

describe('/api/key-places', () => {
  it('creates, reads, searches, moves (finding the grid again) and deletes a key place', async () => {
    const a = await pointIn(2);
    const b = await pointIn(40);
    const created = await call('POST', '/api/key-places', {
      code: 'KP-T-1',
      kind: 'school',
      name: 'Test School',
      name_zh: '测试学校',
      lon: a.lon,
      lat: a.lat,
    });
    expect(created.status).toBe(201);
    const p = created.body;
    expect(p).toMatchObject({ code: 'KP-T-1', kind: 'school', address: null, grid_id: a.id, grid: { code: a.code } });
    expect(p.lon).toBeCloseTo(a.lon, 9);
    expect((await call('GET', `/api/key-places/${p.id}`, undefined, 'operator')).body).toEqual(p);
    const found = await call('GET', '/api/key-places?q=测试学', undefined, 'operator');
    expect(found.body).toMatchObject({ total: 1, items: [{ id: p.id }] });

    const moved = await call('PUT', `/api/key-places/${p.id}`, {
      version: 1,
      lon: b.lon,
      lat: b.lat,
      address: '1 Test Rd',
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ version: 2, grid_id: b.id, address: '1 Test Rd', name: 'Test School' });
    const outside = await call('PUT', `/api/key-places/${p.id}`, { version: 2, lon: 0, lat: 0 });
    expect(outside.body).toMatchObject({ version: 3, grid_id: null, grid: null });

    expect((await call('PUT', `/api/key-places/${p.id}`, { version: 2, name: 'X' })).status).toBe(409);
    const { rows: ev } = await t.db.query(
      `SELECT count(*)::int AS n FROM events WHERE type = 'city.imported' AND payload->>'layer' = 'key-places' AND payload->'ids' @> $1::jsonb`,
      [JSON.stringify([p.id])],
    );
    expect(ev[0].n).toBe(3);
    expect((await call('DELETE', `/api/key-places/${p.id}?version=2`)).status).toBe(409);
    expect((await call('DELETE', `/api/key-places/${p.id}?version=3`)).status).toBe(200);
    expect((await call('GET', `/api/key-places/${p.id}`)).status).toBe(404);
  });

  it('answers 400 with a reason, 404, 409 for a duplicate code and 403 for the wrong role', async () => {
    const a = await pointIn(1);
    const base = { code: 'KP-T-2', kind: 'hospital', name: 'H', name_zh: '医院', lon: a.lon, lat: a.lat };
    const badKind = await call('POST', '/api/key-places', { ...base, kind: 'zoo' });
    expect(badKind.status).toBe(400);
    expect(badKind.body.error.message).toMatch(/kind/);
    expect((await call('POST', '/api/key-places', { ...base, lat: 91 })).status).toBe(400);
    const { rows } = await t.db.query('SELECT code FROM key_places ORDER BY id LIMIT 1');
    const dup = await call('POST', '/api/key-places', { ...base, code: rows[0].code });
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toContain(rows[0].code);
    expect((await call('PUT', '/api/key-places/99999999', { version: 1, name: 'X' })).status).toBe(404);
    expect((await call('POST', '/api/key-places', base, 'operator')).status).toBe(403);
    expect((await call('GET', '/api/key-places', undefined, 'wall')).status).toBe(403);
  });
});

describe('/api/departments', () => {
  it('creates, lists, updates and deletes; its categories lose the department', async () => {
    const d = await call('POST', '/api/departments', {
      code: 'chengguan',
      name: 'City management',
      name_zh: '城管局',
      phone: '12319',
    });
    expect(d.status).toBe(201);
    expect(d.body).toMatchObject({ code: 'chengguan', version: 1, phone: '12319' });
    expect((await call('POST', '/api/departments', { code: 'chengguan', name: 'X', name_zh: 'X' })).status).toBe(409);
    expect((await call('GET', '/api/departments?q=城管', undefined, 'operator')).body.total).toBe(1);
    const upd = await call('PUT', `/api/departments/${d.body.id}`, { version: 1, phone: null });
    expect(upd.body).toMatchObject({ phone: null, version: 2 });
    expect((await call('PUT', `/api/departments/${d.body.id}`, { version: 1, name: 'X' })).status).toBe(409);

    const c = await call('POST', '/api/categories', {
      code: 'illegal_parking',
      name: 'Illegal parking',
      name_zh: '违章停车',
      department_id: d.body.id,
    });
    expect(c.body.department).toEqual({ id: d.body.id, code: 'chengguan', name: '城管局' });
    expect((await call('DELETE', `/api/departments/${d.body.id}?version=2`)).status).toBe(200);
    expect((await call('GET', `/api/categories/${c.body.id}`)).body).toMatchObject({
      department_id: null,
      department: null,
      version: 1,
    });
  });

  it('answers 400 with a reason, 404 and 403', async () => {
    const bad = await call('POST', '/api/departments', { code: 'x', name: '', name_zh: 'X' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/name/);
    expect((await call('GET', '/api/departments/99999999')).status).toBe(404);
    expect((await call('DELETE', '/api/departments/99999999?version=1')).status).toBe(404);
    expect((await call('POST', '/api/departments', { code: 'y', name: 'Y', name_zh: 'Y' }, 'operator')).status).toBe(
      403,
    );
  });
});

describe('/api/categories', () => {
  it('creates, reads, renames and deletes an unused category', async () => {
    const c = await call('POST', '/api/categories', { code: 'noise', name: 'Noise', name_zh: '噪声扰民' });
    expect(c.status).toBe(201);
    expect(c.body).toMatchObject({ code: 'noise', department_id: null, department: null, version: 1 });
    expect((await call('GET', `/api/categories/${c.body.id}`, undefined, 'operator')).body).toEqual(c.body);
    const all = await call('GET', '/api/categories?limit=1000');
    const { rows } = await t.db.query('SELECT count(*)::int AS n FROM categories');
    expect(all.body.total).toBe(rows[0].n);
    expect(all.body.items.map((x: { code: string }) => x.code)).toContain('noise');
    const upd = await call('PUT', `/api/categories/${c.body.id}`, { version: 1, code: 'noise_nuisance' });
    expect(upd.body).toMatchObject({ code: 'noise_nuisance', version: 2 });
    expect((await call('DELETE', `/api/categories/${c.body.id}?version=1`)).status).toBe(409);
    expect((await call('DELETE', `/api/categories/${c.body.id}?version=2`)).status).toBe(200);
  });

  it('refuses to delete a category used by incidents, with the count', async () => {
    const { rows } = await t.db.query(
      `SELECT c.id, c.code, c.version, (SELECT count(*)::int FROM incidents i WHERE i.category = c.code) AS n
       FROM categories c ORDER BY n DESC LIMIT 1`,
    );
    expect(rows[0].n).toBeGreaterThan(0);
    const res = await call('DELETE', `/api/categories/${rows[0].id}?version=${rows[0].version}`);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain(`used by ${rows[0].n} incident`);
    expect(res.body.error.incidents).toBe(rows[0].n);
  });

  it('answers 400 for a bad code or an unknown department, 409 for a duplicate, 403 for the wrong role', async () => {
    const bad = await call('POST', '/api/categories', { code: 'Bad Code', name: 'X', name_zh: 'X' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/code/);
    const noDept = await call('POST', '/api/categories', {
      code: 'x1',
      name: 'X',
      name_zh: 'X',
      department_id: 999999,
    });
    expect(noDept.status).toBe(400);
    expect(noDept.body.error.message).toBe('No department with id 999999');
    expect((await call('POST', '/api/categories', { code: 'dispute', name: 'X', name_zh: 'X' })).status).toBe(409);
    expect((await call('GET', '/api/categories/99999999')).status).toBe(404);
    expect((await call('PUT', '/api/categories/1', { version: 1, name: 'X' }, 'wall')).status).toBe(403);
    // The category list holds no personal data: the phone's report form reads it too.
    expect((await call('GET', '/api/categories', undefined, 'worker')).status).toBe(200);
    expect((await call('GET', '/api/departments', undefined, 'worker')).status).toBe(403);
  });

  it('lets incidents be reported under a category the city added, and then keeps it', async () => {
    const c = await call('POST', '/api/categories', { code: 'stray_dogs', name: 'Stray dogs', name_zh: '流浪犬' });
    expect(c.status).toBe(201);
    const here = await pointInGrid(t.db, 5);
    const post = (body: unknown) =>
      t.app.inject({ method: 'POST', url: '/api/incidents', payload: body as object, headers: t.auth('operator') });
    const ok = await post(report(here, { category: 'stray_dogs' }));
    expect(ok.statusCode).toBe(201);
    expect(ok.json().incident.category).toBe('stray_dogs');
    const unknown = await post(report(here, { category: 'no_such_category' }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toMatch(/Unknown category no_such_category/);
    const del = await call('DELETE', `/api/categories/${c.body.id}?version=1`);
    expect(del.status).toBe(409);
    expect(del.body.error.message).toContain('used by 1 incident;');
  });
});
