/**
 * Batches judge each item (issue #12 part 3): a malformed fix is reported by its index while the
 * good ones are stored; a worker's fixes for another unit are refused per item.
 */
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { offDutyWorker } from '../patrols/helpers.ts';
import { otherUnit, workerUnit } from './helpers.ts';

const t = useTestApp();

const post = (payload: unknown, role: 'operator' | 'worker' = 'operator') =>
  t.app.inject({ method: 'POST', url: '/api/patrols/fixes', headers: t.auth(role), payload: payload as object });

const storedCount = async (unit: number) =>
  (
    await t.db.query(
      `SELECT count(*)::int AS n FROM patrol_fixes WHERE unit_id = $1 AND t > now() - interval '10 minutes'`,
      [unit],
    )
  ).rows[0].n as number;

describe('a fixes batch with bad items', () => {
  it('stores the good fixes and lists each malformed one by index with its reason', async () => {
    const u = await offDutyWorker(t.db, 3);
    const now = Date.now();
    const good = (sAgo: number) => ({ unit: u.id, lon: u.lon, lat: u.lat, t: now - sAgo * 1000, accuracy: 5 });
    const res = await post({
      fixes: [
        good(40),
        { unit: u.id, lon: u.lon, lat: 'x', t: now - 35_000 },
        { unit: u.id, lon: u.lon, lat: u.lat },
        good(30),
        { unit: u.id, lon: u.lon, lat: u.lat, t: now - 25_000, speed: 3.5e38 },
        { unit: u.id, lon: u.lon, lat: u.lat, t: now - 22_000, heading: 90 },
        'not a fix',
        { unit: u.id, lon: u.lon, lat: u.lat, t: '2026-02-30T10:00:00Z' },
        good(20),
      ],
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ received: 9, stored: 3, rejected: { malformed: 6, not_your_unit: 0 } });
    expect(body.invalid.map((i: { index: number }) => i.index)).toEqual([1, 2, 4, 5, 6, 7]);
    const reason = (i: number) => body.invalid.find((x: { index: number }) => x.index === i).reason as string;
    expect(reason(1)).toMatch(/lat/);
    expect(reason(2)).toMatch(/missing t/);
    expect(reason(4)).toMatch(/speed/);
    expect(reason(5)).toMatch(/unknown key heading/);
    expect(reason(6)).toMatch(/object/);
    expect(reason(7)).toMatch(/^t /);
    expect(await storedCount(u.id)).toBe(3);
  });

  it('answers 400 only when the body is not {fixes: [...]}', async () => {
    for (const payload of [{}, { fixes: 'many' }, { fixes: [] }, [1, 2], { fixes: [{}], extra: 1 }]) {
      const res = await post(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.message).toBeTruthy();
    }
  });

  it("refuses a worker's fixes for another unit per item, storing their own", async () => {
    const { unitId, here } = await workerUnit(t.db);
    const other = await otherUnit(t.db, unitId);
    const now = Date.now();
    const before = await storedCount(other);
    const res = await post(
      {
        fixes: [
          { unit: unitId, lon: here.lon, lat: here.lat, t: now - 8000 },
          { unit: other, lon: here.lon, lat: here.lat, t: now - 7000 },
          { unit: unitId, lon: here.lon, lat: here.lat, t: now - 6000 },
        ],
      },
      'worker',
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ received: 3, stored: 2, rejected: { not_your_unit: 1 } });
    expect(res.json().invalid).toEqual([{ index: 1, reason: expect.stringMatching(/^not_your_unit/) }]);
    expect(await storedCount(other)).toBe(before);
  });

  it('lets a wall screen send no fixes at all', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/patrols/fixes',
      headers: t.auth('wall'),
      payload: { fixes: [{ unit: 1, lon: 111.6, lat: 26.4, t: Date.now() }] },
    });
    expect(res.statusCode).toBe(403);
  });
});
