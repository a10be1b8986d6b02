import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';

const t = useTestApp();

describe('GET /api/cameras', () => {
  it('filters by status and bbox like PostGIS does', async () => {
    const { rows: [ext] } = await t.db.query(`
      SELECT ST_XMin(e) a, ST_YMin(e) b, ST_XMax(e) c, ST_YMax(e) d
      FROM (SELECT ST_Expand(ST_Centroid(ST_Extent(geom)::geometry), 0.01) e FROM cameras) x`);
    const bbox = [ext.a, ext.b, ext.c, ext.d];
    const res = await t.app.inject({ method: 'GET', url: `/api/cameras?status=working&bbox=${bbox.join(',')}&limit=50000`, headers: t.auth('wall') });
    expect(res.statusCode).toBe(200);
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM cameras WHERE status = 'working' AND geom && ST_MakeEnvelope($1,$2,$3,$4,4326)`, bbox);
    expect(rows[0].n).toBeGreaterThan(0);
    expect(res.json().features).toHaveLength(rows[0].n);
    for (const f of res.json().features) {
      expect(f.geometry.type).toBe('Point');
      expect(f.properties.status).toBe('working');
      expect(f.properties.fov_deg).toBeGreaterThan(0);
    }
  });

  it('rejects an unknown status', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/cameras?status=broken', headers: t.auth('wall') });
    expect(res.statusCode).toBe(400);
  });
});

describe('GET /api/incidents', () => {
  it('returns the last 7 days by default, newest first', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/incidents?limit=50000', headers: t.auth('wall') });
    expect(res.statusCode).toBe(200);
    const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM incidents WHERE reported_at >= now() - interval '7 days'`);
    const features = res.json().features;
    expect(rows[0].n).toBeGreaterThan(0);
    // The window ends at "now" when the request ran; allow the seconds between the two counts.
    expect(Math.abs(features.length - rows[0].n)).toBeLessThanOrEqual(1);
    const times = features.map((f: any) => Date.parse(f.properties.reported_at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('filters open incidents by grade within a window', async () => {
    const since = new Date(Date.now() - 30 * 86_400_000).toISOString();
    const res = await t.app.inject({
      method: 'GET', url: `/api/incidents?status=open&grade=key&since=${since}&limit=50000`, headers: t.auth('wall'),
    });
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM incidents WHERE closed_at IS NULL AND grade = 'key' AND reported_at >= $1`, [since]);
    expect(res.json().features).toHaveLength(rows[0].n);
    for (const f of res.json().features) {
      expect(f.properties.grade).toBe('key');
      expect(f.properties.closed_at).toBeNull();
    }
  });

  it.each([
    ['since=yesterday', /since/],
    ['since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z', /before/],
    ['grade=urgent', /grade/],
    ['category=noise', /category/],
    ['bbox=0,0,0,0', /below/],
  ])('answers 400 for ?%s', async (qs, reason) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/incidents?${qs}`, headers: t.auth('wall') });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(reason);
  });
});
