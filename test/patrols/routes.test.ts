/**
 * Planned routes matched against hand-built tracks on real streets of the test city: one walk
 * follows the route, one skips a checkpoint, one leaves the grid. Fixes go in through the API.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { along, crossingsInGrid, offDutyWorker, offset, type TestUnit } from './helpers.ts';
import { cityDay } from '../../server/src/domain/field.ts';

const t = useTestApp();
const MIN = 60_000;

interface Planned {
  unit: TestUnit;
  id: number;
  path: [number, number][];
  start: number;
}

/** Plans a route through three crossings of the unit's own grid, starting `minutesAgo` ago. */
async function plan(n: number, minutesAgo: number): Promise<Planned> {
  const unit = await offDutyWorker(t.db, n);
  const xs = await crossingsInGrid(t.db, unit.home_grid_id!);
  expect(xs.length).toBeGreaterThanOrEqual(3);
  const picks = [xs[0], xs[Math.floor(xs.length / 2)], xs[xs.length - 1]];
  const start = Date.now() - minutesAgo * MIN;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/patrols/routes',
    headers: t.auth('operator'),
    payload: {
      unit_id: unit.id,
      name: `test route ${unit.code}`,
      // Generous windows: the walk's own timing is checked, not the planner's guess.
      checkpoints: picks.map((p, i) => ({
        lon: p.lon,
        lat: p.lat,
        name: `cp${i + 1}`,
        radius_m: 25,
        window_start: new Date(start + (i === 0 ? -5 : 0) * MIN).toISOString(),
        window_end: new Date(start + (i + 1) * 30 * MIN).toISOString(),
      })),
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id;
  const got = await t.app.inject({ method: 'GET', url: `/api/patrols/routes/${id}`, headers: t.auth('wall') });
  const path = got.json().route.path as [number, number][];
  // The planned path runs along the streets and through each checkpoint.
  expect(path.length).toBeGreaterThanOrEqual(2);
  return { unit, id, path, start };
}

/** Sends a track (points 10 s apart from `start`) for the unit. */
async function walk(unit: TestUnit, points: [number, number][], start: number) {
  const fixes = points.map(([lon, lat], k) => ({ unit: unit.id, lon, lat, t: start + k * 10_000 + 3, accuracy: 5 }));
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/patrols/fixes',
    headers: t.auth('operator'),
    payload: { fixes },
  });
  expect(res.statusCode).toBe(200);
  expect(res.json().stored).toBe(fixes.length);
}

async function match(id: number) {
  const res = await t.app.inject({ method: 'GET', url: `/api/patrols/routes/${id}`, headers: t.auth('wall') });
  expect(res.statusCode).toBe(200);
  return res.json();
}

