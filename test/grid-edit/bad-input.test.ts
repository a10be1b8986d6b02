/**
 * Invalid input on purpose, at every edit and import endpoint: each is a 4xx with a reason,
 * answered within a second, and changes nothing (grids, blocks, buildings, history, events).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { adjacentPair, fingerprint, gridFeature, RESERVED } from './helpers.ts';

const t = useTestApp();

let grid: { id: number; version: number; ring: number[][]; cx: number; cy: number };
let pair: Awaited<ReturnType<typeof adjacentPair>>;
let far: { a: number; b: number; va: number; vb: number };

const square = (cx: number, cy: number, r = 0.001) => [[cx - r, cy - r], [cx + r, cy - r], [cx + r, cy + r], [cx - r, cy + r], [cx - r, cy - r]];
const poly = (ring: unknown) => ({ type: 'Polygon', coordinates: [ring] });

beforeAll(async () => {
  pair = await adjacentPair(t.db, 0, RESERVED.badInput);
  const f = await gridFeature(t, pair.a);
  const { rows } = await t.db.query('SELECT ST_X(ST_PointOnSurface(geom)) cx, ST_Y(ST_PointOnSurface(geom)) cy FROM grids WHERE id = $1', [pair.a]);
  grid = { id: pair.a, version: f.properties.version, ring: f.geometry.coordinates[0][0], ...rows[0] };
  const { rows: nf } = await t.db.query(`
    SELECT a.id a, b.id b, a.version va, b.version vb FROM grids a JOIN grids b ON a.community_id = b.community_id AND a.id < b.id
    WHERE NOT ST_Intersects(a.geom, b.geom) AND a.community_id = $1 ORDER BY a.id LIMIT 1`, [RESERVED.badInput]);
  far = nf[0];
});

type Case = [name: string, make: () => { method: 'PUT' | 'POST'; url: string; payload?: unknown; body?: string }, status: number, reason: RegExp];

const put = (geometry: unknown) => ({ method: 'PUT' as const, url: `/api/grids/${grid.id}`, payload: { geometry, version: grid.version } });
const importGrid = (geometry: unknown) => ({
  method: 'POST' as const, url: '/api/import/grids',
  payload: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { community_id: pair.community_id }, geometry }] },
});

function bigRing(n: number): number[][] {
  const ring = Array.from({ length: n }, (_, i) => {
    const a = (2 * Math.PI * i) / n;
    return [+(grid.cx + 0.001 * Math.cos(a)).toFixed(7), +(grid.cy + 0.001 * Math.sin(a)).toFixed(7)];
  });
  return [...ring, ring[0]];
}

const cases: Case[] = [
  ['self-intersecting ring', () => put(poly([[grid.cx, grid.cy], [grid.cx + 0.004, grid.cy], [grid.cx + 0.004, grid.cy + 0.003], [grid.cx + 0.001, grid.cy - 0.001], [grid.cx, grid.cy + 0.003], [grid.cx, grid.cy]])), 400, /Self-intersection|not a valid polygon/],
  ['unclosed ring', () => put(poly(square(grid.cx, grid.cy).slice(0, 4).concat([[grid.cx, grid.cy]]))), 400, /not closed/],
  ['wrong winding', () => put(poly([...square(grid.cx, grid.cy)].reverse())), 400, /clockwise/],
  ['duplicate points', () => { const s = square(grid.cx, grid.cy); return put(poly([s[0], s[1], s[1], s[2], s[3], s[0]])); }, 400, /duplicate/],
  ['NaN (not JSON)', () => ({ method: 'PUT', url: `/api/grids/${grid.id}`, body: `{"geometry":{"type":"Polygon","coordinates":[[[NaN,26.2],[111.6,26.2],[111.6,26.3],[NaN,26.2]]]},"version":1}` }), 400, /JSON|Unexpected/i],
  ['Infinity (1e999)', () => ({ method: 'PUT', url: `/api/grids/${grid.id}`, body: `{"geometry":{"type":"Polygon","coordinates":[[[1e999,26.2],[111.6,26.2],[111.6,26.3],[1e999,26.2]]]},"version":${grid.version}}` }), 400, /finite/],
  ['swapped lat/lon', () => put(poly(square(grid.cx, grid.cy).map(([x, y]) => [y, x]).reverse())), 400, /swapped/],
  ['coordinates out of range', () => put(poly(square(grid.cx + 300, grid.cy))), 400, /bounds/],
  ['200,000-vertex ring (edit)', () => put(poly(bigRing(200_000))), 413, /large/i],
  ['200,000-vertex ring (import)', () => importGrid(poly(bigRing(200_000))), 422, /more than 50000 vertices/],
  ['10 MB body (edit)', () => ({ method: 'PUT', url: `/api/grids/${grid.id}`, body: JSON.stringify({ geometry: poly(square(grid.cx, grid.cy)), version: 1, reason: 'x'.repeat(10 * 1024 * 1024) }) }), 413, /large/i],
  ['10 MB body (import)', () => ({ method: 'POST', url: '/api/import/grids', body: JSON.stringify({ type: 'FeatureCollection', features: [], pad: 'x'.repeat(10 * 1024 * 1024) }) }), 413, /large/i],
  ['geometry outside the community', () => put(poly(square(grid.cx + 0.08, grid.cy))), 400, /outside/],
  ['grid geometry outside the community (import)', () => importGrid(poly(square(grid.cx + 0.08, grid.cy))), 422, /outside/],
  ['line that does not cross the grid', () => ({ method: 'POST', url: `/api/grids/${grid.id}/split`, payload: { line: { type: 'LineString', coordinates: [[grid.cx, grid.cy], [grid.cx + 0.0001, grid.cy]] }, version: grid.version } }), 400, /does not cut/],
  ['line far away', () => ({ method: 'POST', url: `/api/grids/${grid.id}/split`, payload: { line: { type: 'LineString', coordinates: [[0, 0], [1, 1]] }, version: grid.version } }), 400, /does not cut/],
  ['line of one point', () => ({ method: 'POST', url: `/api/grids/${grid.id}/split`, payload: { line: { type: 'LineString', coordinates: [[grid.cx, grid.cy]] }, version: grid.version } }), 400, /two positions/],
  ['merge of non-adjacent grids', () => ({ method: 'POST', url: '/api/grids/merge', payload: { ids: [far.a, far.b], versions: [far.va, far.vb] } }), 400, /share a boundary/],
  ['merge of one grid twice', () => ({ method: 'POST', url: '/api/grids/merge', payload: { ids: [grid.id, grid.id], versions: [grid.version, grid.version] } }), 400, /named twice/],
  ['merge with a missing version', () => ({ method: 'POST', url: '/api/grids/merge', payload: { ids: [pair.a, pair.b], versions: [pair.va] } }), 400, /versions/],
  ['stale version', () => put(poly(square(grid.cx, grid.cy))), 409, /version/],
  ['geometry of the wrong type', () => put({ type: 'Point', coordinates: [grid.cx, grid.cy] }), 400, /Polygon or MultiPolygon/],
  ['version as text', () => ({ method: 'PUT', url: `/api/grids/${grid.id}`, payload: { geometry: poly(square(grid.cx, grid.cy)), version: 'one' } }), 400, /version/],
  ['unknown grid', () => ({ method: 'PUT', url: '/api/grids/99999999', payload: { geometry: poly(square(grid.cx, grid.cy)), version: 1 } }), 404, /No grid/],
  ['blocks of another community', () => ({ method: 'POST', url: `/api/grids/${grid.id}/blocks`, payload: { blocks: [1, 999999] } }), 404, /do not exist/],
  ['import that is not a FeatureCollection', () => ({ method: 'POST', url: '/api/import/grids', payload: { type: 'Feature' } }), 400, /type|features/],
  ['restore of a version of another community', () => ({ method: 'POST', url: `/api/communities/${pair.community_id}/restore`, payload: { version: 999999 } }), 404, /no version/],
];

describe('bad input to the grid editor and importer', () => {
  const named = cases.map(([name, make, status, reason]) => ({ name, make, status, reason }));
  it.each(named)('$name → $status with a reason, in under a second, changing nothing', async ({ name: _name, make, status, reason }) => {
    const req = make();
    // The stale-version case needs a version that is not the current one.
    if (_name === 'stale version') (req.payload as { version: number }).version = grid.version + 3;
    const fp = await fingerprint(t.db, [pair.community_id]);
    const started = performance.now();
    const res = await t.app.inject({
      method: req.method, url: req.url, headers: { ...t.auth('planner'), 'content-type': 'application/json' },
      ...(req.body !== undefined ? { body: req.body } : { payload: req.payload as object }),
    });
    const ms = performance.now() - started;
    expect(res.statusCode, res.body.slice(0, 300)).toBe(status);
    const body = res.json();
    expect(body.error.code).toBeTruthy();
    expect(body.error.message).toMatch(reason);
    expect(ms).toBeLessThan(1000);
    expect(await fingerprint(t.db, [pair.community_id])).toBe(fp);
  });
});
