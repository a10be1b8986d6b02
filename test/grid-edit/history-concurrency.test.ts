import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { adjacentPair, expectAssigned, expectTiled, gridRow, innerEdge } from './helpers.ts';

const t = useTestApp();

describe('history and restore', () => {
  it('records every edit and restores any earlier state, itself as a new version', async () => {
    const p = await adjacentPair(t.db, 6);
    const { rows: orig } = await t.db.query(
      'SELECT id, md5(ST_AsBinary(geom)) h, households FROM grids WHERE community_id = $1 ORDER BY id',
      [p.community_id],
    );
    const [ga, gb] = [await gridRow(t.db, p.a), await gridRow(t.db, p.b)];
    const m = await t.app.inject({
      method: 'POST',
      url: '/api/grids/merge',
      headers: t.auth('planner'),
      payload: { ids: [p.a, p.b], versions: [ga.version, gb.version], reason: 'test merge' },
    });
    expect(m.statusCode, m.body).toBe(200);
    const merged = m.json().version;
    const h = await t.app.inject({
      method: 'GET',
      url: `/api/communities/${p.community_id}/history`,
      headers: t.auth('wall'),
    });
    expect(h.json().versions[0]).toMatchObject({
      id: merged,
      op: 'merge',
      actor: 'test-planner',
      reason: 'test merge',
    });
    const gh = await t.app.inject({ method: 'GET', url: `/api/grids/${p.b}/history`, headers: t.auth('wall') });
    expect(gh.statusCode).toBe(200);
    expect(gh.json().versions[0].id).toBe(merged);
    const view = await t.app.inject({
      method: 'GET',
      url: `/api/communities/${p.community_id}/versions/${merged}?side=before`,
      headers: t.auth('wall'),
    });
    expect(view.json().grids.map((g: { id: number }) => g.id)).toEqual(orig.map((r) => r.id));
    const undo = await t.app.inject({
      method: 'POST',
      url: `/api/communities/${p.community_id}/restore`,
      headers: t.auth('planner'),
      payload: { version: merged, side: 'before', based_on: merged },
    });
    expect(undo.statusCode, undo.body).toBe(200);
    expect(undo.json().created).toEqual([p.b]);
    const { rows: now } = await t.db.query(
      'SELECT id, md5(ST_AsBinary(geom)) h, households FROM grids WHERE community_id = $1 ORDER BY id',
      [p.community_id],
    );
    expect(now).toEqual(orig);
    await expectTiled(t.db, p.community_id);
    await expectAssigned(t.db, p.community_id);
    // The undo is a newer version: a restore still based on the merge is stale, a 409 that changes nothing.
    const stale = await t.app.inject({
      method: 'POST',
      url: `/api/communities/${p.community_id}/restore`,
      headers: t.auth('planner'),
      payload: { version: merged, side: 'after', based_on: merged },
    });
    expect(stale.statusCode, stale.body).toBe(409);
    expect(stale.json().error.message).toContain(`not ${merged}`);
    // Redo: the state after the merge.
    const redo = await t.app.inject({
      method: 'POST',
      url: `/api/communities/${p.community_id}/restore`,
      headers: t.auth('planner'),
      payload: { version: merged, side: 'after', based_on: undo.json().version },
    });
    expect(redo.statusCode, redo.body).toBe(200);
    expect(redo.json().removed).toEqual([p.b]);
    await expectTiled(t.db, p.community_id);
  });

  it('keeps the history append-only', async () => {
    await expect(t.db.query('UPDATE grid_versions SET actor = $1', ['x'])).rejects.toThrow(/append-only/);
    await expect(t.db.query('DELETE FROM grid_versions')).rejects.toThrow(/append-only/);
  });
});

describe('concurrency', () => {
  it('lets edits of different grids run at once; both succeed', async () => {
    const p1 = await adjacentPair(t.db, 7);
    const { rows } = await t.db.query(
      `
      SELECT a.id a, b.id b, a.version va, b.version vb FROM grids a JOIN grids b ON b.community_id = a.community_id AND a.id < b.id AND a.geom && b.geom
      WHERE ST_Relate(a.geom, b.geom, '****1****') AND a.community_id <> $1 ORDER BY a.id DESC LIMIT 1`,
      [p1.community_id],
    );
    const [g1a, g1b] = [await gridRow(t.db, p1.a), await gridRow(t.db, p1.b)];
    const [r1, r2] = await Promise.all([
      t.app.inject({
        method: 'POST',
        url: '/api/grids/merge',
        headers: t.auth('planner'),
        payload: { ids: [p1.a, p1.b], versions: [g1a.version, g1b.version] },
      }),
      t.app.inject({
        method: 'POST',
        url: '/api/grids/merge',
        headers: t.auth('admin'),
        payload: { ids: [rows[0].a, rows[0].b], versions: [rows[0].va, rows[0].vb] },
      }),
    ]);
    expect([r1.statusCode, r2.statusCode], r1.body + r2.body).toEqual([200, 200]);
  });
});

