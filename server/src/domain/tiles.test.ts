import { describe, expect, it } from 'vitest';
import { isValidTile, tileSizeMeters } from './tiles.ts';

describe('tile addressing', () => {
  it('accepts tiles inside the zoom level', () => {
    expect(isValidTile(0, 0, 0)).toBe(true);
    expect(isValidTile(14, 13274, 7000)).toBe(true);
    expect(isValidTile(22, 2 ** 22 - 1, 2 ** 22 - 1)).toBe(true);
  });
  it('rejects tiles outside it', () => {
    expect(isValidTile(0, 1, 0)).toBe(false);
    expect(isValidTile(3, 8, 0)).toBe(false);
    expect(isValidTile(23, 0, 0)).toBe(false);
    expect(isValidTile(-1, 0, 0)).toBe(false);
    expect(isValidTile(2, 1.5, 0)).toBe(false);
  });
  it('halves the tile side at each zoom', () => {
    expect(tileSizeMeters(0)).toBeCloseTo(40075016.686, 2);
    expect(tileSizeMeters(1) * 2).toBeCloseTo(tileSizeMeters(0), 6);
  });
});
