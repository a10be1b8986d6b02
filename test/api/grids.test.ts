import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';

const t = useTestApp();

async function someGrid() {
  const { rows } = await t.db.query(`
    SELECT g.id, g.code, g.households, g.population, g.community_id, w.name AS worker_name,
           ST_X(ST_PointOnSurface(g.geom)) AS lon, ST_Y(ST_PointOnSurface(g.geom)) AS lat
    FROM grids g LEFT JOIN patrol_units w ON w.id = g.worker_id ORDER BY g.id OFFSET 7 LIMIT 1`);
  return rows[0];
}

describe('GET /api/grids', () => {
  it('returns every grid as GeoJSON polygons with their figures', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/grids', headers: t.auth('wall') });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/geo+json');
    const fc = res.json();
    const { rows } = await t.db.query('SELECT count(*)::int AS n, sum(households)::int AS hh FROM grids');
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(rows[0].n);
    expect(fc.truncated).toBe(false);
    expect(
      fc.features.reduce((s: number, f: { properties: { households: number } }) => s + f.properties.households, 0),
    ).toBe(rows[0].hh);
    for (const f of fc.features) {
      expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
      expect(f.properties.code).toBeTruthy();
    }
  });

  it('filters by bbox with the same answer as PostGIS', async () => {
    const g = await someGrid();
    const bbox = [g.lon - 0.002, g.lat - 0.002, g.lon + 0.002, g.lat + 0.002];
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/grids?bbox=${bbox.join(',')}`,
      headers: t.auth('wall'),
    });
    const ids = res
      .json()
      .features.map((f: { id: number }) => f.id)
      .sort((a: number, b: number) => a - b);
    const { rows } = await t.db.query(
      'SELECT id FROM grids WHERE geom && ST_MakeEnvelope($1,$2,$3,$4,4326) ORDER BY id',
      bbox,
    );
    expect(ids).toEqual(rows.map((r) => r.id));
    expect(ids).toContain(g.id);
  });

  it('filters by community and honours limit', async () => {
    const g = await someGrid();
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/grids?community=${g.community_id}`,
      headers: t.auth('wall'),
    });
    const { rows } = await t.db.query('SELECT count(*)::int AS n FROM grids WHERE community_id = $1', [g.community_id]);
    expect(res.json().features).toHaveLength(rows[0].n);
    const limited = await t.app.inject({ method: 'GET', url: '/api/grids?limit=3', headers: t.auth('wall') });
    expect(limited.json().features).toHaveLength(3);
    expect(limited.json().truncated).toBe(true);
  });

  it.each([
    ['bbox=1,2,3', 'bad_bbox'],
    ['bbox=111,26,110,27', 'bad_bbox'],
    ['bbox=111,26,200,27', 'bad_bbox'],
    ['bbox=111,-95,112,27', 'bad_bbox'],
    ['bbox=NaN,26,112,27', 'bad_bbox'],
    ['limit=0', 'bad_request'],
    ['limit=abc', 'bad_request'],
    ['limit=1000000', 'bad_request'],
    ['community=-1', 'bad_request'],
    ['colour=red', 'bad_request'],
  ])('answers 400 for ?%s', async (qs, code) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/grids?${qs}`, headers: t.auth('wall') });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe(code);
    expect(res.json().error.message.length).toBeGreaterThan(5);
  });
});

describe('GET /api/grids/:id', () => {
  it('returns the grid with its worker, community and load, as in the database', async () => {
    const g = await someGrid();
    const res = await t.app.inject({ method: 'GET', url: `/api/grids/${g.id}`, headers: t.auth('operator') });
    expect(res.statusCode).toBe(200);
    const f = res.json();
    expect(f.type).toBe('Feature');
    expect(f.properties).toMatchObject({
      id: g.id,
      code: g.code,
      households: g.households,
      population: g.population,
      worker_name: g.worker_name,
    });
    const { rows } = await t.db.query(
      `SELECT (SELECT count(*)::int FROM incidents WHERE grid_id = $1 AND closed_at IS NULL) AS open,
              (SELECT count(*)::int FROM cameras WHERE grid_id = $1) AS cams`,
      [g.id],
    );
    expect(f.properties.open_incidents).toBe(rows[0].open);
    expect(f.properties.cameras).toBe(rows[0].cams);
    expect(f.properties.area_km2).toBeGreaterThan(0);
    expect(f.properties.district_name).toBeTruthy();
  });

  it('answers 404 for a grid that does not exist and 400 for a malformed id', async () => {
    const missing = await t.app.inject({ method: 'GET', url: '/api/grids/999999', headers: t.auth('wall') });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
    for (const id of ['abc', '0', '1.5', '99999999999']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/grids/${id}`, headers: t.auth('wall') });
      expect(res.statusCode).toBe(400);
    }
  });
});
