/**
 * Where to put the next cameras: greedy maximum gain. PostGIS supplies the candidates' views and
 * which uncovered targets each would see (hits); this picks, N times, the candidate that adds
 * the most not yet covered, and says what each pick brings.
 *
 * Targets are points: uncovered intersections, samples along uncovered road (each standing for
 * a length of road) and samples of the ground around uncovered key places. A key place counts
 * as covered once enough of its samples are in view (the same share its measure uses).
 */

export type TargetType = 'intersection' | 'road' | 'keyplace';

export interface Target {
  type: TargetType;
  main: boolean;
  /** Road samples: metres of road it stands for. */
  length_m: number;
  /** Key place samples: the place they belong to. */
  group: number | null;
  /** Already in view (key place samples that existing cameras see). */
  done: boolean;
}

export interface Weights {
  keyplace: number;
  main_intersection: number;
  intersection: number;
  main_road_m: number;
  road_m: number;
}

/** A key place is worth 300 m of road; a main intersection 200 m; any other 50 m. */
export const DEFAULT_WEIGHTS: Weights = {
  keyplace: 300,
  main_intersection: 200,
  intersection: 50,
  main_road_m: 2,
  road_m: 1,
};

export interface Gain {
  score: number;
  keyplaces: number;
  main_intersections: number;
  intersections: number;
  main_road_m: number;
  road_m: number;
}

export interface Pick {
  candidate: number;
  gain: Gain;
  total: Gain;
}

const zero = (): Gain => ({
  score: 0,
  keyplaces: 0,
  main_intersections: 0,
  intersections: 0,
  main_road_m: 0,
  road_m: 0,
});

/**
 * Picks up to `count` candidates (indices 0..candidates-1) with the greatest marginal gain each;
 * stops early when no candidate adds anything. `hits[c]` lists the targets candidate c sees.
 * `need` is the share of a key place's samples that must be in view.
 */
export function greedyPick(
  candidates: number,
  targets: readonly Target[],
  hits: readonly (readonly number[])[],
  count: number,
  need: number,
  weights: Weights = DEFAULT_WEIGHTS,
): Pick[] {
  const covered = targets.map((t) => t.done);
  // Per key place: samples in all, samples in view, whether it already counts as covered.
  const groups = new Map<number, { total: number; seen: number; done: boolean }>();
  for (const t of targets) {
    if (t.type !== 'keyplace' || t.group === null) continue;
    const g = groups.get(t.group) ?? { total: 0, seen: 0, done: false };
    g.total++;
    if (t.done) g.seen++;
    groups.set(t.group, g);
  }
  for (const g of groups.values()) g.done = g.total > 0 && g.seen >= need * g.total;

  const gainOf = (c: number): Gain => {
    const g = zero();
    const extra = new Map<number, number>();
    for (const ti of hits[c] ?? []) {
      if (covered[ti]) continue;
      const t = targets[ti];
      if (t.type === 'road') {
        if (t.main) g.main_road_m += t.length_m;
        else g.road_m += t.length_m;
      } else if (t.type === 'intersection') {
        if (t.main) g.main_intersections++;
        else g.intersections++;
      } else if (t.group !== null) {
        extra.set(t.group, (extra.get(t.group) ?? 0) + 1);
      }
    }
    for (const [id, n] of extra) {
      const grp = groups.get(id)!;
      if (!grp.done && grp.seen + n >= need * grp.total) g.keyplaces++;
    }
    // A partly seen key place is worth its share of the way to covered: it guides the first
    // camera toward a place that needs two.
    let partial = 0;
    for (const [id, n] of extra) {
      const grp = groups.get(id)!;
      if (!grp.done) partial += Math.min(n, Math.max(0, need * grp.total - grp.seen)) / Math.max(1, need * grp.total);
    }
    g.score =
      g.keyplaces * weights.keyplace +
      g.main_intersections * weights.main_intersection +
      g.intersections * weights.intersection +
      g.main_road_m * weights.main_road_m +
      g.road_m * weights.road_m +
      0.5 * weights.keyplace * Math.max(0, partial - g.keyplaces);
    return g;
  };

  const picks: Pick[] = [];
  const total = zero();
  const taken = new Set<number>();
  for (let round = 0; round < count; round++) {
    let best = -1;
    let bestGain: Gain | null = null;
    for (let c = 0; c < candidates; c++) {
      if (taken.has(c)) continue;
      const g = gainOf(c);
      if (g.score > 0 && (!bestGain || g.score > bestGain.score + 1e-9)) {
        best = c;
        bestGain = g;
      }
    }
    if (best < 0 || !bestGain) break;
    taken.add(best);
    for (const ti of hits[best] ?? []) {
      if (covered[ti]) continue;
      covered[ti] = true;
      const t = targets[ti];
      if (t.type === 'keyplace' && t.group !== null) {
        const grp = groups.get(t.group)!;
        grp.seen++;
        if (!grp.done && grp.seen >= need * grp.total) grp.done = true;
      }
    }
    for (const k of Object.keys(total) as (keyof Gain)[]) total[k] += bestGain[k];
    picks.push({ candidate: best, gain: roundGain(bestGain), total: roundGain({ ...total }) });
  }
  return picks;
}

function roundGain(g: Gain): Gain {
  return {
    ...g,
    score: Math.round(g.score * 10) / 10,
    main_road_m: Math.round(g.main_road_m * 10) / 10,
    road_m: Math.round(g.road_m * 10) / 10,
  };
}
