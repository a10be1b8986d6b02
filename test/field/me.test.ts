/** The phone's reads: my grid, my tasks, my day's track; and household visits. */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { dispatchedTo, otherUnit, workerUnit, type WorkerUnit } from './helpers.ts';

const t = useTestApp();
let w: WorkerUnit;
beforeAll(async () => {
  w = await workerUnit(t.db);
});

const get = (url: string, role: 'worker' | 'operator' | 'wall' = 'worker') =>
  t.app.inject({ method: 'GET', url, headers: t.auth(role) });

describe('GET /api/me/grid', () => {
  it("gives the worker's unit, their grid with its outline and the key places in it", async () => {
    const res = await get('/api/me/grid');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.unit).toMatchObject({ id: w.unitId, kind: 'grid_worker' });
    expect(body.grid).toMatchObject({ id: w.gridId });
    expect(['Polygon', 'MultiPolygon']).toContain(body.grid.geometry.type);
    expect(body.grid.community_name).toBeTruthy();
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM key_places k JOIN grids g ON g.id = $1
       WHERE k.grid_id = g.id OR (k.grid_id IS NULL AND ST_Covers(g.geom, k.geom))`,
      [w.gridId],
    );
    expect(body.key_places).toHaveLength(rows[0].n);
    for (const k of body.key_places) expect(k).toEqual(expect.objectContaining({ code: expect.any(String) }));
  });

  it('is for workers only', async () => {
    expect((await get('/api/me/grid', 'operator')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/me/grid' })).statusCode).toBe(401);
  });
});

describe('GET /api/me/tasks', () => {
  it("lists open incidents dispatched to my unit, newest first, with what I may do — not another unit's", async () => {
    const a = await dispatchedTo(t, w.here, w.unitId);
    const theirs = await dispatchedTo(t, w.here, await otherUnit(t.db, w.unitId));
    const res = await get('/api/me/tasks');
    expect(res.statusCode).toBe(200);
    expect(res.json().tasks.map((x: { id: string }) => x.id)).not.toContain(theirs.id);
    const task = res.json().tasks.find((x: { id: string }) => x.id === a.id);
    expect(task).toMatchObject({ status: 'dispatched', assigned_unit_id: w.unitId, photos: [] });
    expect(task.allowed).toEqual(['handle', 'acknowledge', 'request_help', 'send_back']);
    // Handled: still open (awaiting verification) and listed, with nothing left to do.
    await t.app.inject({
      method: 'POST',
      url: `/api/incidents/${a.id}/actions`,
      headers: t.auth('worker'),
      payload: { action: 'handle', note: '已处置', version: a.version },
    });
    // The unit is free again: the next task comes after it in the list (newest first).
    const b = await dispatchedTo(t, w.here, w.unitId);
    const ids = (await get('/api/me/tasks')).json().tasks.map((x: { id: string }) => x.id);
    expect(ids.indexOf(b.id)).toBeLessThan(ids.indexOf(a.id));
    const after = (await get('/api/me/tasks')).json().tasks.find((x: { id: string }) => x.id === a.id);
    expect(after).toMatchObject({ status: 'handled', allowed: [] });
  });
});

describe('GET /api/me/track', () => {
  it("gives today's fixes of my unit in time order with the line's length", async () => {
    const now = Date.now();
    const fixes = [0, 1, 2].map((k) => ({
      unit: w.unitId,
      lon: w.here.lon + k * 0.0002,
      lat: w.here.lat,
      t: now - (30 - k * 10) * 1000,
    }));
    const sent = await t.app.inject({
      method: 'POST',
      url: '/api/patrols/fixes',
      headers: t.auth('worker'),
      payload: { fixes },
    });
    expect(sent.json().stored).toBe(3);
    const res = await get('/api/me/track');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.unit_id).toBe(w.unitId);
    expect(body.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const mine = body.points.filter((p: number[]) => p[2] >= now - 31_000);
    expect(mine.map((p: number[]) => p[2])).toEqual(fixes.map((f) => f.t));
    for (let i = 1; i < body.points.length; i++) expect(body.points[i][2]).toBeGreaterThan(body.points[i - 1][2]);
    expect(body.length_m).toBeGreaterThan(35); // two steps of ~20 m at this latitude
  });

  it('gives an empty track for a day without fixes and refuses a day that does not exist', async () => {
    expect((await get('/api/me/track?day=2020-01-01')).json()).toMatchObject({ points: [], length_m: 0 });
    const bad = await get('/api/me/track?day=2026-02-30');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/calendar day/);
  });
});

describe('visits', () => {
  const visit = (over: object = {}) => ({
    id: randomUUID(),
    who: '王阿姨（独居老人）',
    found: '身体良好，燃气阀门已检查',
    household: '3栋2单元401',
    lon: w.here.lon,
    lat: w.here.lat,
    visited_at: new Date(Date.now() - 60_000).toISOString(),
    ...over,
  });
  const post = (body: object, role: 'worker' | 'operator' = 'worker') =>
    t.app.inject({ method: 'POST', url: '/api/visits', headers: t.auth(role), payload: body });

  it('stores a visit with its grid; a resend is stored once', async () => {
    const body = visit();
    const first = await post(body);
    expect(first.statusCode).toBe(201);
    expect(first.json().visit).toMatchObject({ id: body.id, unit_id: w.unitId, grid_id: w.gridId, who: body.who });
    const again = await post(body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ already_stored: true, visit: { id: body.id } });
    const { rows } = await t.db.query('SELECT count(*)::int AS n FROM visits WHERE id = $1', [body.id]);
    expect(rows[0].n).toBe(1);
  });

  it('refuses bad input with a reason and stores nothing', async () => {
    for (const over of [
      { who: '' },
      { building_id: 2_000_000_000 },
      { photos: [{ id: randomUUID() }] },
      { visited_at: '2026-02-30T10:00:00Z' },
    ]) {
      const body = visit(over);
      const res = await post(body);
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(res.json().error.message).toBeTruthy();
      const { rows } = await t.db.query('SELECT count(*)::int AS n FROM visits WHERE id = $1', [body.id]);
      expect(rows[0].n).toBe(0);
    }
    expect((await post(visit(), 'operator')).statusCode).toBe(403);
  });

  it("lists visits by day: a worker sees their own unit's, an operator any", async () => {
    const body = visit();
    await post(body);
    const day = new Date().toISOString().slice(0, 10);
    const mine = (await get(`/api/visits?grid=${w.gridId}`)).json();
    expect(mine.visits.map((v: { id: string }) => v.id)).toContain(body.id);
    expect(mine.total).toBeGreaterThanOrEqual(1);
    const other = await otherUnit(t.db, w.unitId);
    expect((await get(`/api/visits?unit=${other}`)).statusCode).toBe(403);
    const op = (await get(`/api/visits?unit=${w.unitId}`, 'operator')).json();
    expect(op.visits.map((v: { id: string }) => v.id)).toContain(body.id);
    expect((await get('/api/visits?day=2020-01-01', 'operator')).json()).toEqual({ visits: [], total: 0 });
    expect((await get(`/api/visits?day=${day}`, 'wall')).statusCode).toBe(403);
  });
});

describe('GET /api/patrols/path', () => {
  it('a worker may ask for the street path to a task', async () => {
    const res = await get(`/api/patrols/path?from=${w.here.lon},${w.here.lat}&to=${w.here.lon + 0.002},${w.here.lat}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().path.length).toBeGreaterThanOrEqual(2);
  });
});

describe('OpenAPI', () => {
  it('documents the field routes with their schemas', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    for (const p of ['/api/me/grid', '/api/me/tasks', '/api/me/track', '/api/visits'])
      expect(Object.keys(doc.paths)).toContain(p);
    const body = doc.paths['/api/visits'].post.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(expect.arrayContaining(['id', 'who', 'found', 'lon', 'lat', 'visited_at']));
    const fixes = doc.paths['/api/patrols/fixes'].post.responses['200'].content['application/json'].schema;
    expect(Object.keys(fixes.properties)).toContain('invalid');
    const actions = doc.paths['/api/incidents/{id}/actions'].post.requestBody.content['application/json'].schema;
    expect(JSON.stringify(actions.properties.action)).toContain('send_back');
  });
});
