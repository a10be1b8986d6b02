/**
 * Invalid input on purpose, at every grid edit and import endpoint, each with the status and the
 * reason the server must answer: shared by the test (test/grid-edit/bad-input.test.ts: 4xx with
 * a reason, nothing changed) and the benchmark (scripts/bench/bad-input.ts: answered within a
 * second). No vitest here, so that the benchmark can load it.
 */
import type pg from 'pg';

export interface BadRequest {
  method: 'PUT' | 'POST';
  url: string;
  payload?: unknown;
  body?: string;
}

export interface BadInputCase {
  name: string;
  /** The request, aimed at a target (findBadInputTarget). */
  make: (t: BadInputTarget) => BadRequest;
  status: number;
  reason: RegExp;
}

/** What the cases aim at: a grid with a neighbour (`pair`), and two grids of its community that do not touch (`far`). */
export interface BadInputTarget {
  grid: { id: number; version: number; cx: number; cy: number };
  pair: { a: number; b: number; community_id: number; va: number; vb: number };
  far: { a: number; b: number; va: number; vb: number };
}

/** The first grid (by community, then id) with more than one block and a neighbour along an edge; its community has two grids that do not touch. */
export async function findBadInputTarget(db: pg.Pool | pg.Client): Promise<BadInputTarget> {
  const {
    rows: [pair],
  } = await db.query(`
    SELECT a.id AS a, b.id AS b, a.community_id, a.version AS va, b.version AS vb,
           ST_X(ST_PointOnSurface(a.geom)) AS cx, ST_Y(ST_PointOnSurface(a.geom)) AS cy
    FROM grids a JOIN grids b ON b.community_id = a.community_id AND a.id < b.id AND a.geom && b.geom
    WHERE ST_Relate(a.geom, b.geom, '****1****') AND (SELECT count(*) FROM blocks WHERE grid_id = a.id) > 1
      AND (SELECT count(*) FROM blocks WHERE grid_id = b.id) > 1
      AND EXISTS (SELECT 1 FROM grids x JOIN grids y ON y.community_id = x.community_id AND x.id < y.id
                  WHERE x.community_id = a.community_id AND NOT ST_Intersects(x.geom, y.geom))
    ORDER BY a.community_id, a.id, b.id LIMIT 1`);
  if (!pair) throw new Error('bad input: no grid to aim at in this city');
  const {
    rows: [far],
  } = await db.query(
    `
    SELECT a.id a, b.id b, a.version va, b.version vb FROM grids a JOIN grids b ON a.community_id = b.community_id AND a.id < b.id
    WHERE NOT ST_Intersects(a.geom, b.geom) AND a.community_id = $1 ORDER BY a.id LIMIT 1`,
    [pair.community_id],
  );
  return {
    grid: { id: pair.a, version: pair.va, cx: pair.cx, cy: pair.cy },
    pair: { a: pair.a, b: pair.b, community_id: pair.community_id, va: pair.va, vb: pair.vb },
    far,
  };
}

const square = (cx: number, cy: number, r = 0.001) => [
  [cx - r, cy - r],
  [cx + r, cy - r],
  [cx + r, cy + r],
  [cx - r, cy + r],
  [cx - r, cy - r],
];
const poly = (ring: unknown) => ({ type: 'Polygon', coordinates: [ring] });

type Case = [name: string, make: (t: BadInputTarget) => BadRequest, status: number, reason: RegExp];

const put = (t: BadInputTarget, geometry: unknown) => ({
  method: 'PUT' as const,
  url: `/api/grids/${t.grid.id}`,
  payload: { geometry, version: t.grid.version },
});
const importGrid = (t: BadInputTarget, geometry: unknown) => ({
  method: 'POST' as const,
  url: '/api/import/grids',
  payload: {
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: { community_id: t.pair.community_id }, geometry }],
  },
});
/** A circle of n vertices in the grid. */
function bigRing(t: BadInputTarget, n: number): number[][] {
  const ring = Array.from({ length: n }, (_, i) => {
    const a = (2 * Math.PI * i) / n;
    return [+(t.grid.cx + 0.001 * Math.cos(a)).toFixed(7), +(t.grid.cy + 0.001 * Math.sin(a)).toFixed(7)];
  });
  return [...ring, ring[0]];
}

