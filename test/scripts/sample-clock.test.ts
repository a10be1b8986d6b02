/**
 * Issue #14: the sample city looks like a working centre on every start, not only on the day it
 * was loaded. A sample left a day ages into a crisis (most open steps overdue); the next start
 * moves its whole timeline to now, so the wall's figures are those of a fresh load again, every
 * loop keeps its order and gaps, and a real city's database is never touched.
 */
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { testDatabaseUrl } from '../helpers/db.ts';
import { bringSampleToNow } from '../../scripts/lib/sample-clock.ts';

const t = useTestApp();

const kpis = async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/wall/kpis', headers: t.auth('wall') });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { open: number; overdue: number; today: number };
};

/** Makes the city look as if it had been loaded `hours` ago and left alone since. */
async function age(hours: number) {
  const url = testDatabaseUrl();
  // The same shift backwards, then the clock set back with it.
  await t.db.query(
    `INSERT INTO app_settings (key, value) VALUES ('sample_clock', $1)
                    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    [new Date(Date.now() + hours * 3_600_000).toISOString()],
  );
  const moved = await bringSampleToNow(url, 0);
  expect(Math.round(moved / 3_600_000)).toBe(-hours);
  await t.db.query(`UPDATE app_settings SET value = $1 WHERE key = 'sample_clock'`, [
    new Date(Date.now() - hours * 3_600_000).toISOString(),
  ]);
}

const historyShape = async () =>
  (
    await t.db.query(
      `SELECT incident_id, array_agg(extract(epoch FROM at - first)::int ORDER BY at) AS gaps
       FROM (SELECT incident_id, at, min(at) OVER (PARTITION BY incident_id) AS first FROM incident_history) h
       GROUP BY incident_id ORDER BY incident_id LIMIT 200`,
    )
  ).rows;

describe('the sample city clock', () => {
  it('a sample left for a day is brought back to a working day on the next start', async () => {
    const fresh = await kpis();
    expect(fresh.open).toBeGreaterThan(0);
    expect(fresh.overdue / fresh.open).toBeLessThan(0.25);
    const shape = await historyShape();
    const fixes = (await t.db.query('SELECT count(*)::int AS n, max(t) AS last FROM patrol_fixes')).rows[0];

    await age(30);
    const stale = await kpis();
    expect(stale.overdue).toBeGreaterThan(3 * fresh.overdue);

    const moved = await bringSampleToNow(testDatabaseUrl());
    expect(moved / 3_600_000).toBeCloseTo(30, 0);
    const now = await kpis();
    expect(now.open).toBe(fresh.open);
    expect(Math.abs(now.overdue - fresh.overdue)).toBeLessThanOrEqual(2);
    expect(await historyShape()).toEqual(shape);
    const after = (await t.db.query('SELECT count(*)::int AS n, max(t) AS last FROM patrol_fixes')).rows[0];
    expect(after.n).toBe(fixes.n);
    expect(Math.abs(after.last.getTime() - fixes.last.getTime())).toBeLessThan(60_000);
  });

  it('leaves a fresh sample alone', async () => {
    expect(await bringSampleToNow(testDatabaseUrl())).toBe(0);
  });

  it('never touches a real city', async () => {
    await t.db.query(`UPDATE app_settings SET value = $1 WHERE key = 'sample_clock'`, [
      new Date(Date.now() - 48 * 3_600_000).toISOString(),
    ]);
    await t.db.query(`INSERT INTO app_settings (key, value) VALUES ('city_source', 'real')`);
    const before = (await t.db.query('SELECT max(reported_at) AS m FROM incidents')).rows[0].m;
    expect(await bringSampleToNow(testDatabaseUrl())).toBe(0);
    expect((await t.db.query('SELECT max(reported_at) AS m FROM incidents')).rows[0].m).toEqual(before);
  });
});
