import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_WALL_CONFIG, validateWallConfig } from './wall-config.ts';

describe('wall config validation', () => {
  it('fills every field left out with its default', () => {
    expect(validateWallConfig({})).toEqual({ ok: true, config: DEFAULT_WALL_CONFIG });
    const r = validateWallConfig({ tour: { intervalSeconds: 12 } });
    expect(r.ok && r.config.tour).toEqual({ intervalSeconds: 12, areas: 'districts' });
  });

  it('accepts an explicit list of tour stops and measures', () => {
    const r = validateWallConfig({
      measures: ['overdue'],
      tour: { intervalSeconds: 60, areas: [{ kind: 'city' }, { kind: 'community', id: 7 }] },
      alerts: { grades: ['difficult'], seconds: 10 },
    });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.config.measures).toEqual(['overdue']);
      expect(r.config.tour.areas).toEqual([{ kind: 'city' }, { kind: 'community', id: 7 }]);
      expect(r.config.alerts).toEqual({ grades: ['difficult'], seconds: 10 });
    }
  });

  it('names every bad field at once', () => {
    const r = validateWallConfig({
      measures: ['open_incidents', 'rainfall'],
      tour: { intervalSeconds: 1, areas: [{ kind: 'planet', id: 1 }] },
      thresholds: { openWarn: 10, openAlarm: 5 },
      heatWindow: '1y',
      colour: 'red',
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toEqual(
        expect.arrayContaining([
          'unknown field "colour"',
          expect.stringMatching(/^measures must be a list/),
          'tour.intervalSeconds must be an integer from 5 to 3600',
          expect.stringMatching(/^tour\.areas\[0\]\.kind/),
          'thresholds.openAlarm must be greater than thresholds.openWarn',
          expect.stringMatching(/^heatWindow must be one of/),
        ]),
      );
    }
  });

  it('refuses anything that is not an object and never throws', () => {
    expect(validateWallConfig(null).ok).toBe(false);
    expect(validateWallConfig([1]).ok).toBe(false);
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const r = validateWallConfig(v);
        if (r.ok) expect(r.config.tour.intervalSeconds).toBeGreaterThanOrEqual(5);
        else expect(r.errors.length).toBeGreaterThan(0);
      }),
    );
  });
});
