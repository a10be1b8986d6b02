import { describe, expect, it } from 'vitest';
import { deviations, distanceToPath, matchCheckpoints, type Checkpoint, type TrackPoint } from './patrol-match.ts';

const T0 = Date.UTC(2026, 10, 23, 1, 0, 0);
const MIN = 60_000;
const LAT = 26.4;
const M_LON = 1 / (111_195 * Math.cos((LAT * Math.PI) / 180)); // degrees of longitude per metre
const M_LAT = 1 / 111_195;
const at = (east: number, north: number): [number, number] => [111.6 + east * M_LON, LAT + north * M_LAT];

// A straight street 600 m east, with checkpoints at 0, 300 and 600 m.
const path: [number, number][] = [at(0, 0), at(600, 0)];
const checkpoints: Checkpoint[] = [0, 300, 600].map((e, i) => {
  const [lon, lat] = at(e, 0);
  return {
    seq: i + 1,
    name: `cp${i + 1}`,
    lon,
    lat,
    windowStart: T0 + i * 5 * MIN,
    windowEnd: T0 + (i * 5 + 4) * MIN,
    radiusM: 25,
  };
});
// A walk along the street at 1 m/s, one fix every 30 s.
const walk = (
  f: (s: number) => [number, number],
  seconds: number,
  inside: (s: number) => boolean = () => true,
): TrackPoint[] =>
  Array.from({ length: seconds / 30 + 1 }, (_, k) => {
    const [lon, lat] = f(k * 30);
    return { lon, lat, t: T0 + k * 30_000, inside: inside(k * 30) };
  });

describe('route matching', () => {
  it('marks every checkpoint on time for a track that follows the route', () => {
    const track = walk((s) => at(Math.min(s * 1, 600), 0), 660);
    const res = matchCheckpoints(track, checkpoints, T0 + 20 * MIN);
    expect(res.map((r) => r.status)).toEqual(['on_time', 'on_time', 'on_time']);
    expect(deviations(track, path, T0, T0 + 20 * MIN)).toEqual([]);
  });

  it('finds the skipped checkpoint and the detour of a track that goes round it', () => {
    // East to 200 m, then 150 m north, east to 400 m, back south, on to 600 m: misses cp2 at 300 m.
    const route = (s: number): [number, number] => {
      if (s <= 200) return at(s, 0);
      if (s <= 350) return at(200, s - 200);
      if (s <= 550) return at(200 + (s - 350), 150);
      if (s <= 700) return at(400, 150 - (s - 550));
      return at(Math.min(400 + (s - 700), 600), 0);
    };
    const track = walk(route, 930);
    const res = matchCheckpoints(track, checkpoints, T0 + 30 * MIN);
    expect(res.map((r) => r.status)).toEqual(['on_time', 'missed', 'late']);
    const dev = deviations(track, path, T0, T0 + 30 * MIN);
    expect(dev).toHaveLength(1);
    expect(dev[0].kind).toBe('off_route');
    expect(dev[0].maxM).toBeGreaterThanOrEqual(145);
    expect(dev[0].to - dev[0].from).toBeGreaterThanOrEqual(4 * MIN);
  });

  it('raises a left-grid alert for a track that leaves the grid for minutes, not for a moment', () => {
    const track = walk(
      (s) => at(Math.min(s, 600), 0),
      600,
      (s) => !(s >= 120 && s <= 330),
    );
    const dev = deviations(track, path, T0, T0 + 20 * MIN);
    expect(dev.map((d) => d.kind)).toEqual(['left_grid']);
    const blip = walk(
      (s) => at(Math.min(s, 600), 0),
      600,
      (s) => s !== 120,
    );
    expect(deviations(blip, path, T0, T0 + 20 * MIN)).toEqual([]);
  });

  it('leaves checkpoints whose window is still open pending', () => {
    const res = matchCheckpoints([], checkpoints, T0 + 6 * MIN);
    expect(res.map((r) => r.status)).toEqual(['missed', 'pending', 'pending']);
  });

  it('measures distance to a path in metres', () => {
    const [lon, lat] = at(300, 40);
    expect(distanceToPath(lon, lat, path)).toBeCloseTo(40, 0);
  });
});
