/**
 * Planning: placement suggestions for a community (greedy, with the gain each brings) agree
 * with what the registry would compute once the cameras are added (checked through a what-if
 * plan), and what-if plans change nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';

const t = useTestApp();

const post = (url: string, payload: object, role: 'planner' | 'wall' = 'planner') =>
  t.app.inject({ method: 'POST', url, headers: t.auth(role), payload });

let community: number;
beforeAll(async () => {
  expect(
    (await t.app.inject({ method: 'GET', url: '/api/coverage?worst=0', headers: t.auth('wall') })).statusCode,
  ).toBe(200);
  // The community with the most uncovered main road.
  const {
    rows: [c],
  } = await t.db.query(`
    SELECT g.community_id AS id FROM grid_coverage gc JOIN grids g ON g.id = gc.grid_id
    GROUP BY 1 ORDER BY sum(gc.main_road_m - gc.main_road_covered_m) DESC LIMIT 1`);
  community = c.id;
});

type Suggestion = {
  lon: number;
  lat: number;
  kind: string;
  bearing_deg: number;
  fov_deg: number;
  range_m: number;
  height_m: number;
  rank: number;
  gain: {
    score: number;
    road_m: number;
    main_road_m: number;
    intersections: number;
    main_intersections: number;
    keyplaces: number;
  };
  total: { score: number };
};

describe('POST /api/coverage/suggest', () => {
  it('proposes cameras in the area, best first, each with its gain, and they do what it says', async () => {
    const res = await post('/api/coverage/suggest', { area: { community }, count: 4 });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const s: Suggestion[] = body.suggestions;
    expect(s.length).toBeGreaterThan(0);
    expect(s.length).toBeLessThanOrEqual(4);
    expect(body.candidates).toBeGreaterThan(s.length);
    let total = 0;
    s.forEach((x, i) => {
      expect(x.rank).toBe(i + 1);
      expect(x.kind).toBe('ptz');
      expect(x.gain.score).toBeGreaterThan(0);
      total += x.gain.score;
      expect(x.total.score).toBeCloseTo(total, 0);
    });
    // Every suggestion stands in the community.
    const { rows } = await t.db.query(
      `SELECT bool_and(ST_DWithin(ST_SetSRID(ST_MakePoint(x, y), 4326), c.geom, 1e-6)) AS inside
       FROM communities c, unnest($2::float8[], $3::float8[]) AS p (x, y) WHERE c.id = $1`,
      [community, s.map((x) => x.lon), s.map((x) => x.lat)],
    );
    expect(rows[0].inside).toBe(true);

    // Added as planned cameras, they bring what the suggestion said: the same intersections
    // (same rule), and the road it counted from 5 m samples.
    const plan = await post('/api/coverage/whatif', {
      area: { community },
      changes: s.map((x) => ({
        op: 'add',
        camera: {
          lon: x.lon,
          lat: x.lat,
          kind: x.kind,
          bearing_deg: x.bearing_deg,
          range_m: x.range_m,
          height_m: x.height_m,
        },
      })),
    });
    expect(plan.statusCode, plan.body).toBe(200);
    const w = plan.json();
    const sum = (k: keyof Suggestion['gain']) => s.reduce((a, x) => a + x.gain[k], 0);
    const road = w.area.after.road_covered_m - w.area.before.road_covered_m;
    expect(road).toBeGreaterThan(0);
    expect(Math.abs(road - (sum('road_m') + sum('main_road_m')))).toBeLessThan(0.1 * road + 20);
    const inter = w.area.after.intersections_covered - w.area.before.intersections_covered;
    expect(inter).toBe(sum('intersections') + sum('main_intersections'));
    expect(w.city.after.cameras).toBe(w.city.before.cameras + s.length);
  });

  it('places fixed cameras facing along the roads', async () => {
    const res = await post('/api/coverage/suggest', {
      area: { community },
      count: 2,
      camera: { kind: 'fixed', fov_deg: 70, range_m: 90 },
    });
    expect(res.statusCode, res.body).toBe(200);
    for (const x of res.json().suggestions as Suggestion[]) {
      expect(x).toMatchObject({ kind: 'fixed', fov_deg: 70, range_m: 90 });
      expect(x.bearing_deg).toBeGreaterThanOrEqual(0);
      expect(x.bearing_deg).toBeLessThan(360);
    }
  });

  it('refuses bad requests', async () => {
    for (const body of [
      { area: {}, count: 3 },
      { area: { community, grid: 1 }, count: 3 },
      { area: { community }, count: 0 },
      { area: { community }, count: 500 },
      { area: { bbox: [110, 25, 113, 28] }, count: 3 },
      { area: { bbox: [111, 26, 110, 27] }, count: 3 },
      { area: { community }, count: 3, camera: { range_m: -1 } },
      { area: { community }, count: 3, camera: { kind: 'dome' } },
    ]) {
      const res = await post('/api/coverage/suggest', body);
      expect(res.statusCode, JSON.stringify(body) + res.body).toBe(400);
    }
    expect((await post('/api/coverage/suggest', { area: { community: 999999 }, count: 3 })).statusCode).toBe(404);
    expect((await post('/api/coverage/suggest', { area: { community }, count: 3 }, 'wall')).statusCode).toBe(403);
  });
});

describe('POST /api/coverage/whatif', () => {
  it('compares before and after for removals and breakdowns, and stores nothing', async () => {
    const { rows: cams } = await t.db.query(
      `
      SELECT c.id FROM cameras c JOIN grids g ON g.id = c.grid_id JOIN camera_coverage v ON v.camera_id = c.id
      WHERE g.community_id = $1 ORDER BY v.area_m2 DESC LIMIT 2`,
      [community],
    );
    const count = async () =>
      (await t.db.query('SELECT count(*)::int AS n, sum(version)::int AS v FROM cameras')).rows[0];
    const grid = async () => (await t.db.query('SELECT sum(covered_m2) AS c FROM grid_coverage')).rows[0].c;
    const [n0, g0] = [await count(), await grid()];
    const res = await post('/api/coverage/whatif', {
      area: { community },
      changes: [
        { op: 'remove', id: cams[0].id },
        { op: 'update', id: cams[1].id, camera: { status: 'faulty' } },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const w = res.json();
    expect(w.area.scope).toMatchObject({ kind: 'community', id: community });
    expect(w.area.after.covered_m2).toBeLessThan(w.area.before.covered_m2);
    expect(w.area.delta.cameras_working).toBe(-2);
    expect(w.grids.length).toBeGreaterThan(0);
    for (const g of w.grids) expect(g.after.covered_m2).toBeLessThanOrEqual(g.before.covered_m2 + 0.1);
    expect(await count()).toEqual(n0);
    expect(await grid()).toBeCloseTo(g0, 3);
    const { rows } = await t.db.query(
      'SELECT count(*)::int AS n FROM camera_coverage WHERE camera_id = ANY($1::bigint[])',
      [cams.map((c) => c.id)],
    );
    expect(rows[0].n).toBe(2);
  });

  it('refuses a plan that names an unknown camera or changes one twice', async () => {
    expect((await post('/api/coverage/whatif', { changes: [{ op: 'remove', id: 999999 }] })).statusCode).toBe(404);
    expect((await post('/api/coverage/whatif', { changes: [] })).statusCode).toBe(400);
    expect(
      (
        await post('/api/coverage/whatif', {
          changes: [
            { op: 'remove', id: 1 },
            { op: 'remove', id: 1 },
          ],
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await post('/api/coverage/whatif', {
          changes: [{ op: 'add', camera: { lon: 111.6, lat: 26.2, range_m: 50, bearing_deg: 720 } }],
        })
      ).statusCode,
    ).toBe(400);
  });
});
