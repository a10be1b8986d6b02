/**
 * Issue #13 item 12 (round trips): a grid's geometry read from the API could not be written back
 * (clockwise rings out, clockwise refused in). GeoJSON now leaves RFC 7946 (exterior rings
 * counter-clockwise) and comes in either way: written back as read, or with every ring reversed,
 * the grid keeps its shape. Undoing a split left the street blocks it cut (a community went from
 * 16 to 23 blocks): pieces of a block that are in one grid again are the block again.
 */
import { describe, expect, it } from 'vitest';
import { signedArea2, type Position } from '../../server/src/domain/grid-geometry.ts';
import { useTestApp } from '../helpers/app.ts';
import { adjacentPair, gridRow } from '../grid-edit/helpers.ts';

const t = useTestApp();

type Geometry = { type: 'Polygon' | 'MultiPolygon'; coordinates: Position[][] | Position[][][] };
const polygons = (g: Geometry) =>
  g.type === 'Polygon' ? [g.coordinates as Position[][]] : (g.coordinates as Position[][][]);

async function read(id: number) {
  const res = await t.app.inject({ method: 'GET', url: `/api/grids/${id}`, headers: t.auth('planner') });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { geometry: Geometry; properties: { version: number } };
}

const write = (id: number, geometry: Geometry, version: number) =>
  t.app.inject({ method: 'PUT', url: `/api/grids/${id}`, headers: t.auth('planner'), payload: { geometry, version } });

/** Area (m²) where the stored grid and `wkb` differ. */
async function movedArea(id: number, before: string): Promise<number> {
  const { rows } = await t.db.query(
    `SELECT ST_Area(ST_SymDifference(geom, $2::geometry)::geography) AS a FROM grids WHERE id = $1`,
    [id, before],
  );
  return rows[0].a;
}
const stored = async (id: number) =>
  (await t.db.query('SELECT ST_AsEWKT(geom) AS g FROM grids WHERE id = $1', [id])).rows[0].g as string;

describe('a grid geometry round trip', () => {
  it('reads RFC 7946 rings: exterior counter-clockwise, holes clockwise', async () => {
    const { rows } = await t.db.query('SELECT id FROM grids ORDER BY id LIMIT 20');
    for (const { id } of rows) {
      for (const poly of polygons((await read(id)).geometry)) {
        expect(signedArea2(poly[0])).toBeGreaterThan(0);
        for (const hole of poly.slice(1)) expect(signedArea2(hole)).toBeLessThan(0);
      }
    }
  });

  it('writes back what it read, unchanged or with every ring reversed, and the grid keeps its shape', async () => {
    const pair = await adjacentPair(t.db, 0);
    const id = pair.a as number;
    const before = await stored(id);

    const got = await read(id);
    const same = await write(id, got.geometry, got.properties.version);
    expect(same.statusCode, same.body).toBe(200);
    expect(await movedArea(id, before)).toBeLessThan(1);

    const again = await read(id);
    const reversed = {
      ...again.geometry,
      coordinates: polygons(again.geometry).map((p) => p.map((ring) => [...ring].reverse())),
      type: 'MultiPolygon' as const,
    };
    const back = await write(id, reversed, again.properties.version);
    expect(back.statusCode, back.body).toBe(200);
    expect(await movedArea(id, before)).toBeLessThan(1);
    for (const poly of polygons((await read(id)).geometry)) expect(signedArea2(poly[0])).toBeGreaterThan(0);
  });
});

describe('undoing a split', () => {
  it('leaves the community with the very blocks it had before', async () => {
    const pair = await adjacentPair(t.db, 1);
    const blocks = async () =>
      (
        await t.db.query<{ id: number; grid_id: number; area: number }>(
          `SELECT id, grid_id, ST_Area(geom::geography) AS area FROM blocks WHERE community_id = $1 ORDER BY id`,
          [pair.community_id],
        )
      ).rows;
    const before = await blocks();
    const { rows: g } = await t.db.query(
      `SELECT ST_XMin(geom) - 0.01 AS x0, ST_XMax(geom) + 0.01 AS x1, ST_Y(ST_PointOnSurface(geom)) AS y FROM grids WHERE id = $1`,
      [pair.a],
    );
    const line = {
      type: 'LineString',
      coordinates: [
        [g[0].x0, g[0].y],
        [g[0].x1, g[0].y],
      ],
    };
    const split = await t.app.inject({
      method: 'POST',
      url: `/api/grids/${pair.a}/split`,
      headers: t.auth('planner'),
      payload: { line, version: (await gridRow(t.db, pair.a)).version, reason: 'round trip' },
    });
    expect(split.statusCode, split.body).toBe(200);
    const cut = await blocks();
    expect(cut.length).toBeGreaterThan(before.length); // the line crossed blocks, and cut them
    const version = split.json().version;
    const undo = await t.app.inject({
      method: 'POST',
      url: `/api/communities/${pair.community_id}/restore`,
      headers: t.auth('planner'),
      payload: { version, side: 'before', based_on: version },
    });
    expect(undo.statusCode, undo.body).toBe(200);
    const after = await blocks();
    expect(after.map((b) => [b.id, b.grid_id])).toEqual(before.map((b) => [b.id, b.grid_id]));
    after.forEach((b, i) => expect(b.area).toBeCloseTo(before[i].area, 0));
  });
});
