/** POST /api/patrols/fixes against the real test database: edge cases are counted, stored rows are right. */
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { offDutyWorker, offset } from './helpers.ts';

const t = useTestApp();

async function post(fixes: object[], role: 'operator' | 'wall' = 'operator') {
  return t.app.inject({ method: 'POST', url: '/api/patrols/fixes', headers: t.auth(role), payload: { fixes } });
}

describe('POST /api/patrols/fixes', () => {
  it('stores a walk, assigns each fix its grid, and moves the current position to the newest fix', async () => {
    const u = await offDutyWorker(t.db, 0);
    const now = Date.now();
    const start: [number, number] = [u.lon, u.lat];
    const fixes = [0, 1, 2, 3].map((k) => {
      const [lon, lat] = offset(start, 12 * k, 0);
      return { unit: u.id, lon, lat, t: new Date(now - (40 - k * 10) * 1000).toISOString(), accuracy: 6, speed: 1.2 };
    });
    // Sent shuffled, as a phone that buffered them might.
    const res = await post([fixes[2], fixes[0], fixes[3], fixes[1]]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ received: 4, stored: 4, late: 0, moved: 1 });
    const { rows } = await t.db.query(
      `SELECT f.t, f.grid_id, (SELECT g.id FROM grids g WHERE ST_Intersects(g.geom, f.geom) LIMIT 1) AS expected
       FROM patrol_fixes f WHERE f.unit_id = $1 AND f.t > now() - interval '2 minutes' ORDER BY f.t`,
      [u.id],
    );
    expect(rows).toHaveLength(4);
    for (const r of rows) expect(r.grid_id).toBe(r.expected);
    expect(rows[0].grid_id).not.toBeNull();
    const { rows: cur } = await t.db.query(
      'SELECT ST_X(last_geom) AS lon, last_fix_at FROM patrol_units WHERE id = $1',
      [u.id],
    );
    expect(cur[0].last_fix_at.getTime()).toBe(Date.parse(fixes[3].t));
    expect(cur[0].lon).toBeCloseTo(fixes[3].lon, 7);
  });

  it('counts duplicates, jumps, inaccurate, future, unknown units and late fixes — and keeps the position', async () => {
    const u = await offDutyWorker(t.db, 1);
    const now = Date.now();
    const p0: [number, number] = [u.lon, u.lat];
    const at = (sAgo: number, east: number, extra: object = {}) => {
      const [lon, lat] = offset(p0, east, 0);
      return { unit: u.id, lon, lat, t: now - sAgo * 1000, ...extra };
    };
    const first = await post([at(60, 0), at(50, 10)]);
    expect(first.json()).toMatchObject({ stored: 2, moved: 1 });

    const res = await post([
      at(50, 10), // the same fix again: duplicate
      at(40, 5000), // 5 km in 10 s: a GPS jump
      at(30, 20, { accuracy: 900 }), // worse than the accuracy bound
      at(-600, 30), // ten minutes in the future
      { unit: 99_999_999 % 2 ** 31, lon: u.lon, lat: u.lat, t: now }, // no such unit
      at(300, -40), // older than the current position: late, kept in the track
    ]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      received: 6,
      stored: 1,
      late: 1,
      moved: 0,
      rejected: { duplicate: 1, too_fast: 1, inaccurate: 1, future: 1, unknown_unit: 1 },
    });
    const { rows } = await t.db.query('SELECT last_fix_at FROM patrol_units WHERE id = $1', [u.id]);
    expect(rows[0].last_fix_at.getTime()).toBe(now - 50_000);
    const { rows: late } = await t.db.query(
      'SELECT count(*)::int AS n FROM patrol_fixes WHERE unit_id = $1 AND t = $2',
      [u.id, new Date(now - 300_000)],
    );
    expect(late[0].n).toBe(1);
  });

  it('stores a resent batch once', async () => {
    const u = await offDutyWorker(t.db, 2);
    const fixes = [{ unit: u.id, lon: u.lon, lat: u.lat, t: Date.now() - 5000 }];
    expect((await post(fixes)).json()).toMatchObject({ stored: 1 });
    expect((await post(fixes)).json()).toMatchObject({ stored: 0, rejected: { duplicate: 1 } });
  });

  it('answers 400 with a reason for a batch without fixes', async () => {
    const payload = { fixes: [] };
    const res = await t.app.inject({ method: 'POST', url: '/api/patrols/fixes', headers: t.auth('operator'), payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBeTruthy();
  });

  // Each item is judged on its own (test/field/fixes-batch.test.ts): a malformed one is listed, not a 400.
  it.each([
    ['a fix without time', { unit: 1, lon: 111.6, lat: 26.4 }],
    ['a text longitude', { unit: 1, lon: 'east', lat: 26.4, t: 0 }],
    ['an unknown field', { unit: 1, lon: 111.6, lat: 26.4, t: 0, heading: 3 }],
  ])('lists %s by index with a reason, storing nothing', async (_name, fix) => {
    const res = await post([fix]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ received: 1, stored: 0, rejected: { malformed: 1 } });
    expect(res.json().invalid).toEqual([{ index: 0, reason: expect.any(String) }]);
  });

  it('lets no wall screen send fixes', async () => {
    const res = await post([{ unit: 1, lon: 111.6, lat: 26.4, t: Date.now() }], 'wall');
    expect(res.statusCode).toBe(403);
  });
});
