import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { expectAssigned, expectTiled, fingerprint, UNEDITED } from './helpers.ts';

const t = useTestApp();

async function totals() {
  const { rows } = await t.db.query(
    'SELECT sum(households)::int AS hh, sum(population)::int AS pop, count(*)::int AS grids FROM grids',
  );
  return rows[0];
}

describe('export and import of grids', () => {
  it('exports a community as GeoJSON that imports back unchanged', async () => {
    const { rows } = await t.db.query(`SELECT id FROM communities c WHERE ${UNEDITED} ORDER BY id LIMIT 1`);
    const cid = rows[0].id;
    const res = await t.app.inject({ method: 'GET', url: `/api/communities/${cid}/export`, headers: t.auth('wall') });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/geo+json');
    expect(res.headers['content-disposition']).toContain('attachment');
    const fc = res.json();
    const { rows: before } = await t.db.query(
      "SELECT id, households, encode(ST_AsEWKB(geom), 'hex') AS hex FROM grids WHERE community_id = $1 ORDER BY id",
      [cid],
    );
    expect(fc.features.map((f: { id: number }) => f.id)).toEqual(before.map((r) => r.id));
    expect(fc.features[0].properties).toHaveProperty('worker_name');
    const imp = await t.app.inject({
      method: 'POST',
      url: '/api/import/grids',
      headers: t.auth('planner'),
      payload: fc,
    });
    expect(imp.statusCode, imp.body).toBe(200);
    expect(imp.json().rejected).toEqual([]);
    expect(imp.json().inserted).toBe(before.length);
    const { rows: diff } = await t.db.query(
      `
      SELECT max(ST_Area(ST_SymDifference(g.geom, ST_GeomFromEWKB(decode(o.hex, 'hex')))::geography)) AS m2
      FROM grids g JOIN unnest($2::int[], $3::text[]) AS o(id, hex) ON o.id = g.id WHERE g.community_id = $1`,
      [cid, before.map((r) => r.id), before.map((r) => r.hex)],
    );
    expect(diff[0].m2).toBeLessThan(0.01);
    await expectTiled(t.db, cid);
  });

  it("rejects a set of grids that leaves a gap, with each feature's reason, and changes nothing", async () => {
    const { rows } = await t.db.query(`SELECT id FROM communities c WHERE ${UNEDITED} ORDER BY id LIMIT 1`);
    const fc = (
      await t.app.inject({ method: 'GET', url: `/api/communities/${rows[0].id}/export`, headers: t.auth('wall') })
    ).json();
    const fp = await fingerprint(t.db, [rows[0].id]);
    const bad = {
      type: 'FeatureCollection',
      features: [
        ...fc.features.slice(1),
        { type: 'Feature', properties: { community_id: rows[0].id }, geometry: { type: 'Point', coordinates: [1, 2] } },
      ],
    };
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/import/grids',
      headers: t.auth('planner'),
      payload: bad,
    });
    expect(res.statusCode).toBe(422);
    const out = res.json().error;
    expect(out.code).toBe('nothing_imported');
    expect(out.inserted).toBe(0);
    expect(out.rejected).toHaveLength(bad.features.length);
    expect(out.rejected[0].reason).toMatch(/without a grid/);
    expect(out.rejected.at(-1).reason).toMatch(/Polygon or MultiPolygon/);
    expect(await fingerprint(t.db, [rows[0].id])).toBe(fp);
  });
});

