import { describe, expect, it } from 'vitest';
import type { Role } from '../../server/src/domain/roles.ts';
import { useTestApp } from '../helpers/app.ts';

const t = useTestApp();

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
async function call(method: Method, url: string, payload?: unknown, role: Role = 'planner') {
  const res = await t.app.inject({ method, url, payload: payload as object, headers: t.auth(role) });
  return { status: res.statusCode, body: res.json() };
}

async function streetOffice() {
  const { rows } = await t.db.query('SELECT id, code, name_zh FROM street_offices ORDER BY id LIMIT 1');
  return rows[0] as { id: number; code: string; name_zh: string };
}

/** A grid and the worker it has now. */
async function staffedGrid(offset: number) {
  const { rows } = await t.db.query(
    `SELECT g.id, g.code, g.worker_id, w.code AS worker_code, w.version
     FROM grids g JOIN patrol_units w ON w.id = g.worker_id ORDER BY g.id OFFSET $1 LIMIT 1`,
    [offset],
  );
  return rows[0] as { id: number; code: string; worker_id: number; worker_code: string; version: number };
}

describe('/api/workers', () => {
  it('creates, reads, lists, updates with its version and deletes a worker', async () => {
    const so = await streetOffice();
    const created = await call('POST', '/api/workers', {
      code: 'GW-T-001',
      name: 'Test Worker 测试',
      phone: '138 0000 0001',
      street_office_id: so.id,
    });
    expect(created.status).toBe(201);
    const w = created.body;
    expect(w).toMatchObject({
      code: 'GW-T-001',
      status: 'on_patrol',
      version: 1,
      grid_id: null,
      grid: null,
      street_office: { id: so.id, code: so.code, name: so.name_zh },
    });
    expect(w).not.toHaveProperty('kind');

    const read = await call('GET', `/api/workers/${w.id}`, undefined, 'operator');
    expect(read).toEqual({ status: 200, body: w });

    const list = await call('GET', '/api/workers?q=gw-t-0&limit=5', undefined, 'operator');
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0].id).toBe(w.id);
    const all = await call('GET', '/api/workers?limit=10&offset=5');
    const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM patrol_units WHERE kind = 'grid_worker'`);
    expect(all.body.total).toBe(rows[0].n);
    expect(all.body.items).toHaveLength(10);

    const upd = await call('PUT', `/api/workers/${w.id}`, { version: 1, status: 'off_duty', phone: null });
    expect(upd.status).toBe(200);
    expect(upd.body).toMatchObject({ version: 2, status: 'off_duty', phone: null, name: 'Test Worker 测试' });
    expect(Date.parse(upd.body.updated_at)).toBeGreaterThanOrEqual(Date.parse(w.updated_at));

    const stale = await call('PUT', `/api/workers/${w.id}`, { version: 1, name: 'Lost update' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/version 2, not 1/);
    expect(stale.body.error.version).toBe(2);

    expect((await call('DELETE', `/api/workers/${w.id}?version=1`)).status).toBe(409);
    expect((await call('DELETE', `/api/workers/${w.id}?version=2`)).body).toEqual({ deleted: w.id });
    expect((await call('GET', `/api/workers/${w.id}`)).status).toBe(404);
  });

  it('answers 400 with a reason, 404 for an unknown id and 409 for a duplicate code', async () => {
    const bad = await call('POST', '/api/workers', { code: 'GW-X', name: 'X', status: 'asleep' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/status/);
    const extra = await call('POST', '/api/workers', { code: 'GW-X', name: 'X', colour: 'red' });
    expect(extra.status).toBe(400);
    expect((await call('POST', '/api/workers', { code: 'GW-X' })).body.error.message).toMatch(/name/);
    const noOffice = await call('POST', '/api/workers', { code: 'GW-X', name: 'X', street_office_id: 999999 });
    expect(noOffice.status).toBe(400);
    const noVersion = await call('PUT', '/api/workers/1', { name: 'X' });
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.error.message).toMatch(/version/);

    expect((await call('GET', '/api/workers/99999999')).status).toBe(404);
    expect((await call('PUT', '/api/workers/99999999', { version: 1, name: 'X' })).status).toBe(404);
    expect((await call('DELETE', '/api/workers/99999999?version=1')).status).toBe(404);
    expect((await call('DELETE', '/api/workers/1')).status).toBe(400);

    const g = await staffedGrid(0);
    const dup = await call('POST', '/api/workers', { code: g.worker_code, name: 'Twin' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toContain(g.worker_code);
    // Nothing half-written.
    const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM patrol_units WHERE name = 'Twin'`);
    expect(rows[0].n).toBe(0);
  });

  it('keeps workers and teams apart, and refuses the wrong roles', async () => {
    const { rows } = await t.db.query(`SELECT id FROM patrol_units WHERE kind = 'patrol_team' LIMIT 1`);
    expect((await call('GET', `/api/workers/${rows[0].id}`)).status).toBe(404);
    expect((await call('GET', '/api/workers', undefined, 'wall')).status).toBe(403);
    expect((await call('POST', '/api/workers', { code: 'GW-Y', name: 'Y' }, 'operator')).status).toBe(403);
    expect((await call('DELETE', '/api/units/1?version=1', undefined, 'operator')).status).toBe(403);
    const anon = await t.app.inject({ method: 'GET', url: '/api/workers' });
    expect(anon.statusCode).toBe(401);
  });

  it('assigns a grid, refuses a grid that has a worker, unassigns, and the grid says it has none', async () => {
    const g = await staffedGrid(3);
    const other = await staffedGrid(4);
    const created = await call('POST', '/api/workers', { code: 'GW-T-ASSIGN', name: 'Assignee', grid_id: g.id });
    expect(created.status).toBe(409);
    expect(created.body.error.message).toBe(
      `Grid ${g.code} already has worker ${await nameOf(g.worker_id)} (${g.worker_code}); unassign them first`,
    );
    expect((await t.db.query(`SELECT 1 FROM patrol_units WHERE code = 'GW-T-ASSIGN'`)).rows).toHaveLength(0);

    // Free the grid: its worker serves none now.
    const freed = await call('PUT', `/api/workers/${g.worker_id}`, { version: g.version, grid_id: null });
    expect(freed.status).toBe(200);
    expect(freed.body).toMatchObject({ grid_id: null, grid: null, version: g.version + 1 });
    const grid = await t.app.inject({ method: 'GET', url: `/api/grids/${g.id}`, headers: t.auth('wall') });
    expect(grid.json().properties.worker_id).toBeNull();
    const { rows: home } = await t.db.query('SELECT home_grid_id FROM patrol_units WHERE id = $1', [g.worker_id]);
    expect(home[0].home_grid_id).toBeNull();
    const { rows: ev } = await t.db.query(
      `SELECT payload FROM events WHERE type = 'grid.changed' AND payload->>'op' = 'worker' ORDER BY seq DESC LIMIT 1`,
    );
    expect(ev[0].payload.grids).toEqual([g.id]);

    const w = (await call('POST', '/api/workers', { code: 'GW-T-ASSIGN', name: 'Assignee', grid_id: g.id })).body;
    expect(w).toMatchObject({ grid_id: g.id, grid: { id: g.id, code: g.code } });
    const both = await t.db.query(
      'SELECT g.worker_id, p.home_grid_id FROM grids g, patrol_units p WHERE g.id = $1 AND p.id = $2',
      [g.id, w.id],
    );
    expect(both.rows[0]).toEqual({ worker_id: w.id, home_grid_id: g.id });

    // Moving to a grid that has a worker is refused; the worker keeps its grid.
    const move = await call('PUT', `/api/workers/${w.id}`, { version: w.version, grid_id: other.id });
    expect(move.status).toBe(409);
    expect(move.body.error.message).toContain(`Grid ${other.code} already has worker`);
    expect((await call('GET', `/api/workers/${w.id}`)).body).toMatchObject({ grid_id: g.id, version: w.version });

    // The old worker cannot take its grid back while someone else has it.
    const back = await call('PUT', `/api/workers/${g.worker_id}`, { version: g.version + 1, grid_id: g.id });
    expect(back.status).toBe(409);

    // Unassigning and deleting a worker without history frees the grid.
    const del = await call('DELETE', `/api/workers/${w.id}?version=${w.version}`);
    expect(del.status).toBe(200);
    const after = await t.app.inject({ method: 'GET', url: `/api/grids/${g.id}`, headers: t.auth('wall') });
    expect(after.json().properties.worker_id).toBeNull();
  });

  it('moves a worker from its grid to a free one, both sides in one go', async () => {
    const a = await staffedGrid(6);
    const b = await staffedGrid(7);
    const bw = (await call('GET', `/api/workers/${b.worker_id}`)).body;
    expect((await call('PUT', `/api/workers/${b.worker_id}`, { version: bw.version, grid_id: null })).status).toBe(200);
    const moved = await call('PUT', `/api/workers/${a.worker_id}`, { version: a.version, grid_id: b.id });
    expect(moved.status).toBe(200);
    expect(moved.body.grid_id).toBe(b.id);
    const { rows } = await t.db.query('SELECT id, worker_id FROM grids WHERE id = ANY($1) ORDER BY id', [[a.id, b.id]]);
    expect(Object.fromEntries(rows.map((r) => [r.id, r.worker_id]))).toEqual({ [a.id]: null, [b.id]: a.worker_id });
    expect(
      (await call('PUT', `/api/workers/${a.worker_id}`, { version: a.version + 1, grid_id: 99999999 })).status,
    ).toBe(400);
  });

  it('refuses to delete a worker with history, saying why', async () => {
    const { rows } = await t.db.query(
      `SELECT p.id, p.version FROM patrol_units p WHERE EXISTS (SELECT 1 FROM patrol_fixes f WHERE f.unit_id = p.id) LIMIT 1`,
    );
    if (!rows.length) {
      const g = await staffedGrid(10);
      await t.db.query(
        `INSERT INTO patrol_fixes (unit_id, t, geom) VALUES ($1, now(), ST_SetSRID(ST_MakePoint(111.6, 26.2), 4326))`,
        [g.worker_id],
      );
      rows.push({ id: g.worker_id, version: g.version });
    }
    const { rows: k } = await t.db.query('SELECT kind FROM patrol_units WHERE id = $1', [rows[0].id]);
    const path = k[0].kind === 'grid_worker' ? 'workers' : 'units';
    const res = await call('DELETE', `/api/${path}/${rows[0].id}?version=${rows[0].version}`);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/GPS fixes.*off_duty/);
    expect((await call('GET', `/api/${path}/${rows[0].id}`)).status).toBe(200);
  });
});

