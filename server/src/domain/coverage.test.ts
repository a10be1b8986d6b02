import { describe, expect, it } from 'vitest';
import { chunks, delta, EMPTY_SUMS, measures, share, toSums } from './coverage.ts';

describe('share', () => {
  it('is covered / total, clamped, and null when there is nothing to cover', () => {
    expect(share(1, 4)).toBe(0.25);
    expect(share(5, 4)).toBe(1);
    expect(share(-1, 4)).toBe(0);
    expect(share(0, 0)).toBeNull();
    expect(share(3, Number.NaN)).toBeNull();
  });
});

describe('measures', () => {
  const sums = {
    ...EMPTY_SUMS,
    area_m2: 1000,
    covered_m2: 250,
    road_m: 200,
    road_covered_m: 100,
    main_road_m: 100,
    main_road_covered_m: 100,
    keyplaces: 10,
    keyplaces_covered: 9,
    intersections: 4,
    intersections_covered: 1,
    main_intersections: 2,
    main_intersections_covered: 2,
    cameras: 5,
    cameras_working: 4,
  };
  it('derives shares, uncovered counts and the targets', () => {
    const m = measures(sums);
    expect(m.area_share).toBe(0.25);
    expect(m.road_share).toBe(0.5);
    expect(m.main_road_share).toBe(1);
    expect(m.keyplace_share).toBe(0.9);
    expect(m.uncovered_intersections).toBe(3);
    expect(m.uncovered_main_intersections).toBe(0);
    // "above 90 %": 90 % exactly does not meet it; main intersections must all be covered.
    expect(m.meets_targets).toEqual({ keyplaces: false, main_intersections: true });
    expect(m.score).toBeCloseTo((0.25 + 0.5 + 0.9 + 0.25) / 4, 10);
  });
  it('scores only the shares that apply', () => {
    const m = measures({ ...EMPTY_SUMS, area_m2: 100, covered_m2: 50 });
    expect(m.keyplace_share).toBeNull();
    expect(m.score).toBe(0.5);
    expect(m.meets_targets).toEqual({ keyplaces: null, main_intersections: null });
    expect(measures(EMPTY_SUMS).score).toBeNull();
  });
  it('reads database rows whose sums arrive as strings', () => {
    expect(toSums({ area_m2: '12.5', keyplaces: '3', junk: 'x' })).toMatchObject({
      area_m2: 12.5,
      keyplaces: 3,
      road_m: 0,
    });
  });
  it('compares two states', () => {
    const before = measures(sums);
    const after = measures({ ...sums, covered_m2: 300, keyplaces_covered: 10 });
    const d = delta(before, after);
    expect(d.area_share).toBeCloseTo(0.05, 10);
    expect(d.keyplaces_covered).toBe(1);
    expect(d.road_share).toBe(0);
  });
});

describe('chunks', () => {
  it('splits in order', () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunks([], 3)).toEqual([]);
    expect(() => chunks([1], 0)).toThrow();
  });
});
