import { describe, expect, it } from 'vitest';
import { angleBetween, whyMiss, type CameraFacts } from './coverage-explain.ts';

const facts = (f: Partial<CameraFacts>): CameraFacts => ({
  kind: 'fixed',
  status: 'working',
  bearing_deg: 90,
  fov_deg: 60,
  range_m: 50,
  distance_m: 30,
  toward_deg: 95,
  in_sector: true,
  in_view: true,
  blocked_by: null,
  ...f,
});

describe('angleBetween', () => {
  it('is the smaller angle, across north', () => {
    expect(angleBetween(10, 350)).toBe(20);
    expect(angleBetween(350, 10)).toBe(20);
    expect(angleBetween(0, 180)).toBe(180);
    expect(angleBetween(90, 90)).toBe(0);
    expect(angleBetween(720, 0)).toBe(0);
  });
});

describe('whyMiss', () => {
  it('covers', () => {
    expect(whyMiss(facts({}))).toMatchObject({ reason: 'covers', reasons: ['covers'], off_axis_deg: 5 });
  });
  it('out of range', () => {
    expect(whyMiss(facts({ distance_m: 80, in_sector: false, in_view: false })).reason).toBe('out_of_range');
  });
  it('facing away', () => {
    const v = whyMiss(facts({ toward_deg: 270, in_sector: false, in_view: false }));
    expect(v.reason).toBe('facing_away');
    expect(v.off_axis_deg).toBe(180);
    expect(v.explanation).toMatch(/±30°/);
  });
  it('facing away and too far: both, facing away first', () => {
    expect(whyMiss(facts({ toward_deg: 200, distance_m: 90, in_sector: false, in_view: false })).reasons).toEqual([
      'facing_away',
      'out_of_range',
    ]);
  });
  it('blocked by a building', () => {
    const v = whyMiss(facts({ in_view: false, blocked_by: { building_id: 7, floors: 12, distance_m: 14 } }));
    expect(v.reason).toBe('blocked_by_building');
    expect(v.explanation).toMatch(/12 floors/);
  });
  it('a faulty camera that would see the point misses it for that reason alone', () => {
    expect(whyMiss(facts({ status: 'faulty' }))).toMatchObject({ reason: 'faulty', reasons: ['faulty'] });
    expect(whyMiss(facts({ status: 'offline' })).reason).toBe('offline');
  });
  it('a faulty camera facing away: repairing it would not help, so geometry comes first', () => {
    expect(whyMiss(facts({ status: 'faulty', toward_deg: 270, in_sector: false, in_view: false })).reasons).toEqual([
      'facing_away',
      'faulty',
    ]);
  });
  it('a PTZ camera never faces away', () => {
    const v = whyMiss(
      facts({ kind: 'ptz', fov_deg: 360, toward_deg: 270, distance_m: 70, in_sector: false, in_view: false }),
    );
    expect(v).toMatchObject({ reason: 'out_of_range', off_axis_deg: 0 });
  });
  it('just inside the nominal range but outside the inscribed arc counts as out of range', () => {
    expect(whyMiss(facts({ distance_m: 49.9, in_sector: false, in_view: false })).reason).toBe('out_of_range');
  });
});
