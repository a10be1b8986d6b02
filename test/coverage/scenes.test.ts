/**
 * Hand-built scenes on empty ground of the test city, with exact expectations checked against
 * geometry built independently in PostGIS: one camera and one tall building that hides half a
 * street; a tall camera over a low building (a finite shadow); a PTZ camera; a faulty camera.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { addBuilding, addRoad, at, emptySpots, local3857, sectorArea, type Spot } from './helpers.ts';

const t = useTestApp();
const cleanup: (() => Promise<unknown>)[] = [];

async function addCamera(body: Record<string, unknown>) {
  const res = await t.app.inject({ method: 'POST', url: '/api/cameras', headers: t.auth('planner'), payload: body });
  expect(res.statusCode, res.body).toBe(201);
  const camera = res.json().camera;
  cleanup.push(() => t.app.inject({ method: 'DELETE', url: `/api/cameras/${camera.id}`, headers: t.auth('planner') }));
  return camera as { id: number; version: number; view_m2: number | null; grid_id: number };
}

async function view(cameraId: number): Promise<string | null> {
  const { rows } = await t.db.query('SELECT ST_AsEWKT(geom) AS g FROM camera_coverage WHERE camera_id = $1', [
    cameraId,
  ]);
  return rows[0]?.g ?? null;
}

/** Does the camera's stored view contain the local point (x, y)? */
async function sees(s: Spot, cameraId: number, x: number, y: number): Promise<boolean> {
  const p = await local3857(t.db, s, `POINT(${x} ${y})`);
  const { rows } = await t.db.query(
    'SELECT coalesce(bool_or(ST_Intersects(geom, $2::geometry)), false) AS hit FROM camera_coverage WHERE camera_id = $1',
    [cameraId, p],
  );
  return rows[0].hit;
}

