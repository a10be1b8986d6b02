/**
 * The camera registry: CRUD for planners with optimistic versions, bad input refused with a
 * reason (never a 500), GeoJSON import (bad features rejected one by one) and export, and every
 * change committed with its `camera.changed` event.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { at, emptySpots, type Spot } from './helpers.ts';

const t = useTestApp();
let s: Spot;
const made: number[] = [];

beforeAll(async () => {
  s = (await emptySpots(t.db, 1, 4))[0];
});

afterAll(async () => {
  for (const id of made) await t.app.inject({ method: 'DELETE', url: `/api/cameras/${id}`, headers: t.auth('admin') });
});

const post = (payload: unknown, role: 'planner' | 'admin' | 'wall' | 'operator' = 'planner') =>
  t.app.inject({ method: 'POST', url: '/api/cameras', headers: t.auth(role), payload: payload as object });

describe('camera CRUD', () => {
  it('adds, reads, moves and removes a camera, each with its coverage and event', async () => {
    const res = await post({
      ...at(s, 0, 0),
      bearing_deg: 45,
      fov_deg: 70,
      range_m: 60,
      height_m: 7,
      installed_at: '2024-03-01',
    });
    expect(res.statusCode, res.body).toBe(201);
    const { camera, coverage } = res.json();
    made.push(camera.id);
    expect(camera).toMatchObject({
      kind: 'fixed',
      status: 'working',
      bearing_deg: 45,
      fov_deg: 70,
      range_m: 60,
      height_m: 7,
      version: 1,
      installed_at: '2024-03-01',
    });
    expect(camera.code).toBe(`CAM-${String(camera.id).padStart(6, '0')}`);
    expect(camera.grid_id).toBeGreaterThan(0);
    expect(camera.view_m2).toBeGreaterThan(0);
    expect(coverage.grids).toContain(camera.grid_id);

    // The event was committed with the change, naming the camera and the area.
    const {
      rows: [ev],
    } = await t.db.query(
      `SELECT type, payload, community_id FROM events WHERE type = 'camera.changed' AND payload->>'action' = 'created'
       AND (payload->'cameras'->0->>'id')::int = $1`,
      [camera.id],
    );
    expect(ev.community_id).toBe(camera.community_id);
    expect(ev.payload.coverage.grids).toEqual(coverage.grids);

    const got = await t.app.inject({ method: 'GET', url: `/api/cameras/${camera.id}`, headers: t.auth('wall') });
    expect(got.json().camera).toEqual(camera);

    const moved = await t.app.inject({
      method: 'PUT',
      url: `/api/cameras/${camera.id}`,
      headers: t.auth('planner'),
      payload: { version: 1, ...at(s, 30, 0), bearing_deg: 270 },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().camera).toMatchObject({
      version: 2,
      bearing_deg: 270,
      fov_deg: 70,
      updated_by: 'test-planner',
    });
    expect(moved.json().camera.lon).toBeCloseTo(at(s, 30, 0).lon, 7);

    const stale = await t.app.inject({
      method: 'PUT',
      url: `/api/cameras/${camera.id}`,
      headers: t.auth('planner'),
      payload: { version: 1, status: 'faulty' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'conflict', version: 2 });

    const wrongDelete = await t.app.inject({
      method: 'DELETE',
      url: `/api/cameras/${camera.id}?version=1`,
      headers: t.auth('planner'),
    });
    expect(wrongDelete.statusCode).toBe(409);
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/cameras/${camera.id}?version=2`,
      headers: t.auth('planner'),
    });
    expect(del.statusCode, del.body).toBe(200);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/cameras/${camera.id}`, headers: t.auth('wall') })).statusCode,
    ).toBe(404);
    const { rows } = await t.db.query('SELECT 1 FROM camera_coverage WHERE camera_id = $1', [camera.id]);
    expect(rows).toHaveLength(0);
    const {
      rows: [gone],
    } = await t.db.query(
      `SELECT count(*)::int AS n FROM events WHERE type = 'camera.changed' AND payload->>'action' = 'deleted' AND payload->'removed' @> $1::jsonb`,
      [JSON.stringify([camera.id])],
    );
    expect(gone.n).toBe(1);
  });

  it('takes a PTZ camera as sweeping the full circle', async () => {
    const res = await post({ ...at(s, -60, 60), kind: 'ptz', range_m: 40 });
    expect(res.statusCode).toBe(201);
    made.push(res.json().camera.id);
    expect(res.json().camera.fov_deg).toBe(360);
  });

  it('lets only planners and admins write', async () => {
    for (const role of ['wall', 'operator'] as const) {
      expect((await post({ ...at(s, 0, 0), range_m: 50 }, role)).statusCode).toBe(403);
    }
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/cameras', payload: { ...at(s, 0, 0), range_m: 50 } }))
        .statusCode,
    ).toBe(401);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/cameras/1', headers: t.auth('wall') })).statusCode).toBe(
      403,
    );
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/import/cameras',
          headers: t.auth('operator'),
          payload: { type: 'FeatureCollection', features: [] },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('answers 404 for a camera that does not exist', async () => {
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: '/api/cameras/999999',
          headers: t.auth('planner'),
          payload: { version: 1, status: 'faulty' },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ method: 'DELETE', url: '/api/cameras/999999', headers: t.auth('planner') })).statusCode,
    ).toBe(404);
  });
});

describe('bad input is a 4xx with the reason', () => {
  const base = () => ({ ...at(s, 0, 0), bearing_deg: 10, range_m: 50 });
  it.each([
    ['bearing 720', { bearing_deg: 720 }, 400, /bearing_deg/],
    ['bearing 360', { bearing_deg: 360 }, 400, /bearing_deg/],
    ['negative bearing', { bearing_deg: -10 }, 400, /bearing_deg/],
    ['negative range', { range_m: -5 }, 400, /range_m/],
    ['zero range', { range_m: 0 }, 400, /range_m/],
    ['range too far', { range_m: 5000 }, 400, /range_m/],
    ['NaN as text', { range_m: 'NaN' }, 400, /range_m/],
    ['null range', { range_m: null }, 400, /range_m/],
    ['zero field of view', { fov_deg: 0 }, 400, /fov_deg/],
    ['field of view over 360', { fov_deg: 400 }, 400, /fov_deg/],
    ['height 300 m', { height_m: 300 }, 400, /height_m/],
    ['unknown kind', { kind: 'dome' }, 400, /kind/],
    ['unknown status', { status: 'broken' }, 400, /status/],
    ['unknown field', { colour: 'red' }, 400, /additional/],
    ['latitude 91', { lat: 91 }, 400, /lat/],
    ['outside the city', { lon: 0, lat: 0 }, 400, /outside every grid/],
    ['bad code', { code: 'no spaces please' }, 400, /code/],
    ['bad date', { installed_at: 'yesterday' }, 400, /installed_at/],
  ])('%s', async (_name, change, status, reason) => {
    const res = await post({ ...base(), ...change });
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().error.message).toMatch(reason);
  });

  it('a literal NaN or Infinity in the JSON body', async () => {
    for (const raw of [
      '{"lon": 111.6, "lat": 26.2, "range_m": NaN}',
      '{"lon": 111.6, "lat": 26.2, "range_m": 1e999}',
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/cameras',
        headers: { ...t.auth('planner'), 'content-type': 'application/json' },
        payload: raw,
      });
      expect(res.statusCode, res.body).toBe(400);
    }
  });

  it('an edit that would make a camera invalid', async () => {
    const res = await post(base());
    made.push(res.json().camera.id);
    const bad = await t.app.inject({
      method: 'PUT',
      url: `/api/cameras/${res.json().camera.id}`,
      headers: t.auth('planner'),
      payload: { version: 1, bearing_deg: 720 },
    });
    expect(bad.statusCode).toBe(400);
    const noVersion = await t.app.inject({
      method: 'PUT',
      url: `/api/cameras/${res.json().camera.id}`,
      headers: t.auth('planner'),
      payload: { status: 'faulty' },
    });
    expect(noVersion.statusCode).toBe(400);
    expect(noVersion.json().error.message).toMatch(/version/);
  });

  it('a code already used is a conflict', async () => {
    const a = await post({ ...base(), code: 'TEST-DUP-1' });
    expect(a.statusCode).toBe(201);
    made.push(a.json().camera.id);
    const b = await post({ ...base(), code: 'TEST-DUP-1' });
    expect(b.statusCode).toBe(409);
    expect(b.json().error.message).toMatch(/already used/);
  });

  it.each([
    ['/api/coverage?grid=abc', /grid/],
    ['/api/coverage?grid=1&community=1', /not both/],
    ['/api/coverage/explain?lon=NaN&lat=26.2', /lon/],
    ['/api/coverage/explain?lon=111.6&lat=Infinity', /lat/],
    ['/api/coverage/gaps?kind=area', /needs grid, community or bbox/],
    ['/api/coverage/gaps?kind=everything', /kind/],
    ['/api/coverage/gaps?kind=road&bbox=1,2,3', /bbox/],
    ['/api/coverage/views?bbox=0,-90,10,90', /±85/],
    ['/api/coverage/grids?by=colour', /by/],
  ])('GET %s', async (url, reason) => {
    const res = await t.app.inject({ method: 'GET', url, headers: t.auth('wall') });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.message).toMatch(reason);
  });

  it('an unknown grid or community is a 404', async () => {
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/coverage?grid=999999', headers: t.auth('wall') })).statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/coverage?community=999999', headers: t.auth('wall') }))
        .statusCode,
    ).toBe(404);
  });
});

describe('GeoJSON import and export', () => {
  const feature = (x: number, y: number, props: Record<string, unknown>) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [at(s, x, y).lon, at(s, x, y).lat] },
    properties: props,
  });

  it('inserts the good features in one go and rejects each bad one with its reason', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        feature(0, -80, { code: 'TEST-IMP-1', bearing_deg: 0, fov_deg: 80, range_m: 40 }),
        feature(10, -80, { code: 'TEST-IMP-2', bearing_deg: 720, range_m: 40 }),
        {
          type: 'Feature',
          geometry: {
            type: 'LineString',
            coordinates: [
              [0, 0],
              [1, 1],
            ],
          },
          properties: { range_m: 40 },
        },
        feature(20, -80, { code: 'TEST-IMP-3', kind: 'ptz', range_m: 30, status: 'offline' }),
        feature(30, -80, { code: 'TEST-IMP-1', range_m: 40 }),
        { type: 'Feature', geometry: { type: 'Point', coordinates: [0, 0] }, properties: { range_m: 40 } },
        feature(40, -80, { code: 'TEST-IMP-4', range_m: 'NaN' }),
        'not even an object',
        feature(50, -80, { code: 'TEST-IMP-5', range_m: -1 }),
      ],
    };
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/import/cameras',
      headers: t.auth('planner'),
      payload: fc,
    });
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json();
    made.push(...out.ids);
    expect(out.inserted).toBe(2);
    expect(out.rejected.map((r: { index: number }) => r.index)).toEqual([1, 2, 4, 5, 6, 7, 8]);
    const reason = (i: number) => out.rejected.find((r: { index: number }) => r.index === i).reason;
    expect(reason(1)).toMatch(/bearing_deg 720/);
    expect(reason(2)).toMatch(/Point/);
    expect(reason(4)).toMatch(/TEST-IMP-1 is already used/);
    expect(reason(5)).toMatch(/outside every grid/);
    expect(reason(6)).toMatch(/range_m must be a finite number/);
    expect(reason(7)).toMatch(/Feature/);
    expect(reason(8)).toMatch(/range_m -1/);
    const { rows } = await t.db.query(
      `SELECT code, kind, status, fov_deg FROM cameras WHERE code LIKE 'TEST-IMP-%' ORDER BY code`,
    );
    expect(rows).toEqual([
      { code: 'TEST-IMP-1', kind: 'fixed', status: 'working', fov_deg: 80 },
      { code: 'TEST-IMP-3', kind: 'ptz', status: 'offline', fov_deg: 360 },
    ]);
    // The working one has a view; the offline one has none.
    const { rows: views } = await t.db.query(
      `SELECT c.code FROM camera_coverage v JOIN cameras c ON c.id = v.camera_id WHERE c.code LIKE 'TEST-IMP-%'`,
    );
    expect(views.map((r) => r.code)).toEqual(['TEST-IMP-1']);
    const {
      rows: [ev],
    } = await t.db.query(
      `SELECT payload FROM events WHERE type = 'camera.changed' AND payload->>'action' = 'imported' ORDER BY seq DESC LIMIT 1`,
    );
    expect(ev.payload.ids).toEqual(out.ids);
  });

  it('refuses a body that is not a FeatureCollection', async () => {
    for (const body of [
      { type: 'Feature' },
      { type: 'FeatureCollection' },
      { type: 'FeatureCollection', features: 'x' },
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/import/cameras',
        headers: t.auth('planner'),
        payload: body,
      });
      expect(res.statusCode).toBe(400);
    }
  });

  it('exports what it imports: the export of a grid imports back as all duplicates', async () => {
    const {
      rows: [one],
    } = await t.db.query(`SELECT grid_id FROM cameras WHERE code = 'TEST-IMP-1'`);
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/cameras/export?grid=${one.grid_id}`,
      headers: t.auth('wall'),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/geo\+json/);
    const fc = res.json();
    const {
      rows: [n],
    } = await t.db.query('SELECT count(*)::int AS n FROM cameras WHERE grid_id = $1', [one.grid_id]);
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(n.n);
    const mine = fc.features.find((f: { properties: { code: string } }) => f.properties.code === 'TEST-IMP-1');
    expect(mine.properties).toMatchObject({ kind: 'fixed', status: 'working', fov_deg: 80, range_m: 40 });
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/import/cameras',
      headers: t.auth('planner'),
      payload: fc,
    });
    expect(again.json().inserted).toBe(0);
    expect(again.json().rejected).toHaveLength(n.n);
    expect(again.json().rejected[0].reason).toMatch(/already used/);
  });

  it('exports the whole registry as one stream', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/cameras/export', headers: t.auth('wall') });
    const {
      rows: [n],
    } = await t.db.query('SELECT count(*)::int AS n FROM cameras');
    expect(res.json().features).toHaveLength(n.n);
  });
});
