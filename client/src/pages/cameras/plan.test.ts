import { describe, expect, it } from 'vitest';
import {
  around,
  planReducer,
  plannedCameras,
  removeItem,
  sectorRing,
  shareColor,
  signedPct,
  statusItem,
  suggestionItem,
} from './plan';

const suggestion = {
  rank: 1,
  lon: 111.6,
  lat: 26.2,
  kind: 'ptz' as const,
  bearing_deg: 0,
  fov_deg: 360,
  range_m: 80,
  height_m: 8,
  site: 'road' as const,
  gain: { score: 1, keyplaces: 0, main_intersections: 0, intersections: 0, main_road_m: 0, road_m: 1 },
  total: { score: 1, keyplaces: 0, main_intersections: 0, intersections: 0, main_road_m: 0, road_m: 1 },
};

describe('planReducer', () => {
  it('keeps one change per camera, the latest', () => {
    let plan = planReducer([], { type: 'add', item: statusItem(5, 'CAM-5', 'faulty') });
    plan = planReducer(plan, { type: 'add', item: suggestionItem(suggestion) });
    plan = planReducer(plan, { type: 'add', item: removeItem(5, 'CAM-5') });
    expect(plan.map((p) => p.change.op)).toEqual(['add', 'remove']);
    expect(plannedCameras(plan)).toHaveLength(1);
    expect(planReducer(plan, { type: 'remove', key: 'cam:5' })).toHaveLength(1);
    expect(planReducer(plan, { type: 'clear' })).toEqual([]);
  });
});

describe('sectorRing', () => {
  it('draws a closed wedge from the camera, range metres out', () => {
    const ring = sectorRing(111.6, 26.2, 90, 60, 100);
    expect(ring[0]).toEqual([111.6, 26.2]);
    expect(ring.at(-1)).toEqual([111.6, 26.2]);
    const mid = ring[Math.floor(ring.length / 2)];
    const dx = (mid[0] - 111.6) * 111_320 * Math.cos((26.2 * Math.PI) / 180);
    expect(Math.hypot(dx, (mid[1] - 26.2) * 111_320)).toBeCloseTo(100, 5);
    expect(dx).toBeGreaterThan(90); // facing east
  });
  it('a full circle for a PTZ camera', () => {
    const ring = sectorRing(111.6, 26.2, 0, 360, 50);
    expect(ring[0]).toEqual(ring.at(-1));
    expect(ring).toHaveLength(37);
  });
});

describe('helpers', () => {
  it('around, colours, signed points', () => {
    const [x0, y0, x1, y1] = around(111.6, 26.2, 500);
    expect((y1 - y0) * 111_320).toBeCloseTo(1000, 5);
    expect(x1 - x0).toBeGreaterThan(y1 - y0);
    expect(shareColor(0)).toEqual([255, 90, 95, 150]);
    expect(shareColor(1, 200)).toEqual([47, 214, 138, 200]);
    expect(shareColor(null)[3]).toBe(40);
    expect(signedPct(0.0123)).toBe('+1.23 pt');
    expect(signedPct(-0.001)).toBe('-0.10 pt');
  });
});
