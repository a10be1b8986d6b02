import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { pointInGrid } from '../helpers/incidents.ts';

const t = useTestApp();

describe('GET /api/patrols/nearest', () => {
  it('lists on-duty units by straight-line distance, as PostGIS measures it', async () => {
    const p = await pointInGrid(t.db, 30);
    const res = await t.app.inject({ method: 'GET', url: `/api/patrols/nearest?lon=${p.lon}&lat=${p.lat}&limit=5`, headers: t.auth('operator') });
    expect(res.statusCode).toBe(200);
    const { units, method } = res.json();
    expect(method).toBe('straight_line');
    expect(units).toHaveLength(5);
    const { rows } = await t.db.query(
      `SELECT id, ST_Distance(last_geom::geography, ST_SetSRID(ST_MakePoint($1,$2),4326)::geography) AS d
       FROM patrol_units WHERE last_geom IS NOT NULL AND status <> 'off_duty' ORDER BY d LIMIT 5`, [p.lon, p.lat]);
    expect(units.map((u: { id: number }) => u.id)).toEqual(rows.map((r) => r.id));
    for (let i = 1; i < units.length; i++) expect(units[i].distance_m).toBeGreaterThanOrEqual(units[i - 1].distance_m);
    expect(units[0].eta_min).toBeCloseTo(units[0].distance_m / (5000 / 60), 0);
  });

  it.each(['lon=200&lat=26', 'lat=26', 'lon=111&lat=26&limit=0', 'lon=abc&lat=26'])('answers 400 for %s', async (qs) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/patrols/nearest?${qs}`, headers: t.auth('wall') });
    expect(res.statusCode).toBe(400);
  });
});
