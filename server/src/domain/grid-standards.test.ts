import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { balance, compactness, deviation, standardFor } from './grid-standards.ts';

describe('grid standards', () => {
  it('measures deviation from the target and classifies it by the band', () => {
    expect(deviation(300, 300)).toBe(0);
    expect(deviation(450, 300)).toBeCloseTo(0.5);
    expect(balance(300, 300)).toBe('ok');
    expect(balance(200, 300, 0.2)).toBe('under');
    expect(balance(380, 300, 0.2)).toBe('over');
    expect(balance(380, 300, 0.3)).toBe('ok');
    expect(() => deviation(1, 0)).toThrow();
  });
  it('takes the standard from configuration', () => {
    expect(standardFor('urban').households).toBe(300);
    expect(standardFor('rural').households).toBe(200);
    expect(standardFor('urban', { households: 500 })).toEqual({ households: 500, population: 1000 });
  });
  it('scores a square above a sliver, a disc at 1, everything in [0, 1]', () => {
    expect(compactness(Math.PI, 2 * Math.PI)).toBeCloseTo(1);
    expect(compactness(1, 4)).toBeCloseTo(Math.PI / 4);
    expect(compactness(100, 202)).toBeLessThan(0.1);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e9 }), fc.double({ min: 0, max: 1e9 }), (a, p) => {
        const c = compactness(a, p);
        expect(c).toBeGreaterThanOrEqual(0);
        expect(c).toBeLessThanOrEqual(1);
      }),
    );
  });
  it('is monotone: more households never means a lower band', () => {
    const rank = { under: 0, ok: 1, over: 2 };
    fc.assert(
      fc.property(fc.nat(5000), fc.nat(5000), fc.integer({ min: 1, max: 2000 }), (a, b, t) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(rank[balance(lo, t)]).toBeLessThanOrEqual(rank[balance(hi, t)]);
      }),
    );
  });
});