describe('concurrency within a community', () => {
  it('splits two different grids of one community at once: both succeed, one after the other', async () => {
    const { rows } = await t.db.query(`
      SELECT g.community_id, array_agg(g.id ORDER BY g.id) AS ids FROM grids g
      WHERE (SELECT count(*) FROM blocks b WHERE b.grid_id = g.id) > 1
        AND NOT EXISTS (SELECT 1 FROM grid_versions v WHERE v.community_id = g.community_id)
      GROUP BY 1 HAVING count(*) >= 2 ORDER BY 1 DESC LIMIT 1`);
    const [g1, g2] = rows[0].ids as number[];
    const lines = await Promise.all(
      [g1, g2].map(async (id) => {
        const e = await innerEdge(t.db, id);
        const [dx, dy] = [e.ex - e.sx, e.ey - e.sy];
        return {
          type: 'LineString',
          coordinates: [
            [e.sx - dx * 3, e.sy - dy * 3],
            [e.ex + dx * 3, e.ey + dy * 3],
          ],
        };
      }),
    );
    const [v1, v2] = [(await gridRow(t.db, g1)).version, (await gridRow(t.db, g2)).version];
    const [r1, r2] = await Promise.all([
      t.app.inject({
        method: 'POST',
        url: `/api/grids/${g1}/split`,
        headers: t.auth('planner'),
        payload: { line: lines[0], version: v1 },
      }),
      t.app.inject({
        method: 'POST',
        url: `/api/grids/${g2}/split`,
        headers: t.auth('admin'),
        payload: { line: lines[1], version: v2 },
      }),
    ]);
    expect([r1.statusCode, r2.statusCode], r1.body + r2.body).toEqual([200, 200]);
    expect(r1.json().version).not.toBe(r2.json().version);
    await expectTiled(t.db, rows[0].community_id);
    await expectAssigned(t.db, rows[0].community_id);
  });
});

describe('coverage after a boundary change', () => {
  it('measures a merged grid over its new area, not the old one', async () => {
    const p = await adjacentPair(t.db, 8);
    const area = async (id: number) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/coverage?grid=${id}`, headers: t.auth('wall') });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().measures.area_m2 as number;
    };
    const [a, b] = [await area(p.a), await area(p.b)];
    const [ga, gb] = [await gridRow(t.db, p.a), await gridRow(t.db, p.b)];
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/grids/merge',
      headers: t.auth('planner'),
      payload: { ids: [p.a, p.b], versions: [ga.version, gb.version] },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await area(p.a)).toBeCloseTo(a + b, -1);
  }, 120_000);
});

describe('editor reads', () => {
  it('gives the panel households against the standard, with the band configurable', async () => {
    const p = await adjacentPair(t.db, 0);
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/communities/${p.community_id}/grids?target=300&band=0.1`,
      headers: t.auth('wall'),
    });
    expect(res.statusCode).toBe(200);
    const fc = res.json();
    expect(fc.target).toBe(300);
    for (const f of fc.features) {
      const d = f.properties.households / 300 - 1;
      // Unit grids (an organisation's premises) are not sized by households.
      if (f.properties.type === 'unit')
        expect([f.properties.balance, f.properties.deviation]).toEqual(['exempt', null]);
      else expect(f.properties.balance).toBe(d < -0.1 ? 'under' : d > 0.1 ? 'over' : 'ok');
      expect(f.properties.compactness).toBeGreaterThan(0);
      expect(f.properties.contiguous).toBe(true);
    }
    const blocks = await t.app.inject({
      method: 'GET',
      url: `/api/communities/${p.community_id}/blocks`,
      headers: t.auth('wall'),
    });
    expect(blocks.json().features.length).toBeGreaterThan(1);
  });
});
