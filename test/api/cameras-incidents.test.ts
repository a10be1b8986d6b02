import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';

const t = useTestApp();

describe('GET /api/cameras', () => {
  it('filters by status and bbox like PostGIS does', async () => {
    const {
      rows: [ext],
    } = await t.db.query(`
      SELECT ST_XMin(e) a, ST_YMin(e) b, ST_XMax(e) c, ST_YMax(e) d
      FROM (SELECT ST_Expand(ST_Centroid(ST_Extent(geom)::geometry), 0.01) e FROM cameras) x`);
    const bbox = [ext.a, ext.b, ext.c, ext.d];
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/cameras?status=working&bbox=${bbox.join(',')}&limit=50000`,
      headers: t.auth('wall'),
    });
    expect(res.statusCode).toBe(200);
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM cameras WHERE status = 'working' AND geom && ST_MakeEnvelope($1,$2,$3,$4,4326)`,
      bbox,
    );
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
    // Count the window just before and just after the request; the answer lies between (±1 for an
    // incident ageing out of the window while the request runs).
    const count = async () =>
      (await t.db.query(`SELECT count(*)::int AS n FROM incidents WHERE reported_at >= now() - interval '7 days'`))
        .rows[0].n as number;
    const before = await count();
    const res = await t.app.inject({ method: 'GET', url: '/api/incidents?limit=50000', headers: t.auth('wall') });
    const after = await count();
    expect(res.statusCode).toBe(200);
    const features = res.json().features;
    expect(before).toBeGreaterThan(0);
    expect(features.length).toBeGreaterThanOrEqual(before - 1);
    expect(features.length).toBeLessThanOrEqual(after + 1);
    const times = features.map((f: { properties: { reported_at: string } }) => Date.parse(f.properties.reported_at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('filters open incidents by grade within a window', async () => {
    const since = new Date(Date.now() - 30 * 86_400_000).toISOString();
    // Open key incidents of the window, as the database holds them.
    const { rows } = await t.db.query(
      `SELECT id FROM incidents WHERE closed_at IS NULL AND grade = 'key' AND reported_at >= $1 AND reported_at < now() - interval '1 minute'`,
      [since],
    );
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/incidents?status=open&grade=key&since=${since}&limit=50000`,
      headers: t.auth('wall'),
    });
    const returned = new Set(
      res.json().features.map((f: { id?: string; properties: { id?: string } }) => f.id ?? f.properties.id),
    );
    const settled = rows.map((r) => r.id as string);
    expect(settled.length).toBeGreaterThan(0);
    expect(settled.filter((id) => !returned.has(id))).toEqual([]);
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
