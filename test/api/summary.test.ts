import { describe, expect, it } from 'vitest';
import type { Area } from '../../server/src/contract/areas.ts';
import { useTestApp } from '../helpers/app.ts';

const t = useTestApp();

describe('GET /api/summary', () => {
  it('gives the counts the database holds and the city extent', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/summary', headers: t.auth('wall') });
    expect(res.statusCode).toBe(200);
    const { city, counts } = res.json();
    const {
      rows: [db],
    } = await t.db.query(`SELECT
      (SELECT count(*)::int FROM grids) grids, (SELECT count(*)::int FROM cameras) cameras,
      (SELECT count(*)::int FROM incidents WHERE closed_at IS NULL) open,
      (SELECT sum(households)::int FROM grids) households,
      (SELECT count(*)::int FROM communities) communities`);
    expect(counts).toMatchObject({
      grids: db.grids,
      cameras: db.cameras,
      incidentsOpen: db.open,
      households: db.households,
      communities: db.communities,
    });
    const [minLon, minLat, maxLon, maxLat] = city.bbox;
    expect(minLon).toBeLessThan(city.center[0]);
    expect(maxLon).toBeGreaterThan(city.center[0]);
    expect(minLat).toBeLessThan(city.center[1]);
    expect(maxLat).toBeGreaterThan(city.center[1]);
    // The sample city sits in Hunan, around Yongzhou.
    expect(city.center[0]).toBeGreaterThan(110);
    expect(city.center[0]).toBeLessThan(113);
    expect(city.center[1]).toBeGreaterThan(25);
    expect(city.center[1]).toBeLessThan(27.5);
  });

  it('counts today in the city time zone', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/summary', headers: t.auth('wall') });
    const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM incidents
      WHERE (reported_at AT TIME ZONE 'Asia/Shanghai')::date = (now() AT TIME ZONE 'Asia/Shanghai')::date`);
    expect(res.json().counts.incidentsToday).toBe(rows[0].n);
  });
});

describe('GET /api/areas', () => {
  it('lists districts, street offices and communities with extents', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/areas', headers: t.auth('wall') });
    const areas = res.json().areas as Area[];
    const {
      rows: [db],
    } = await t.db.query(`SELECT (SELECT count(*)::int FROM districts) d,
      (SELECT count(*)::int FROM street_offices) s, (SELECT count(*)::int FROM communities) c`);
    expect(areas.filter((a) => a.level === 'district')).toHaveLength(db.d);
    expect(areas.filter((a) => a.level === 'street_office')).toHaveLength(db.s);
    expect(areas.filter((a) => a.level === 'community')).toHaveLength(db.c);
    const ids = new Set(areas.filter((a) => a.level === 'district').map((a) => a.id));
    for (const s of areas.filter((a) => a.level === 'street_office')) expect(ids.has(s.parent_id ?? -1)).toBe(true);
  });
});