describe('/api/units', () => {
  it('creates, lists, updates and deletes a patrol team; refuses a duplicate code and a stale version', async () => {
    const created = await call('POST', '/api/units', { code: 'PT-T-1', name: 'Night team', status: 'responding' });
    expect(created.status).toBe(201);
    const u = created.body;
    expect(u).toMatchObject({ code: 'PT-T-1', status: 'responding', version: 1, street_office: null });
    expect(u).not.toHaveProperty('grid_id');
    expect((await call('POST', '/api/units', { code: 'PT-T-1', name: 'Again' })).status).toBe(409);
    expect((await call('POST', '/api/units', { code: 'PT-T-2', name: 'X', grid_id: 1 })).status).toBe(400);
    const list = await call('GET', '/api/units?q=night', undefined, 'admin');
    expect(list.body).toMatchObject({ total: 1, items: [{ id: u.id }] });
    const upd = await call('PUT', `/api/units/${u.id}`, { version: 1, code: 'PT-T-1B' });
    expect(upd.body).toMatchObject({ code: 'PT-T-1B', version: 2 });
    expect((await call('PUT', `/api/units/${u.id}`, { version: 1, code: 'PT-T-1C' })).status).toBe(409);
    expect((await call('DELETE', `/api/units/${u.id}?version=1`)).status).toBe(409);
    expect((await call('DELETE', `/api/units/${u.id}?version=2`)).status).toBe(200);
    expect((await call('GET', `/api/units/${u.id}`)).status).toBe(404);
  });
});

async function nameOf(id: number): Promise<string> {
  const { rows } = await t.db.query('SELECT name FROM patrol_units WHERE id = $1', [id]);
  return rows[0].name;
}
