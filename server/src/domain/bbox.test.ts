import { describe, expect, it } from 'vitest';
import { parseBBox } from './bbox.ts';

describe('parseBBox', () => {
  it('accepts minLon,minLat,maxLon,maxLat', () => {
    expect(parseBBox('111.5,26.1,111.7,26.3')).toEqual({ ok: true, bbox: [111.5, 26.1, 111.7, 26.3] });
  });
  it.each([
    ['111.5,26.1,111.7', 'needs 4'],
    ['111.5,26.1,111.7,26.3,1', 'needs 4'],
    ['a,26.1,111.7,26.3', 'finite'],
    ['111.5,,111.7,26.3', 'finite'],
    ['NaN,26.1,111.7,26.3', 'finite'],
    ['Infinity,26.1,111.7,26.3', 'finite'],
    ['-181,26.1,111.7,26.3', 'longitudes'],
    ['111.5,-91,111.7,26.3', 'latitudes'],
    ['111.7,26.1,111.5,26.3', 'below'],
    ['111.5,26.3,111.7,26.3', 'below'],
  ])('rejects %s with a reason', (text, reason) => {
    const res = parseBBox(text);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.reason).toContain(reason);
  });
});