async function explain(s: Spot, x: number, y: number) {
  const { lon, lat } = at(s, x, y);
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/coverage/explain?lon=${lon}&lat=${lat}&radius_m=200`,
    headers: t.auth('wall'),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    covered: boolean;
    cameras: { id: number; reason: string; reasons: string[]; blocked_by: { building_id: number } | null }[];
  };
}

let spots: Spot[];
beforeAll(async () => {
  // Coverage exists before the scenes are built (the first read computes it).
  expect(
    (await t.app.inject({ method: 'GET', url: '/api/coverage?worst=0', headers: t.auth('wall') })).statusCode,
  ).toBe(200);
  spots = await emptySpots(t.db, 4);
});

afterAll(async () => {
  for (const f of cleanup.reverse()) await f();
});

describe('one camera, one building that hides half a street', () => {
  // Camera at the origin facing east (90°), 100° field of view, 100 m range, 6 m up. A 10-floor
  // building fills x 20–30, y 0–20: seen from the origin it spans bearings 45°–90°, so behind it
  // the sight lines between due east and north-east are cut. The street runs north–south at
  // x = 40 from y = −40 to 40: its northern half (y 0–40) lies behind the building.
  let s: Spot;
  let cam: { id: number };
  let buildingId: number;
  let roadId: number;
  beforeAll(async () => {
    s = spots[0];
    buildingId = await addBuilding(t.db, s, 'POLYGON((20 0, 30 0, 30 20, 20 20, 20 0))', 10);
    roadId = await addRoad(t.db, s, 'LINESTRING(40 -40, 40 40)');
    cleanup.push(() => t.db.query('DELETE FROM buildings WHERE id = $1', [buildingId]));
    cleanup.push(() => t.db.query('DELETE FROM roads WHERE id = $1', [roadId]));
    cam = await addCamera({ ...at(s, 0, 0), bearing_deg: 90, fov_deg: 100, range_m: 100, height_m: 6 });
  });

  it('covers exactly the southern half of the street', async () => {
    const { rows } = await t.db.query('SELECT length_m, covered_m, main FROM road_coverage WHERE road_id = $1', [
      roadId,
    ]);
    expect(rows[0].main).toBe(true);
    expect(rows[0].length_m).toBeCloseTo(80, 1);
    expect(rows[0].covered_m).toBeCloseTo(40, 1);
  });

  it('sees beside the building and not behind it', async () => {
    expect(await sees(s, cam.id, 35, -10)).toBe(true); // south of the building
    expect(await sees(s, cam.id, 25, -5)).toBe(true);
    expect(await sees(s, cam.id, 35, 38)).toBe(true); // bearing 42.6°: north of the cut
    expect(await sees(s, cam.id, 35, 10)).toBe(false); // behind it
    expect(await sees(s, cam.id, 90, 40)).toBe(false);
    expect(await sees(s, cam.id, 25, 10)).toBe(false); // inside the footprint
    expect(await sees(s, cam.id, -10, 0)).toBe(false); // behind the camera
  });

  it("is the sector less the building's wedge, checked against PostGIS", async () => {
    const v = (await view(cam.id))!;
    // The hidden wedge drawn by hand: from the building's near corners outward along the rays
    // through its far corners (bearing 90° along y = 0, bearing 45° along y = x).
    const wedge = await local3857(t.db, s, 'POLYGON((20 0, 400 0, 400 400, 20 20, 20 0))');
    const {
      rows: [r],
    } = await t.db.query(
      `WITH v AS (SELECT $1::geometry AS v), c AS (SELECT sector FROM coverage_views(ARRAY(
         SELECT ROW(id, ST_X(geom), ST_Y(geom), bearing_deg, fov_deg, range_m, height_m, kind = 'ptz')::coverage_camera
         FROM cameras WHERE id = $3), 3))
       SELECT ST_Area(v) AS view, ST_Area(sector) AS sector, ST_Area(ST_Difference(sector, $2::geometry)) AS expected,
              ST_Area(ST_SymDifference(v, ST_Difference(sector, $2::geometry))) AS mismatch
       FROM v, c`,
      [v, wedge, cam.id],
    );
    const m2 = s.k ** 2;
    expect(r.sector / m2).toBeCloseTo(sectorArea(100, 100), 0);
    expect(r.view).toBeCloseTo(r.expected, 0);
    expect(r.mismatch / m2).toBeLessThan(0.01);
  });

  it('explains why it misses: blocked, facing away, out of range', async () => {
    const blocked = (await explain(s, 35, 10)).cameras.find((c) => c.id === cam.id)!;
    expect(blocked.reason).toBe('blocked_by_building');
    expect(blocked.blocked_by?.building_id).toBe(buildingId);
    expect((await explain(s, -30, 0)).cameras.find((c) => c.id === cam.id)!.reason).toBe('facing_away');
    expect((await explain(s, 150, -10)).cameras.find((c) => c.id === cam.id)!.reason).toBe('out_of_range');
    const seen = await explain(s, 35, -10);
    expect(seen.covered).toBe(true);
    expect(seen.cameras.find((c) => c.id === cam.id)!.reason).toBe('covers');
  });
});

describe('a tall camera over a low building', () => {
  // Camera 12 m up facing east; a 2-floor (6 m) building at x 20–25: the sight line clears the
  // roof from twice the distance on (12 / (12 − 6) = 2), so the shadow ends at x = 50.
  let s: Spot;
  let cam: { id: number };
  beforeAll(async () => {
    s = spots[1];
    const b = await addBuilding(t.db, s, 'POLYGON((20 -5, 25 -5, 25 5, 20 5, 20 -5))', 2);
    cleanup.push(() => t.db.query('DELETE FROM buildings WHERE id = $1', [b]));
    cam = await addCamera({ ...at(s, 0, 0), bearing_deg: 90, fov_deg: 60, range_m: 100, height_m: 12 });
  });

  it("hides the ground up to twice the building's far side, and sees beyond", async () => {
    expect(await sees(s, cam.id, 30, 0)).toBe(false);
    expect(await sees(s, cam.id, 45, 0)).toBe(false);
    expect(await sees(s, cam.id, 55, 0)).toBe(true);
    expect(await sees(s, cam.id, 90, 0)).toBe(true);
    expect(await sees(s, cam.id, 15, 0)).toBe(true);
  });

  it('a low camera behind the same building sees nothing beyond it', async () => {
    const low = await addCamera({ ...at(s, 0, 1), bearing_deg: 90, fov_deg: 60, range_m: 100, height_m: 5 });
    expect(await sees(s, low.id, 55, 0)).toBe(false);
    expect(await sees(s, low.id, 90, 0)).toBe(false);
    expect(await sees(s, low.id, 15, 0)).toBe(true);
  });
});

describe('a PTZ camera', () => {
  let s: Spot;
  let cam: { id: number; view_m2: number | null };
  beforeAll(async () => {
    s = spots[2];
    cam = await addCamera({ ...at(s, 0, 0), kind: 'ptz', fov_deg: 45, bearing_deg: 123, range_m: 50, height_m: 8 });
  });

  it('covers its full sweep: a circle of its range, whatever its bearing and field of view', async () => {
    expect(cam.view_m2).toBeCloseTo(sectorArea(360, 50), 0);
    expect(Math.abs(cam.view_m2! - Math.PI * 50 * 50) / (Math.PI * 50 * 50)).toBeLessThan(0.006);
    for (const [x, y] of [
      [45, 0],
      [0, 45],
      [-45, 0],
      [0, -45],
      [30, -30],
    ])
      expect(await sees(s, cam.id, x, y)).toBe(true);
    for (const [x, y] of [
      [55, 0],
      [0, -55],
      [-40, 40],
    ])
      expect(await sees(s, cam.id, x, y)).toBe(false);
    const { rows } = await t.db.query(`SELECT kind, fov_deg FROM cameras WHERE id = $1`, [cam.id]);
    expect(rows[0]).toEqual({ kind: 'ptz', fov_deg: 360 });
  });

  it('a building put up beside it hides ground once the area is recomputed, and only that area', async () => {
    const b = await addBuilding(t.db, s, 'POLYGON((20 -5, 30 -5, 30 5, 20 5, 20 -5))', 8);
    cleanup.push(() => t.db.query('DELETE FROM buildings WHERE id = $1', [b]));
    expect(await sees(s, cam.id, 40, 0)).toBe(true); // not yet recomputed
    const {
      rows: [far],
    } = await t.db.query('SELECT max(computed_at) AS t FROM camera_coverage WHERE camera_id <> $1', [cam.id]);
    const sw = at(s, 15, -10);
    const ne = at(s, 35, 10);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/coverage/recompute?bbox=${sw.lon},${sw.lat},${ne.lon},${ne.lat}`,
      headers: t.auth('planner'),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().cameras).toBe(1);
    expect(await sees(s, cam.id, 40, 0)).toBe(false);
    expect(await sees(s, cam.id, 10, 0)).toBe(true);
    expect(await sees(s, cam.id, -40, 0)).toBe(true);
    const {
      rows: [v],
    } = await t.db.query('SELECT area_m2 FROM camera_coverage WHERE camera_id = $1', [cam.id]);
    expect(v.area_m2).toBeLessThan(sectorArea(360, 50) - 100);
    // No other view was touched.
    const {
      rows: [after],
    } = await t.db.query('SELECT max(computed_at) AS t FROM camera_coverage WHERE camera_id <> $1', [cam.id]);
    expect(after.t).toEqual(far.t);
  });
});

