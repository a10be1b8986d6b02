import { describe, expect, it } from 'vitest';
import { judgeFixes, metres, type LastFix, MAX_LISTED, screenFixes } from './patrol-fixes.ts';

const T0 = Date.UTC(2026, 10, 23, 2, 0, 0);
const known = (entries: [number, LastFix | null][]) => new Map(entries);
// About 111 m per 0.001° of latitude.
const north = (m: number) => m / 111_195;

describe('judgeFixes', () => {
  it('accepts a walk and makes its newest fix the current position', () => {
    const batch = [0, 1, 2].map((k) => ({
      unit: 1,
      lon: 111.6,
      lat: 26.4 + north(12 * k),
      t: T0 + k * 10_000,
      accuracy: 5,
    }));
    const r = judgeFixes(batch, known([[1, null]]), T0 + 30_000);
    expect(r.accepted).toHaveLength(3);
    expect(r.current.get(1)?.t).toBe(T0 + 20_000);
    expect(Object.values(r.rejected).every((n) => n === 0)).toBe(true);
  });

  it('drops a jump faster than 200 km/h but keeps the fixes around it', () => {
    const batch = [
      { unit: 1, lon: 111.6, lat: 26.4, t: T0 },
      { unit: 1, lon: 111.6, lat: 26.4 + north(1000), t: T0 + 10_000 }, // 1 km in 10 s = 360 km/h
      { unit: 1, lon: 111.6, lat: 26.4 + north(15), t: T0 + 20_000 },
    ];
    const r = judgeFixes(batch, known([[1, null]]), T0 + 30_000);
    expect(r.rejected.too_fast).toBe(1);
    expect(r.accepted.map((f) => f.t)).toEqual([T0, T0 + 20_000]);
  });

  it('judges the first fix of a batch against the stored one', () => {
    const r = judgeFixes(
      [{ unit: 1, lon: 111.7, lat: 26.4, t: T0 + 10_000 }],
      known([[1, { lon: 111.6, lat: 26.4, t: T0 }]]),
      T0 + 20_000,
    );
    expect(r.rejected.too_fast).toBe(1);
    expect(r.accepted).toHaveLength(0);
  });

  it('counts duplicates within the batch and against the stored fix', () => {
    const f = { unit: 1, lon: 111.6, lat: 26.4, t: T0 + 10_000 };
    const r = judgeFixes([f, { ...f }, { ...f, t: T0 }], known([[1, { lon: 111.6, lat: 26.4, t: T0 }]]), T0 + 20_000);
    expect(r.rejected.duplicate).toBe(2);
    expect(r.accepted).toHaveLength(1);
  });

  it('refuses future, too old, inaccurate, unknown and out-of-range fixes with their reasons', () => {
    const r = judgeFixes(
      [
        { unit: 1, lon: 111.6, lat: 26.4, t: T0 + 5 * 60_000 },
        { unit: 1, lon: 111.6, lat: 26.4, t: T0 - 30 * 24 * 3600_000 },
        { unit: 1, lon: 111.6, lat: 26.4, t: T0, accuracy: 500 },
        { unit: 9, lon: 111.6, lat: 26.4, t: T0 },
        { unit: 1, lon: 190, lat: 26.4, t: T0 - 1000 },
      ],
      known([[1, null]]),
      T0,
    );
    expect(r.rejected).toMatchObject({ future: 1, too_old: 1, inaccurate: 1, unknown_unit: 1, out_of_range: 1 });
    expect(r.accepted).toHaveLength(0);
  });

  it('stores a late fix in the track without moving the current position back', () => {
    const stored = { lon: 111.6, lat: 26.4 + north(50), t: T0 + 60_000 };
    const r = judgeFixes([{ unit: 1, lon: 111.6, lat: 26.4, t: T0 }], known([[1, stored]]), T0 + 70_000);
    expect(r.accepted).toHaveLength(1);
    expect(r.late).toBe(1);
    expect(r.current.has(1)).toBe(false);
  });

  it('judges a shuffled batch like the same batch in order', () => {
    const batch = Array.from({ length: 20 }, (_, k) => ({
      unit: 1 + (k % 2),
      lon: 111.6,
      lat: 26.4 + north(10 * k),
      t: T0 + k * 10_000,
    }));
    const inOrder = judgeFixes(
      batch,
      known([
        [1, null],
        [2, null],
      ]),
      T0 + 300_000,
    );
    const shuffled = judgeFixes(
      [...batch].reverse(),
      known([
        [1, null],
        [2, null],
      ]),
      T0 + 300_000,
    );
    expect(shuffled.accepted.length).toBe(inOrder.accepted.length);
    expect(shuffled.current.get(2)?.t).toBe(inOrder.current.get(2)?.t);
  });

  it('measures metres like a sphere', () => {
    expect(metres(111.6, 26.4, 111.6, 26.401)).toBeCloseTo(111.2, 0);
  });
});

describe('screening a batch item by item', () => {
  const fix = (i: number) => ({ unit: 7, lon: 111.6, lat: 26.4, t: 1_700_000_000_000 + i * 1000 });
  it('keeps the good items and lists the bad ones by index, at most MAX_LISTED but counting all', () => {
    const items = Array.from({ length: 500 }, (_, i) => (i % 2 ? { ...fix(i), lat: 'x' } : fix(i)));
    const s = screenFixes(items, null);
    expect(s.fixes).toHaveLength(250);
    expect(s.malformed).toBe(250);
    expect(s.invalid).toHaveLength(MAX_LISTED);
    expect(s.invalid[0]).toEqual({ index: 1, reason: 'lat must be number' });
  });
  it("refuses another unit's fixes for a worker, not for an operator", () => {
    const items = [fix(0), { ...fix(1), unit: 8 }];
    expect(screenFixes(items, 7)).toMatchObject({ notYourUnit: 1, invalid: [{ index: 1 }] });
    expect(screenFixes(items, null).fixes).toHaveLength(2);
  });
});
