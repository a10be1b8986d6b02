/**
 * Invariants on the generated city: covered area never exceeds grid area and agrees with a
 * union of every view done from scratch in PostGIS; turning a camera off never raises coverage;
 * the incrementally kept measures equal a full recompute after a run of edits; the reports,
 * rankings and gap layers agree with the tables behind them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';

const t = useTestApp();

const get = async (url: string) => {
  const res = await t.app.inject({ method: 'GET', url, headers: t.auth('wall') });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

/** m² per 3857 unit² at a latitude: areas in SQL below are scaled back the same way the product does. */
const SHARES = ['area_share', 'road_share', 'keyplace_share', 'intersection_share', 'main_intersection_share'] as const;

beforeAll(async () => {
  await get('/api/coverage?worst=0');
}, 120_000);

describe('invariants on the generated city', () => {
  it('covered area never exceeds grid area; the covered ground lies inside its grid', async () => {
    const { rows } = await t.db.query(`
      SELECT gc.grid_id, gc.area_m2, gc.covered_m2, gc.road_m, gc.road_covered_m, gc.keyplaces, gc.keyplaces_covered,
             gc.intersections, gc.intersections_covered, gc.main_intersections, gc.main_intersections_covered,
             ST_Area(ST_Difference(gc.covered, g.geom_3857)) AS outside, ST_IsValid(gc.covered) AS valid,
             ST_Area(g.geom_3857) * cos(radians(ST_Y(ST_Centroid(g.geom)))) ^ 2 AS grid_m2
      FROM grid_coverage gc JOIN grids g ON g.id = gc.grid_id`);
    const {
      rows: [n],
    } = await t.db.query('SELECT count(*)::int AS n FROM grids');
    expect(rows).toHaveLength(n.n);
    let somewhereCovered = 0;
    for (const r of rows) {
      expect(r.covered_m2).toBeLessThanOrEqual(r.area_m2 + 1e-6);
      expect(r.area_m2).toBeCloseTo(r.grid_m2, 3);
      expect(r.outside).toBeLessThan(0.01);
      expect(r.valid).toBe(true);
      expect(r.road_covered_m).toBeLessThanOrEqual(r.road_m + 1e-6);
      expect(r.keyplaces_covered).toBeLessThanOrEqual(r.keyplaces);
      expect(r.intersections_covered).toBeLessThanOrEqual(r.intersections);
      expect(r.main_intersections_covered).toBeLessThanOrEqual(r.main_intersections);
      if (r.covered_m2 > 0) somewhereCovered++;
    }
    expect(somewhereCovered).toBeGreaterThan(rows.length / 2);
  });

  it("the city's covered area is the union of every working view, clipped to the city, done from scratch", async () => {
    const city = (await get('/api/coverage?worst=0')).measures;
    const {
      rows: [r],
    } = await t.db.query(`
      WITH views AS (
        SELECT geom FROM coverage_views(ARRAY(
          SELECT ROW(id, ST_X(geom), ST_Y(geom), bearing_deg, fov_deg, range_m, height_m, kind = 'ptz')::coverage_camera
          FROM cameras WHERE status = 'working'), 3)
      ), u AS (SELECT ST_Union(geom) AS u FROM views)
      SELECT sum(ST_Area(ST_Intersection(g.geom_3857, u.u)) * cos(radians(ST_Y(ST_Centroid(g.geom)))) ^ 2) AS covered,
             sum(ST_Area(g.geom_3857) * cos(radians(ST_Y(ST_Centroid(g.geom)))) ^ 2) AS area
      FROM grids g, u`);
    expect(Math.abs(city.covered_m2 - r.covered) / r.covered).toBeLessThan(1e-6);
    expect(Math.abs(city.area_m2 - r.area) / r.area).toBeLessThan(1e-9);
    expect(city.area_share).toBeGreaterThan(0);
    expect(city.area_share).toBeLessThan(1);
  });

  it('road coverage agrees with roads cut by the union of the views', async () => {
    const { rows } = await t.db.query(`
      WITH r AS (SELECT x.id, x.geom_3857 AS g, cos(radians(ST_Y(ST_Centroid(x.geom)))) AS k FROM roads x ORDER BY md5(x.id::text) LIMIT 60)
      SELECT r.id, rc.covered_m, rc.length_m,
             coalesce(ST_Length(ST_Intersection(r.g, (SELECT ST_Union(v.geom) FROM camera_coverage v WHERE v.geom && r.g))), 0) * r.k AS expected
      FROM r JOIN road_coverage rc ON rc.road_id = r.id`);
    expect(rows.length).toBe(60);
    for (const r of rows) {
      expect(r.covered_m).toBeCloseTo(r.expected, 1);
      expect(r.covered_m).toBeLessThanOrEqual(r.length_m + 1e-3);
    }
  });

  it('turning a camera off never raises coverage anywhere', async () => {
    const { rows: cams } = await t.db.query(`SELECT c.id, g.community_id FROM cameras c JOIN grids g ON g.id = c.grid_id
      JOIN camera_coverage v ON v.camera_id = c.id ORDER BY md5(c.id::text) LIMIT 6`);
    for (const c of cams) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/coverage/whatif',
        headers: t.auth('planner'),
        payload: {
          changes: [{ op: 'update', id: c.id, camera: { status: 'faulty' } }],
          area: { community: c.community_id },
        },
      });
      expect(res.statusCode, res.body).toBe(200);
      const w = res.json();
      for (const pair of [w.city, w.area, ...w.grids]) {
        // Measures are rounded to 0.1 m² / 0.1 m; unions redone without a view move the last
        // digits of a double by rounding noise (~1e-9 relative), never by a camera's worth.
        expect(pair.after.covered_m2).toBeLessThanOrEqual(pair.before.covered_m2 + 0.1);
        expect(pair.after.road_covered_m).toBeLessThanOrEqual(pair.before.road_covered_m + 0.1);
        expect(pair.after.keyplaces_covered).toBeLessThanOrEqual(pair.before.keyplaces_covered);
        expect(pair.after.intersections_covered).toBeLessThanOrEqual(pair.before.intersections_covered);
        for (const k of SHARES)
          if (pair.before[k] !== null) expect(pair.after[k]).toBeLessThanOrEqual(pair.before[k] + 1e-6);
      }
      expect(w.city.after.cameras_working).toBe(w.city.before.cameras_working - 1);
      expect(w.city.after.covered_m2).toBeLessThan(w.city.before.covered_m2);
    }
  });

  it('keeps incremental measures equal to a full recompute after a run of edits', async () => {
    const snapshot = async () => {
      const grids = (
        await t.db
          .query(`SELECT grid_id, covered_m2, road_m, road_covered_m, keyplaces, keyplaces_covered, intersections,
        intersections_covered, main_intersections_covered, cameras, cameras_working FROM grid_coverage ORDER BY grid_id`)
      ).rows;
      const roads = (await t.db.query('SELECT road_id, covered_m FROM road_coverage ORDER BY road_id')).rows;
      const points = (
        await t.db.query(
          'SELECT kind, key_place_id, road_id, covered, seen_share FROM coverage_points ORDER BY key_place_id, road_id, ST_X(geom), ST_Y(geom)',
        )
      ).rows;
      const views = (await t.db.query('SELECT camera_id, area_m2 FROM camera_coverage ORDER BY camera_id')).rows;
      return { grids, roads, points, views };
    };
    // Eight cameras spread over the city, away from its centre.
    const { rows: cams } = await t.db.query(`
      SELECT c.id, c.version, ST_X(c.geom) AS lon, ST_Y(c.geom) AS lat, c.status FROM cameras c,
        (SELECT ST_SetSRID(ST_Centroid(ST_Extent(geom)::geometry), 4326) AS c FROM cameras) ctr
      WHERE NOT ST_DWithin(c.geom, ctr.c, 0.03) ORDER BY md5(c.id::text) LIMIT 8`);
    const put = (c: { id: number; version: number }, body: object) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/cameras/${c.id}`,
        headers: t.auth('planner'),
        payload: { version: c.version, ...body },
      });
    const edits = [
      await put(cams[0], { lon: cams[0].lon + 0.0004 }),
      await put(cams[1], { bearing_deg: 180, fov_deg: 120 }),
      await put(cams[2], { status: cams[2].status === 'working' ? 'faulty' : 'working' }),
      await put(cams[3], { kind: 'ptz', range_m: 70 }),
      await put(cams[4], { range_m: 140, height_m: 15 }),
      await t.app.inject({ method: 'DELETE', url: `/api/cameras/${cams[5].id}`, headers: t.auth('planner') }),
      await t.app.inject({
        method: 'POST',
        url: '/api/cameras',
        headers: t.auth('planner'),
        payload: { lon: cams[6].lon + 0.0003, lat: cams[6].lat, range_m: 90, bearing_deg: 33 },
      }),
      await t.app.inject({
        method: 'POST',
        url: '/api/cameras',
        headers: t.auth('planner'),
        payload: { lon: cams[7].lon, lat: cams[7].lat + 0.0003, range_m: 60, kind: 'ptz' },
      }),
    ];
    for (const e of edits) expect([200, 201], e.body).toContain(e.statusCode);
    const incremental = await snapshot();
    const full = await t.app.inject({ method: 'POST', url: '/api/coverage/recompute', headers: t.auth('admin') });
    expect(full.statusCode, full.body).toBe(200);
    expect(full.json().grids).toBe(incremental.grids.length);
    const fresh = await snapshot();
    expect(fresh.views.length).toBe(incremental.views.length);
    fresh.views.forEach((v, i) => {
      expect(v.camera_id).toBe(incremental.views[i].camera_id);
      expect(v.area_m2).toBeCloseTo(incremental.views[i].area_m2, 1);
    });
    expect(fresh.points.map((p) => [p.kind, p.covered])).toEqual(incremental.points.map((p) => [p.kind, p.covered]));
    fresh.roads.forEach((r, i) => expect(r.covered_m).toBeCloseTo(incremental.roads[i].covered_m, 2));
    fresh.grids.forEach((g, i) => {
      const inc = incremental.grids[i];
      expect({
        ...g,
        covered_m2: Math.round(g.covered_m2),
        road_m: Math.round(g.road_m),
        road_covered_m: Math.round(g.road_covered_m),
      }).toEqual({
        ...inc,
        covered_m2: Math.round(inc.covered_m2),
        road_m: Math.round(inc.road_m),
        road_covered_m: Math.round(inc.road_covered_m),
      });
    });
  });
});

describe('reports', () => {
  it('the city report lists the worst grids in order and the longest uncovered main-road stretches', async () => {
    const r = await get('/api/coverage?worst=5');
    expect(r.scope.kind).toBe('city');
    expect(r.targets).toEqual({ keyplace_share: 0.9, main_intersection_share: 1 });
    expect(r.worst_grids).toHaveLength(5);
    const scores = r.worst_grids.map((g: { measures: { score: number } }) => g.measures.score);
    expect([...scores].sort((a, b) => a - b)).toEqual(scores);
    const lengths = r.worst_roads.map((s: { length_m: number }) => s.length_m);
    expect(lengths.length).toBeGreaterThan(0);
    expect([...lengths].sort((a, b) => b - a)).toEqual(lengths);
    for (const s of r.worst_roads) expect(['arterial', 'secondary']).toContain(s.class);
    const kinds = r.keyplaces_by_kind as Record<string, { total: number; covered: number }>;
    expect(Object.values(kinds).reduce((a, k) => a + k.total, 0)).toBe(r.measures.keyplaces);
    const {
      rows: [kp],
    } = await t.db.query('SELECT count(*)::int AS n FROM key_places');
    expect(r.measures.keyplaces).toBe(kp.n);
  });

  it('a community adds up from its grids; a grid reports its stored row', async () => {
    const {
      rows: [c],
    } = await t.db.query(
      'SELECT community_id AS id, count(*)::int AS n FROM grids GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1',
    );
    const r = await get(`/api/coverage?community=${c.id}&worst=50`);
    expect(r.scope).toMatchObject({ kind: 'community', id: c.id });
    expect(r.worst_grids).toHaveLength(c.n);
    const {
      rows: [sum],
    } = await t.db.query(
      'SELECT sum(covered_m2) AS covered, sum(area_m2) AS area FROM grid_coverage gc JOIN grids g ON g.id = gc.grid_id WHERE g.community_id = $1',
      [c.id],
    );
    expect(r.measures.covered_m2).toBeCloseTo(sum.covered, 0);
    expect(r.measures.area_m2).toBeCloseTo(sum.area, 0);
    const g = await get(`/api/coverage?grid=${r.worst_grids[0].grid_id}`);
    expect(g.measures).toEqual(r.worst_grids[0].measures);
    expect(g.worst_grids).toEqual([]);
  });

  it('ranks grids by any one measure', async () => {
    const r = await get('/api/coverage/grids?by=road&limit=30');
    const shares = r.grids
      .map((g: { measures: { road_share: number | null } }) => g.measures.road_share)
      .filter((v: number | null) => v !== null);
    expect([...shares].sort((a, b) => a - b)).toEqual(shares);
  });
});

describe('gap layers', () => {
  it('uncovered key places and intersections are exactly the uncovered points', async () => {
    const fc = await get('/api/coverage/gaps?kind=keyplace&limit=50000');
    const {
      rows: [n],
    } = await t.db.query('SELECT count(*)::int AS n FROM coverage_points WHERE NOT covered');
    expect(fc.features).toHaveLength(n.n);
    expect(fc.truncated).toBe(false);
    const main = await get('/api/coverage/gaps?kind=keyplace&main=true&points=intersections&limit=50000');
    for (const f of main.features) expect(f.properties).toMatchObject({ kind: 'intersection', main: true });
    const places = await get('/api/coverage/gaps?kind=keyplace&points=keyplaces');
    for (const f of places.features) expect(f.properties.key_place_id).toBeGreaterThan(0);
  });

  it('uncovered road parts measure what is uncovered', async () => {
    const fc = await get('/api/coverage/gaps?kind=road&main=true&limit=20');
    expect(fc.features.length).toBeGreaterThan(0);
    for (const f of fc.features) {
      expect(f.properties.main).toBe(true);
      const {
        rows: [r],
      } = await t.db.query(
        `SELECT ST_Length(ST_Transform(ST_GeomFromGeoJSON($1), 3857)) * cos(radians(ST_Y(ST_Centroid(ST_GeomFromGeoJSON($1))))) AS m`,
        [JSON.stringify(f.geometry)],
      );
      expect(r.m).toBeCloseTo(f.properties.uncovered_m, 0);
    }
  });

  it('uncovered ground of a grid is its area less what is in view', async () => {
    const {
      rows: [g],
    } = await t.db.query(
      'SELECT grid_id, area_m2, covered_m2 FROM grid_coverage WHERE covered_m2 > 0 ORDER BY grid_id LIMIT 1',
    );
    const fc = await get(`/api/coverage/gaps?kind=area&grid=${g.grid_id}`);
    expect(fc.features).toHaveLength(1);
    const {
      rows: [r],
    } = await t.db.query(
      `SELECT ST_Area(ST_Transform(ST_GeomFromGeoJSON($1), 3857)) * cos(radians(ST_Y(ST_Centroid(ST_GeomFromGeoJSON($1))))) ^ 2 AS m2`,
      [JSON.stringify(fc.features[0].geometry)],
    );
    expect(Math.abs(r.m2 - (g.area_m2 - g.covered_m2)) / g.area_m2).toBeLessThan(0.002);
  });

  it('views in a bbox are the stored views of working cameras there', async () => {
    const {
      rows: [c],
    } = await t.db.query(
      `SELECT ST_X(c.geom) AS lon, ST_Y(c.geom) AS lat FROM cameras c JOIN camera_coverage v ON v.camera_id = c.id ORDER BY c.id LIMIT 1`,
    );
    const fc = await get(
      `/api/coverage/views?bbox=${c.lon - 0.003},${c.lat - 0.003},${c.lon + 0.003},${c.lat + 0.003}`,
    );
    expect(fc.features.length).toBeGreaterThan(0);
    for (const f of fc.features) expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
  });
});
