import { describe, expect, it } from 'vitest';
import { DEFAULT_WEIGHTS, greedyPick, type Target } from './coverage-greedy.ts';

const road = (length_m: number, main = false): Target => ({ type: 'road', main, length_m, group: null, done: false });
const inter = (main = false): Target => ({ type: 'intersection', main, length_m: 0, group: null, done: false });
const kp = (group: number, done = false): Target => ({ type: 'keyplace', main: false, length_m: 0, group, done });

describe('greedyPick', () => {
  it('takes the biggest gain first and does not count a target twice', () => {
    const targets = [road(10), road(10), road(10), road(10), inter(true)];
    // c0 sees 3 road samples; c1 sees 2 of the same plus the main intersection; c2 sees one new sample.
    const hits = [[0, 1, 2], [1, 2, 4], [3]];
    const picks = greedyPick(3, targets, hits, 3, 0.5);
    expect(picks.map((p) => p.candidate)).toEqual([1, 0, 2]);
    expect(picks[0].gain).toMatchObject({ main_intersections: 1, road_m: 20 });
    expect(picks[1].gain).toMatchObject({ road_m: 10 }); // only sample 0 is new
    expect(picks[2].total).toMatchObject({ road_m: 40, main_intersections: 1 });
  });
  it('stops when nothing is left to gain', () => {
    expect(greedyPick(2, [road(5)], [[0], [0]], 5, 0.5)).toHaveLength(1);
    expect(greedyPick(1, [], [[]], 3, 0.5)).toHaveLength(0);
  });
  it('counts a key place once enough of its ground is in view, with what cameras already see', () => {
    // A place of 4 samples, one already seen: needs 2 of 4 (50 %).
    const targets = [kp(7, true), kp(7), kp(7), kp(7), road(100)];
    const picks = greedyPick(2, targets, [[1], [4]], 2, 0.5);
    const kpPick = picks.find((p) => p.candidate === 0)!;
    expect(kpPick.gain.keyplaces).toBe(1);
    expect(picks[0].candidate).toBe(0); // 300 > 100 m of road
  });
  it('main roads weigh double', () => {
    const picks = greedyPick(2, [road(60), road(40, true)], [[0], [1]], 1, 0.5, DEFAULT_WEIGHTS);
    expect(picks[0].candidate).toBe(1);
    expect(picks[0].gain.score).toBe(80);
  });
});