const cases: Case[] = [
  [
    'self-intersecting ring',
    (t) =>
      put(
        t,
        poly([
          [t.grid.cx, t.grid.cy],
          [t.grid.cx + 0.004, t.grid.cy],
          [t.grid.cx + 0.004, t.grid.cy + 0.003],
          [t.grid.cx + 0.001, t.grid.cy - 0.001],
          [t.grid.cx, t.grid.cy + 0.003],
          [t.grid.cx, t.grid.cy],
        ]),
      ),
    400,
    /Self-intersection|not a valid polygon/,
  ],
  [
    'unclosed ring',
    (t) =>
      put(
        t,
        poly(
          square(t.grid.cx, t.grid.cy)
            .slice(0, 4)
            .concat([[t.grid.cx, t.grid.cy]]),
        ),
      ),
    400,
    /not closed/,
  ],
  [
    'duplicate points',
    (t) => {
      const s = square(t.grid.cx, t.grid.cy);
      return put(t, poly([s[0], s[1], s[1], s[2], s[3], s[0]]));
    },
    400,
    /duplicate/,
  ],
  [
    'NaN (not JSON)',
    (t) => ({
      method: 'PUT',
      url: `/api/grids/${t.grid.id}`,
      body: `{"geometry":{"type":"Polygon","coordinates":[[[NaN,26.2],[111.6,26.2],[111.6,26.3],[NaN,26.2]]]},"version":1}`,
    }),
    400,
    /JSON|Unexpected/i,
  ],
  [
    'Infinity (1e999)',
    (t) => ({
      method: 'PUT',
      url: `/api/grids/${t.grid.id}`,
      body: `{"geometry":{"type":"Polygon","coordinates":[[[1e999,26.2],[111.6,26.2],[111.6,26.3],[1e999,26.2]]]},"version":${t.grid.version}}`,
    }),
    400,
    /finite/,
  ],
  [
    'swapped lat/lon',
    (t) =>
      put(
        t,
        poly(
          square(t.grid.cx, t.grid.cy)
            .map(([x, y]) => [y, x])
            .reverse(),
        ),
      ),
    400,
    /swapped/,
  ],
  ['coordinates out of range', (t) => put(t, poly(square(t.grid.cx + 300, t.grid.cy))), 400, /bounds/],
  ['200,000-vertex ring (edit)', (t) => put(t, poly(bigRing(t, 200_000))), 413, /large/i],
  ['200,000-vertex ring (import)', (t) => importGrid(t, poly(bigRing(t, 200_000))), 422, /more than 50000 vertices/],
  [
    '10 MB body (edit)',
    (t) => ({
      method: 'PUT',
      url: `/api/grids/${t.grid.id}`,
      body: JSON.stringify({
        geometry: poly(square(t.grid.cx, t.grid.cy)),
        version: 1,
        reason: 'x'.repeat(10 * 1024 * 1024),
      }),
    }),
    413,
    /large/i,
  ],
  [
    '10 MB body (import)',
    () => ({
      method: 'POST',
      url: '/api/import/grids',
      body: JSON.stringify({ type: 'FeatureCollection', features: [], pad: 'x'.repeat(10 * 1024 * 1024) }),
    }),
    413,
    /large/i,
  ],
  ['geometry outside the community', (t) => put(t, poly(square(t.grid.cx + 0.08, t.grid.cy))), 400, /outside/],
  [
    'grid geometry outside the community (import)',
    (t) => importGrid(t, poly(square(t.grid.cx + 0.08, t.grid.cy))),
    422,
    /outside/,
  ],
  [
    'line that does not cross the grid',
    (t) => ({
      method: 'POST',
      url: `/api/grids/${t.grid.id}/split`,
      payload: {
        line: {
          type: 'LineString',
          coordinates: [
            [t.grid.cx, t.grid.cy],
            [t.grid.cx + 0.0001, t.grid.cy],
          ],
        },
        version: t.grid.version,
      },
    }),
    400,
    /does not cut/,
  ],
  [
    'line far away',
    (t) => ({
      method: 'POST',
      url: `/api/grids/${t.grid.id}/split`,
      payload: {
        line: {
          type: 'LineString',
          coordinates: [
            [0, 0],
            [1, 1],
          ],
        },
        version: t.grid.version,
      },
    }),
    400,
    /does not cut/,
  ],
  [
    'line of one point',
    (t) => ({
      method: 'POST',
      url: `/api/grids/${t.grid.id}/split`,
      payload: { line: { type: 'LineString', coordinates: [[t.grid.cx, t.grid.cy]] }, version: t.grid.version },
    }),
    400,
    /two positions/,
  ],
  [
    'merge of non-adjacent grids',
    (t) => ({
      method: 'POST',
      url: '/api/grids/merge',
      payload: { ids: [t.far.a, t.far.b], versions: [t.far.va, t.far.vb] },
    }),
    400,
    /share a boundary/,
  ],
  [
    'merge of one grid twice',
    (t) => ({
      method: 'POST',
      url: '/api/grids/merge',
      payload: { ids: [t.grid.id, t.grid.id], versions: [t.grid.version, t.grid.version] },
    }),
    400,
    /named twice/,
  ],
  [
    'merge with a missing version',
    (t) => ({ method: 'POST', url: '/api/grids/merge', payload: { ids: [t.pair.a, t.pair.b], versions: [t.pair.va] } }),
    400,
    /versions/,
  ],
  [
    'stale version',
    (t) => ({
      ...put(t, poly(square(t.grid.cx, t.grid.cy))),
      payload: { geometry: poly(square(t.grid.cx, t.grid.cy)), version: t.grid.version + 3 },
    }),
    409,
    /version/,
  ],
  [
    'geometry of the wrong type',
    (t) => put(t, { type: 'Point', coordinates: [t.grid.cx, t.grid.cy] }),
    400,
    /Polygon or MultiPolygon/,
  ],
  [
    'version as text',
    (t) => ({
      method: 'PUT',
      url: `/api/grids/${t.grid.id}`,
      payload: { geometry: poly(square(t.grid.cx, t.grid.cy)), version: 'one' },
    }),
    400,
    /version/,
  ],
  [
    'unknown grid',
    (t) => ({
      method: 'PUT',
      url: '/api/grids/99999999',
      payload: { geometry: poly(square(t.grid.cx, t.grid.cy)), version: 1 },
    }),
    404,
    /No grid/,
  ],
  [
    'blocks of another community',
    (t) => ({ method: 'POST', url: `/api/grids/${t.grid.id}/blocks`, payload: { blocks: [1, 999999] } }),
    404,
    /do not exist/,
  ],
  [
    'import that is not a FeatureCollection',
    () => ({ method: 'POST', url: '/api/import/grids', payload: { type: 'Feature' } }),
    400,
    /type|features/,
  ],
  [
    'restore of a version of another community',
    (t) => ({ method: 'POST', url: `/api/communities/${t.pair.community_id}/restore`, payload: { version: 999999 } }),
    404,
    /no version/,
  ],
];

export const BAD_INPUT_CASES: BadInputCase[] = cases.map(([name, make, status, reason]) => ({
  name,
  make,
  status,
  reason,
}));