describe('a faulty camera', () => {
  let s: Spot;
  const city = async () =>
    (await t.app.inject({ method: 'GET', url: '/api/coverage?worst=0', headers: t.auth('wall') })).json().measures;

  beforeAll(() => {
    s = spots[3];
  });

  it('covers nothing, says so, and covers its sector once repaired', async () => {
    const before = await city();
    const cam = await addCamera({ ...at(s, 0, 0), bearing_deg: 0, fov_deg: 60, range_m: 60, status: 'faulty' });
    expect(cam.view_m2).toBeNull();
    expect(await view(cam.id)).toBeNull();
    const faulty = await city();
    expect(faulty.covered_m2).toBeCloseTo(before.covered_m2, 1);
    expect(faulty.cameras).toBe(before.cameras + 1);
    expect(faulty.cameras_working).toBe(before.cameras_working);
    const why = (await explain(s, 0, 30)).cameras.find((c) => c.id === cam.id)!;
    expect(why.reason).toBe('faulty');

    const fixed = await t.app.inject({
      method: 'PUT',
      url: `/api/cameras/${cam.id}`,
      headers: t.auth('planner'),
      payload: { version: cam.version, status: 'working' },
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json().camera.view_m2).toBeCloseTo(sectorArea(60, 60), 0);
    const working = await city();
    // Grid areas are scaled at the grid's latitude, views at the camera's: equal to 0.1 %.
    expect(Math.abs(working.covered_m2 - before.covered_m2 - sectorArea(60, 60))).toBeLessThan(2);
    expect((await explain(s, 0, 30)).cameras.find((c) => c.id === cam.id)!.reason).toBe('covers');

    const offline = await t.app.inject({
      method: 'PUT',
      url: `/api/cameras/${cam.id}`,
      headers: t.auth('planner'),
      payload: { version: cam.version + 1, status: 'offline' },
    });
    expect(offline.statusCode).toBe(200);
    expect((await city()).covered_m2).toBeCloseTo(before.covered_m2, 1);
  });
});
