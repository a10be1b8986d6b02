import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { adjacentPair, expectAssigned, expectTiled, fingerprint, gridFeature, gridRow, innerEdge } from './helpers.ts';

const t = useTestApp();
describe('split', () => {
  it('splits a grid along a line drawn near a street, snapping to it; counts and contents follow', async () => {
    const { a, community_id } = await adjacentPair(t.db);
    const before = await gridRow(t.db, a);
    const e = await innerEdge(t.db, a);
    expect(e).toBeTruthy();
    // The street, offset ~5 m sideways and extended well past both ends (a hand-drawn line).
    const [dx, dy] = [e.ex - e.sx, e.ey - e.sy];
    const off = 5 / 111_000;
    const n = Math.hypot(dx, dy);
    const [ox, oy] = [(-dy / n) * off, (dx / n) * off];
    const line = {
      type: 'LineString',
      coordinates: [
        [e.sx - dx * 3 + ox, e.sy - dy * 3 + oy],
        [e.ex + dx * 3 + ox, e.ey + dy * 3 + oy],
      ],
    };
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/grids/${a}/split`,
      headers: t.auth('planner'),
      payload: { line, version: before.version, reason: 'new compound opened' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.created.length).toBeGreaterThanOrEqual(1);
    expect(body.changed).toContain(a);
    expect(body.version).toBeGreaterThan(0);
    // The new boundary runs along the street, not 5 m beside it.
    const { rows: on } = await t.db.query(
      `
      SELECT ST_Distance(ST_Boundary(g.geom)::geography, ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography) AS d1,
             ST_Distance(ST_Boundary(g.geom)::geography, ST_SetSRID(ST_MakePoint($4, $5), 4326)::geography) AS d2,
             ST_Distance(ST_Boundary(g.geom)::geography, ST_LineInterpolatePoint(ST_GeomFromGeoJSON($6), 0.5)::geography) AS dmid
      FROM grids g WHERE g.id = $1`,
      [a, e.sx, e.sy, e.ex, e.ey, e.edge],
    );
    expect(on[0].dmid).toBeLessThan(0.5);
    const after = await gridRow(t.db, a);
    expect(after.version).toBe(before.version + 1);
    expect(after.updated_by).toBe('test-planner');
    const { rows: sums } = await t.db.query('SELECT sum(households)::int AS hh FROM grids WHERE id = ANY($1::int[])', [
      [a, ...body.created],
    ]);
    expect(sums[0].hh).toBe(before.households);
    await expectTiled(t.db, community_id);
    await expectAssigned(t.db, community_id);
    const { rows: ev } = await t.db.query(
      `SELECT type, payload, community_id FROM events WHERE type = 'grid.changed' ORDER BY seq DESC LIMIT 1`,
    );
    expect(ev[0].payload.version).toBe(body.version);
    expect(ev[0].community_id).toBe(community_id);
    expect(ev[0].payload.created).toEqual(body.created);
  });

  it('refuses a line that does not cross the grid, and a stale version naming who changed it', async () => {
    const { a } = await adjacentPair(t.db, 1);
    const g = await gridRow(t.db, a);
    const fp = await fingerprint(t.db, [g.community_id]);
    const far = {
      type: 'LineString',
      coordinates: [
        [100, 20],
        [100.01, 20.01],
      ],
    };
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/grids/${a}/split`,
      headers: t.auth('planner'),
      payload: { line: far, version: g.version },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('line_misses');
    const stale = await t.app.inject({
      method: 'POST',
      url: `/api/grids/${a}/split`,
      headers: t.auth('planner'),
      payload: { line: far, version: g.version + 5 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toContain(`version ${g.version}`);
    expect(stale.json().error.message).toContain(g.updated_by);
    expect(stale.json().error.version).toBe(g.version);
    expect(await fingerprint(t.db, [g.community_id])).toBe(fp);
  });

  it('is refused to a wall or operator token', async () => {
    const { a } = await adjacentPair(t.db, 1);
    for (const role of ['wall', 'operator'] as const) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/grids/${a}/split`,
        headers: t.auth(role),
        payload: {
          line: {
            type: 'LineString',
            coordinates: [
              [1, 1],
              [2, 2],
            ],
          },
          version: 1,
        },
      });
      expect(res.statusCode).toBe(403);
    }
  });
});

describe('merge', () => {
  it('merges two adjacent grids; the first keeps its id, the worker of the other moves with it', async () => {
    const p = await adjacentPair(t.db, 2);
    const [ga, gb] = [await gridRow(t.db, p.a), await gridRow(t.db, p.b)];
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/grids/merge',
      headers: t.auth('planner'),
      payload: { ids: [p.a, p.b], versions: [ga.version, gb.version] },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().removed).toEqual([p.b]);
    expect(await gridRow(t.db, p.b)).toBeUndefined();
    const m = await gridRow(t.db, p.a);
    expect(m.households).toBe(ga.households + gb.households);
    expect(m.population).toBe(ga.population + gb.population);
    await expectTiled(t.db, p.community_id);
    await expectAssigned(t.db, p.community_id);
  });

  it('refuses grids that do not share a boundary, and grids of two communities', async () => {
    const { rows } = await t.db.query(`
      SELECT a.id a, b.id b, a.version va, b.version vb, a.community_id c FROM grids a JOIN grids b ON a.community_id = b.community_id AND a.id < b.id
      WHERE NOT ST_Intersects(a.geom, b.geom) LIMIT 1`);
    const { rows: two } = await t.db.query(`
      SELECT a.id a, b.id b, a.version va, b.version vb, a.community_id ca, b.community_id cb FROM grids a JOIN grids b ON a.community_id <> b.community_id AND a.id < b.id
      WHERE ST_Relate(a.geom, b.geom, '****1****') LIMIT 1`);
    const scope = [rows[0].c, two[0].ca, two[0].cb];
    const fp = await fingerprint(t.db, scope);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/grids/merge',
      headers: t.auth('planner'),
      payload: { ids: [rows[0].a, rows[0].b], versions: [rows[0].va, rows[0].vb] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('not_adjacent');
    const res2 = await t.app.inject({
      method: 'POST',
      url: '/api/grids/merge',
      headers: t.auth('planner'),
      payload: { ids: [two[0].a, two[0].b], versions: [two[0].va, two[0].vb] },
    });
    expect(res2.statusCode).toBe(400);
    expect(res2.json().error.message).toContain('different communities');
    expect(await fingerprint(t.db, scope)).toBe(fp);
  });
});

describe('boundary move', () => {
  it('drags a vertex shared with a neighbour: both grids change together, no gap, no sliver', async () => {
    const p = await adjacentPair(t.db, 3);
    const f = await gridFeature(t, p.a);
    // A vertex of A that B shares (not a corner of the community, so the move stays inside).
    const { rows } = await t.db.query(
      `
      SELECT ST_X(d.geom) x, ST_Y(d.geom) y, ST_X(ST_Centroid(b.geom)) bx, ST_Y(ST_Centroid(b.geom)) by
      FROM grids a, grids b, communities c, ST_DumpPoints(ST_Intersection(a.geom, b.geom)) d
      WHERE a.id = $1 AND b.id = $2 AND c.id = a.community_id AND NOT ST_Intersects(ST_Boundary(c.geom), d.geom) LIMIT 1`,
      [p.a, p.b],
    );
    const v = rows[0];
    expect(v).toBeTruthy();
    // Move it 20 % of the way towards B's centre (into B).
    const [nx, ny] = [v.x + (v.bx - v.x) * 0.2, v.y + (v.by - v.y) * 0.2];
    const close = (c: number[]) => Math.abs(c[0] - v.x) < 2e-7 && Math.abs(c[1] - v.y) < 2e-7;
    const coords = f.geometry.coordinates.map((poly: number[][][]) =>
      poly.map((ring) => ring.map((c) => (close(c) ? [nx, ny] : c))),
    );
    const geometry = { type: 'MultiPolygon', coordinates: coords };
    const bBefore = await gridRow(t.db, p.b);
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/grids/${p.a}`,
      headers: t.auth('planner'),
      payload: { geometry, version: f.properties.version },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().changed).toEqual(expect.arrayContaining([p.a, p.b]));
    expect((await gridRow(t.db, p.b)).version).toBe(bBefore.version + 1);
    // The moved vertex is now on B's boundary too: the edge moved for both.
    const { rows: d } = await t.db.query(
      `SELECT ST_Distance(ST_Boundary(geom)::geography, ST_SetSRID(ST_MakePoint($2,$3),4326)::geography) d FROM grids WHERE id = $1`,
      [p.b, nx, ny],
    );
    expect(d[0].d).toBeLessThan(0.5);
    await expectTiled(t.db, p.community_id);
    await expectAssigned(t.db, p.community_id);
  });

  it('refuses a boundary that leaves the community', async () => {
    const p = await adjacentPair(t.db, 4);
    const f = await gridFeature(t, p.a);
    const ring = f.geometry.coordinates[0][0].map((c: number[]) => [c[0] + 0.05, c[1]]);
    const fp = await fingerprint(t.db, [p.community_id]);
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/grids/${p.a}`,
      headers: t.auth('planner'),
      payload: { geometry: { type: 'Polygon', coordinates: [ring] }, version: f.properties.version },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('outside_community');
    expect(await fingerprint(t.db, [p.community_id])).toBe(fp);
  });
});

describe('block reassignment', () => {
  it('paints a block of a neighbour into a grid; households move with its buildings', async () => {
    const p = await adjacentPair(t.db, 5);
    const { rows } = await t.db.query(
      `
      SELECT b.id, (SELECT coalesce(sum(x.households), 0) FROM buildings x WHERE x.grid_id = $2 AND ST_Intersects(b.geom, ST_PointOnSurface(x.geom)))::int AS hh
      FROM blocks b, grids a WHERE a.id = $1 AND b.grid_id = $2 AND ST_Relate(b.geom, a.geom, '****1****')
      ORDER BY b.id LIMIT 1`,
      [p.a, p.b],
    );
    const [ga, gb] = [await gridRow(t.db, p.a), await gridRow(t.db, p.b)];
    const preview = await t.app.inject({
      method: 'POST',
      url: `/api/grids/${p.a}/blocks`,
      headers: t.auth('planner'),
      payload: { blocks: [rows[0].id], version: ga.version, preview: true },
    });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().version).toBeNull();
    expect(preview.json().after.find((g: { id: number }) => g.id === p.a).households).toBe(ga.households + rows[0].hh);
    expect((await gridRow(t.db, p.a)).version).toBe(ga.version);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/grids/${p.a}/blocks`,
      headers: t.auth('planner'),
      payload: { blocks: [rows[0].id], version: ga.version },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await gridRow(t.db, p.a)).households).toBe(ga.households + rows[0].hh);
    expect((await gridRow(t.db, p.b)).households).toBe(gb.households - rows[0].hh);
    const { rows: blk } = await t.db.query('SELECT grid_id FROM blocks WHERE id = $1', [rows[0].id]);
    expect(blk[0].grid_id).toBe(p.a);
    await expectTiled(t.db, p.community_id);
    await expectAssigned(t.db, p.community_id);
  });
});
