import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { pointInGrid } from '../helpers/incidents.ts';

const t = useTestApp();

describe('GET /api/patrols/nearest', () => {
  it('lists available units by travel time on the street network, never shorter than the straight line', async () => {
    const p = await pointInGrid(t.db, 30);
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/patrols/nearest?lon=${p.lon}&lat=${p.lat}&limit=5`,
      headers: t.auth('operator'),
    });
    expect(res.statusCode).toBe(200);
    const { units, method } = res.json();
    expect(method).toBe('street_network');
    expect(units).toHaveLength(5);
    for (const u of units) {
      expect(u.status).toBe('on_patrol');
      const { rows } = await t.db.query(
        'SELECT ST_Distance(last_geom::geography, ST_SetSRID(ST_MakePoint($1,$2),4326)::geography) AS d FROM patrol_units WHERE id = $3',
        [p.lon, p.lat, u.id],
      );
      expect(u.distance_m).toBeGreaterThanOrEqual(rows[0].d - 1);
    }
    for (let i = 1; i < units.length; i++) expect(units[i].eta_min).toBeGreaterThanOrEqual(units[i - 1].eta_min);
  });

  it.each(['lon=200&lat=26', 'lat=26', 'lon=111&lat=26&limit=0', 'lon=abc&lat=26'])(
    'answers 400 for %s',
    async (qs) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/patrols/nearest?${qs}`, headers: t.auth('wall') });
      expect(res.statusCode).toBe(400);
    },
  );
});
