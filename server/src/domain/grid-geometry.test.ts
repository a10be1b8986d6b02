import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkArea, checkLine, MAX_VERTICES, signedArea2, type Position } from './grid-geometry.ts';

const square: Position[] = [
  [111.6, 26.2],
  [111.61, 26.2],
  [111.61, 26.21],
  [111.6, 26.21],
  [111.6, 26.2],
];

describe('checkArea', () => {
  it('accepts a counter-clockwise polygon and a multipolygon', () => {
    expect(checkArea({ type: 'Polygon', coordinates: [square] }).ok).toBe(true);
    expect(checkArea({ type: 'MultiPolygon', coordinates: [[square]] }).ok).toBe(true);
  });

  it('accepts either winding and returns rings the RFC 7946 way', () => {
    const hole: Position[] = [
      [111.6005, 26.2005],
      [111.6008, 26.2005],
      [111.6008, 26.2008],
      [111.6005, 26.2008],
      [111.6005, 26.2005],
    ];
    const r = checkArea({ type: 'Polygon', coordinates: [[...square].reverse(), hole] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [ext, inner] = r.value.coordinates as Position[][];
    expect(signedArea2(ext)).toBeGreaterThan(0);
    expect(signedArea2(inner)).toBeLessThan(0);
    expect(ext).toEqual(square);
  });

  it.each([
    ['unclosed ring', { type: 'Polygon', coordinates: [square.slice(0, 4).concat([[111.601, 26.2]])] }, 'not closed'],
    [
      'duplicate point',
      { type: 'Polygon', coordinates: [[square[0], square[1], square[1], square[2], square[3], square[0]]] },
      'duplicate',
    ],
    ['NaN', { type: 'Polygon', coordinates: [[[NaN, 26.2], ...square.slice(1)]] }, 'finite'],
    ['Infinity', { type: 'Polygon', coordinates: [[[Infinity, 26.2], ...square.slice(1)]] }, 'finite'],
    ['swapped lat/lon', { type: 'Polygon', coordinates: [square.map(([x, y]) => [y, x])] }, 'swapped'],
    ['out of range', { type: 'Polygon', coordinates: [square.map(([x, y]) => [x + 200, y])] }, 'bounds'],
    ['too few positions', { type: 'Polygon', coordinates: [[square[0], square[1], square[0]]] }, 'at least 4'],
    ['a point', { type: 'Point', coordinates: [111.6, 26.2] }, 'Polygon or MultiPolygon'],
    ['no coordinates', { type: 'Polygon' }, 'non-empty'],
    ['strings', { type: 'Polygon', coordinates: [square.map(([x, y]) => [String(x), y])] }, 'numbers'],
  ])('refuses %s with a reason', (_name, g, reason) => {
    const r = checkArea(g);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });

  it('refuses a ring with more vertices than the limit', () => {
    const n = MAX_VERTICES + 10;
    const ring: Position[] = Array.from({ length: n }, (_, i) => {
      const a = (2 * Math.PI * i) / n;
      return [111.6 + 0.01 * Math.cos(a), 26.2 + 0.01 * Math.sin(a)];
    });
    ring.push(ring[0]);
    const r = checkArea({ type: 'Polygon', coordinates: [ring] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('vertices');
  });

  it('never throws and accepts only closed, finite, counter-clockwise rings (property)', () => {
    const coord = fc.oneof(fc.double(), fc.constant(111.6), fc.constant(NaN), fc.string() as fc.Arbitrary<unknown>);
    fc.assert(
      fc.property(fc.array(fc.array(fc.tuple(coord, coord), { maxLength: 8 }), { maxLength: 3 }), (rings) => {
        const r = checkArea({ type: 'Polygon', coordinates: rings });
        if (r.ok) {
          const ext = r.value.coordinates[0] as Position[];
          expect(ext[0]).toEqual(ext[ext.length - 1]);
          expect(signedArea2(ext)).toBeGreaterThan(0);
          for (const p of ext) expect(Number.isFinite(p[0]) && Number.isFinite(p[1])).toBe(true);
        }
      }),
    );
  });
});

describe('checkLine', () => {
  it('accepts a line and drops repeated clicks', () => {
    const r = checkLine({
      type: 'LineString',
      coordinates: [
        [111.6, 26.2],
        [111.6, 26.2],
        [111.61, 26.21],
      ],
    });
    expect(r.ok && r.value.coordinates).toEqual([
      [111.6, 26.2],
      [111.61, 26.21],
    ]);
  });
  it.each([
    [{ type: 'LineString', coordinates: [[111.6, 26.2]] }, 'two'],
    [
      {
        type: 'LineString',
        coordinates: [
          [111.6, 26.2],
          [111.6, 26.2],
        ],
      },
      'distinct',
    ],
    [{ type: 'Polygon', coordinates: [] }, 'LineString'],
    [
      {
        type: 'LineString',
        coordinates: [
          [111.6, 26.2],
          [Infinity, 26],
        ],
      },
      'finite',
    ],
    [null, 'LineString'],
  ])('refuses %j', (g, reason) => {
    const r = checkLine(g);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });
});