describe('patrol routes', () => {
  let onRoute: Planned;
  let skipping: Planned;
  let leaving: Planned;

  beforeAll(async () => {
    [onRoute, skipping, leaving] = [await plan(3, 80), await plan(4, 80), await plan(5, 80)];
  });

  it('marks every checkpoint on time for a walk along the planned path', async () => {
    await walk(onRoute.unit, along(onRoute.path, 12), onRoute.start);
    const m = await match(onRoute.id);
    expect(m.checkpoints.map((c: { status: string }) => c.status)).toEqual(['on_time', 'on_time', 'on_time']);
    expect(m.deviations).toEqual([]);
  });

  it('finds the skipped checkpoint and raises a deviation alert for the detour', async () => {
    const pts = along(skipping.path, 12);
    const cp2 = (await match(skipping.id)).checkpoints[1];
    // Near the second checkpoint the walker swings 150 m north-east, off every street through it.
    const near = (p: [number, number]) => Math.hypot((p[0] - cp2.lon) * 100_000, (p[1] - cp2.lat) * 111_000) < 200;
    const track = pts.map((p) => (near(p) ? offset(p, 150, 150) : p));
    expect(track.some((p, i) => p !== pts[i])).toBe(true);
    await walk(skipping.unit, track, skipping.start);
    const m = await match(skipping.id);
    expect(m.checkpoints[1].status).toBe('missed');
    expect(m.checkpoints[0].status).toBe('on_time');
    expect(m.deviations.some((d: { kind: string; max_m: number }) => d.kind === 'off_route' && d.max_m >= 100)).toBe(
      true,
    );
  });

  it('raises a left-grid alert for a walk that leaves the grid for minutes', async () => {
    const pts = along(leaving.path, 12);
    // Halfway, walk out of the grid: 1.2 km south and back, at walking pace.
    const mid = pts[Math.floor(pts.length / 2)];
    const out = Array.from({ length: 100 }, (_, k) => offset(mid, 0, -12 * k));
    const track = [
      ...pts.slice(0, Math.floor(pts.length / 2)),
      ...out,
      ...out.reverse(),
      ...pts.slice(Math.floor(pts.length / 2)),
    ];
    await walk(leaving.unit, track, leaving.start);
    const m = await match(leaving.id);
    const left = m.deviations.filter((d: { kind: string }) => d.kind === 'left_grid');
    expect(left.length).toBe(1);
    expect(Date.parse(left[0].to) - Date.parse(left[0].from)).toBeGreaterThanOrEqual(2 * MIN);
  });

  it('assesses the day: streets walked and checkpoints on time per grid worker, without storing anything', async () => {
    // The day the walks happened in the city (Asia/Shanghai): just after midnight there, not "today".
    const day = cityDay('Asia/Shanghai', new Date(onRoute.start));
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/patrols/assessment?day=${day}`,
      headers: t.auth('wall'),
    });
    expect(res.statusCode).toBe(200);
    const rows = res.json().rows as {
      unit_id: number;
      walked_share: number;
      checkpoints_total: number;
      checkpoints_on_time: number;
      deviations: number;
    }[];
    const mine = rows.find((r) => r.unit_id === onRoute.unit.id)!;
    expect(mine.checkpoints_total).toBe(3);
    expect(mine.checkpoints_on_time).toBe(3);
    expect(mine.walked_share).toBeGreaterThan(0);
    const skip = rows.find((r) => r.unit_id === skipping.unit.id)!;
    expect(skip.checkpoints_on_time).toBeLessThan(3);
    expect(skip.deviations).toBeGreaterThanOrEqual(1);
    // A read: computed on the fly, nothing kept.
    const { rows: stored } = await t.db.query('SELECT 1 FROM patrol_daily WHERE unit_id = $1', [onRoute.unit.id]);
    expect(stored).toHaveLength(0);
  });

  it.each([
    [
      'one checkpoint',
      (u: number) => ({
        unit_id: u,
        name: 'x',
        checkpoints: [
          { lon: 111.6, lat: 26.4, window_start: '2026-01-01T00:00:00Z', window_end: '2026-01-01T01:00:00Z' },
        ],
      }),
      400,
    ],
    [
      'a window that ends before it starts',
      (u: number) => ({
        unit_id: u,
        name: 'x',
        checkpoints: [1, 2].map(() => ({
          key_place_id: 1,
          window_start: '2026-01-01T02:00:00Z',
          window_end: '2026-01-01T01:00:00Z',
        })),
      }),
      400,
    ],
    [
      'an unknown key place',
      (u: number) => ({
        unit_id: u,
        name: 'x',
        checkpoints: [1, 2].map(() => ({
          key_place_id: 999999,
          window_start: '2026-01-01T00:00:00Z',
          window_end: '2026-01-01T01:00:00Z',
        })),
      }),
      400,
    ],
    [
      'an unknown unit',
      () => ({
        unit_id: 999999,
        name: 'x',
        checkpoints: [1, 2].map(() => ({
          key_place_id: 1,
          window_start: '2026-01-01T00:00:00Z',
          window_end: '2026-01-01T01:00:00Z',
        })),
      }),
      400,
    ],
  ])('refuses a route with %s and stores nothing', async (_n, body, status) => {
    const { rows: before } = await t.db.query('SELECT count(*)::int AS n FROM patrol_routes');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/patrols/routes',
      headers: t.auth('operator'),
      payload: body(onRoute.unit.id),
    });
    expect(res.statusCode).toBe(status);
    expect(res.json().error.message).toBeTruthy();
    const { rows: after } = await t.db.query('SELECT count(*)::int AS n FROM patrol_routes');
    expect(after[0].n).toBe(before[0].n);
  });

  it('answers 404 for a route that does not exist and 403 to a wall planning one', async () => {
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/patrols/routes/999999', headers: t.auth('wall') })).statusCode,
    ).toBe(404);
    const body = {
      unit_id: onRoute.unit.id,
      name: 'x',
      checkpoints: [1, 2].map(() => ({
        key_place_id: 1,
        window_start: '2026-01-01T00:00:00Z',
        window_end: '2026-01-01T01:00:00Z',
      })),
    };
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/patrols/routes', headers: t.auth('wall'), payload: body }))
        .statusCode,
    ).toBe(403);
  });
});
