import { describe, expect, it } from 'vitest';
import { balanceColor, cleanRing, nearestOnSegments, nearestVertex, rfc7946, signedArea2 } from './geometry';

describe('editor geometry helpers', () => {
  const cw = [
    [0, 0],
    [0, 1],
    [1, 1],
    [1, 0],
    [0, 0],
  ];
  it('winds exterior rings counter-clockwise and holes clockwise, closed, without repeats', () => {
    const r = cleanRing(
      [
        [0, 0],
        [0, 1],
        [0, 1],
        [1, 1],
        [1, 0],
      ],
      true,
    );
    expect(signedArea2(r)).toBeGreaterThan(0);
    expect(r[0]).toEqual(r[r.length - 1]);
    expect(r).toHaveLength(5);
    const g = rfc7946({
      type: 'Polygon',
      coordinates: [
        cw,
        [
          [0.2, 0.2],
          [0.4, 0.2],
          [0.4, 0.4],
          [0.2, 0.2],
        ],
      ],
    });
    expect(signedArea2(g.coordinates[0] as number[][])).toBeGreaterThan(0);
    expect(signedArea2(g.coordinates[1] as number[][])).toBeLessThan(0);
  });
  it('colours grids by deviation: under blue, in band green, over red', () => {
    expect(balanceColor(0, 0.2)).toEqual([70, 185, 120, 150]);
    const under = balanceColor(-0.6, 0.2);
    const over = balanceColor(0.6, 0.2);
    expect(under[2]).toBeGreaterThan(under[0]);
    expect(over[0]).toBeGreaterThan(over[2]);
    // A unit grid has no deviation: neither the balance green nor an alarm colour.
    const unit = balanceColor(null, 0.2);
    expect(unit).not.toEqual(balanceColor(0, 0.2));
    expect([unit, under, over].map(String)).toHaveLength(new Set([unit, under, over].map(String)).size);
  });
  it('snaps to the nearest edge point and to vertices within a radius', () => {
    const s = nearestOnSegments(
      [5, 3],
      [
        [
          [0, 0],
          [10, 0],
        ],
        [
          [0, 10],
          [10, 10],
        ],
      ],
    );
    expect(s).toEqual({ at: [5, 0], d: 3 });
    expect(
      nearestVertex(
        [1, 1],
        [
          [0, 0],
          [5, 5],
        ],
        3,
      ),
    ).toEqual([0, 0]);
    expect(nearestVertex([1, 1], [[9, 9]], 3)).toBeNull();
  });
});