describe('auto-partition', () => {
  it('proposes compact grids of about the target along the streets, previewed before it is saved', async () => {
    const { rows } = await t.db.query(`SELECT c.id FROM communities c WHERE ${UNEDITED}
      AND (SELECT sum(households) FROM grids g WHERE g.community_id = c.id) > 900 ORDER BY c.id LIMIT 1`);
    const cid = rows[0].id;
    const before = await totals();
    const fp = await fingerprint(t.db, [cid]);
    const preview = await t.app.inject({
      method: 'POST',
      url: `/api/communities/${cid}/partition`,
      headers: t.auth('planner'),
      payload: { target: 200, preview: true },
    });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().version).toBeNull();
    expect(await fingerprint(t.db, [cid])).toBe(fp);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/communities/${cid}/partition`,
      headers: t.auth('planner'),
      payload: { target: 200 },
    });
    expect(res.statusCode, res.body).toBe(200);
    const shape = (gs: { code: string; households: number }[]) => gs.map((g) => [g.code, g.households]);
    expect(shape(res.json().after)).toEqual(shape(preview.json().after));
    await expectTiled(t.db, cid);
    await expectAssigned(t.db, cid);
    const { rows: grids } = await t.db.query('SELECT households FROM grids WHERE community_id = $1', [cid]);
    const sum = grids.reduce((s, g) => s + g.households, 0);
    expect(grids.length).toBeGreaterThanOrEqual(Math.floor(sum / 400));
    expect((await totals()).hh).toBe(before.hh);
    // Every grid is whole street blocks: its boundary follows streets.
    const { rows: cut } = await t.db.query(
      `SELECT count(*)::int n FROM blocks WHERE community_id = $1 AND parent_id IS NOT NULL`,
      [cid],
    );
    expect(cut[0].n).toBe(0);
  });
});

describe('import of a new community', () => {
  it('carves it out of the communities it covers and partitions it; every community stays tiled', async () => {
    // Two adjacent grids of a community become a new community (the old one keeps the rest).
    const { rows } = await t.db.query(`
      SELECT a.id a, b.id b, a.community_id ca, b.community_id cb,
             ST_AsGeoJSON(ST_ForcePolygonCCW(ST_Union(a.geom, b.geom)), 7) AS area
      FROM grids a JOIN grids b ON b.community_id = a.community_id AND a.id < b.id AND a.geom && b.geom
      JOIN communities c ON c.id = a.community_id
      WHERE ST_Relate(a.geom, b.geom, '****1****')
        AND (SELECT count(*) FROM grids WHERE community_id = a.community_id) > 3
        AND ST_NumGeometries(ST_Union(a.geom, b.geom)) = 1 AND ${UNEDITED}
      ORDER BY a.id LIMIT 1`);
    const r = rows[0];
    const before = await totals();
    const feature = {
      type: 'Feature',
      properties: { code: 'NEW-C01', name: 'Xinyuan Community', name_zh: '新苑社区' },
      geometry: JSON.parse(r.area),
    };
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/import/communities',
      headers: t.auth('planner'),
      payload: { type: 'FeatureCollection', features: [feature] },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ inserted: 1, rejected: [] });
    const id = res.json().ids[0];
    for (const c of [id, r.ca]) {
      await expectTiled(t.db, c);
      await expectAssigned(t.db, c);
    }
    const { rows: n } = await t.db.query(
      'SELECT count(*)::int AS grids, sum(households)::int AS hh FROM grids WHERE community_id = $1',
      [id],
    );
    expect(n[0].grids).toBeGreaterThanOrEqual(1);
    expect((await totals()).hh).toBe(before.hh);
    const { rows: moved } = await t.db.query(
      `SELECT count(*)::int AS n FROM incidents i JOIN grids g ON g.id = i.grid_id
      WHERE i.closed_at IS NULL AND g.community_id = $1 AND i.community_id <> $1`,
      [id],
    );
    expect(moved[0].n).toBe(0);
    // Each community it took from has a version row naming the new community.
    const h = await t.app.inject({ method: 'GET', url: `/api/communities/${r.ca}/history`, headers: t.auth('wall') });
    expect(h.json().versions[0]).toMatchObject({ op: 'import', reason: 'community NEW-C01 carved out' });
  });

  it('rejects, feature by feature, what cannot go in, and keeps the good ones', async () => {
    const { rows } = await t.db.query(
      `SELECT id, ST_AsGeoJSON(ST_ForcePolygonCCW(geom), 7) AS g, code FROM communities c WHERE ${UNEDITED} ORDER BY id LIMIT 1`,
    );
    const { rows: so } = await t.db.query(
      `SELECT ST_AsGeoJSON(ST_ForcePolygonCCW(ST_Buffer(geom, 0.001)), 7) AS g FROM street_offices ORDER BY id LIMIT 1`,
    );
    const fp = await fingerprint(t.db, [rows[0].id]);
    const features = [
      { type: 'Feature', properties: { code: 'X1', name_zh: '甲' }, geometry: JSON.parse(rows[0].g) },
      { type: 'Feature', properties: { code: 'X2', name_zh: '乙' }, geometry: JSON.parse(so[0].g) },
      { type: 'Feature', properties: { name_zh: '丙' }, geometry: JSON.parse(rows[0].g) },
      {
        type: 'Feature',
        properties: { code: 'X4', name_zh: '丁' },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [111, 26],
              [111.04, 26],
              [111.04, 26.03],
              [111.01, 25.99],
              [111, 26.03],
              [111, 26],
            ],
          ],
        },
      },
      {
        type: 'Feature',
        properties: { code: 'X5', name_zh: '戊' },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [10, 10],
              [10.01, 10],
              [10.01, 10.01],
              [10, 10.01],
              [10, 10],
            ],
          ],
        },
      },
    ];
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/import/communities',
      headers: t.auth('planner'),
      payload: { type: 'FeatureCollection', features },
    });
    expect(res.statusCode, res.body).toBe(422);
    const out = res.json().error;
    expect(out.inserted).toBe(0);
    expect(out.rejected.map((x: { index: number }) => x.index)).toEqual([0, 1, 2, 3, 4]);
    expect(out.rejected[0].reason).toMatch(/covers all of community/);
    expect(out.rejected[1].reason).toMatch(/street office/);
    expect(out.rejected[2].reason).toMatch(/code is required/);
    expect(out.rejected[3].reason).toMatch(/not a valid polygon|Self-intersection|clockwise/i);
    expect(out.rejected[4].reason).toMatch(/outside every street office/);
    expect(await fingerprint(t.db, [rows[0].id])).toBe(fp);
    const { rows: made } = await t.db.query(
      "SELECT count(*)::int n FROM communities WHERE code IN ('X1','X2','X3','X4','X5')",
    );
    expect(made[0].n).toBe(0);
  });
});

describe('printable grid map', () => {
  it('prints a grid as an A4 PDF with the worker named', async () => {
    const { rows } = await t.db.query(
      `SELECT g.id, g.code, w.name FROM grids g JOIN patrol_units w ON w.id = g.worker_id ORDER BY g.id LIMIT 1`,
    );
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/grids/${rows[0].id}/print.pdf`,
      headers: t.auth('wall'),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(20_000);
    // The embedded CJK font subset holds the glyphs of the worker's name.
    expect(pdf.toString('latin1')).toContain('NotoSansCJK');
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/grids/99999999/print.pdf', headers: t.auth('wall') })).statusCode,
    ).toBe(404);
  });
});
