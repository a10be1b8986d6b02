import { describe, expect, it } from 'vitest';
import { applyBatch, extendTrails, type PatrolUnit } from './patrols';

const unit = (id: number, over: Partial<PatrolUnit> = {}): PatrolUnit => ({
  id,
  code: `U${id}`,
  name: 'n',
  kind: 'grid_worker',
  status: 'on_patrol',
  home_grid_id: 1,
  street_office_id: 1,
  lon: 111,
  lat: 26,
  last_fix_at: '2026-11-23T01:00:00.000Z',
  in_own_area: true,
  responding_to: null,
  ...over,
});
const T = Date.parse('2026-11-23T01:00:00.000Z');

describe('live patrol batches', () => {
  it('moves the units in a batch, with status and inside-grid flag, and leaves the rest', () => {
    const units = [unit(1), unit(2)];
    const next = applyBatch(units, { at: T, units: [[2, 111.001, 26.002, T + 10_000, 'responding', false, 7]] });
    expect(next[0]).toBe(units[0]);
    expect(next[1]).toMatchObject({
      lon: 111.001,
      lat: 26.002,
      status: 'responding',
      in_own_area: false,
      last_fix_at: new Date(T + 10_000).toISOString(),
    });
  });

  it('never moves a unit back to an older position', () => {
    const units = [unit(1)];
    const next = applyBatch(units, { at: T, units: [[1, 112, 27, T - 60_000, 'on_patrol', true, 1]] });
    expect(next[0]).toMatchObject({ lon: 111, lat: 26 });
  });

  it('extends trails and drops points older than the trail length', () => {
    const trails = [
      {
        id: 1,
        path: [
          [111, 26],
          [111.001, 26],
        ] as [number, number][],
        times: [T - 700_000, T - 100_000],
      },
    ];
    const next = extendTrails(
      trails,
      {
        at: T,
        units: [
          [1, 111.002, 26, T, 'on_patrol', true, 1],
          [5, 110, 25, T, 'on_patrol', null, null],
        ],
      },
      600_000,
    );
    expect(next.find((t) => t.id === 1)).toEqual({
      id: 1,
      path: [
        [111.001, 26],
        [111.002, 26],
      ],
      times: [T - 100_000, T],
    });
    expect(next.find((t) => t.id === 5)?.path).toEqual([[110, 25]]);
  });
});
