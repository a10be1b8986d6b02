/**
 * Auto-partition planning: cut a community's atomic units (street blocks, which follow the
 * streets) into grids of about `target` households. Region growing, as redistricting tools seed
 * districts: start at the unplaced unit farthest along the community's long axis, then keep
 * adding the adjacent unplaced unit nearest to the grid's seed (which keeps grids compact) until
 * the grid reaches the target; a grid closes early rather than overshoot by more than half a
 * unit, and a small tail (under half the target) joins its smallest neighbour. Pure: the caller
 * reads units and adjacency from PostGIS.
 */

export interface Unit {
  id: number;
  households: number;
  /** A representative point in metres (any local planar frame). */
  x: number;
  y: number;
}

export interface PartitionInput {
  units: readonly Unit[];
  /** Pairs of unit ids that share an edge (a street between them counts: they touch). */
  adjacency: readonly (readonly [number, number])[];
  target: number;
}

/** Groups of unit ids; every unit appears in exactly one group, and each group is connected. */
export function planPartition({ units, adjacency, target }: PartitionInput): number[][] {
  if (!(target > 0)) throw new RangeError('target must be positive');
  if (units.length === 0) return [];
  const byId = new Map(units.map((u) => [u.id, u]));
  const nbrs = new Map<number, Set<number>>(units.map((u) => [u.id, new Set()]));
  for (const [a, b] of adjacency) {
    if (a === b || !nbrs.has(a) || !nbrs.has(b)) continue;
    nbrs.get(a)!.add(b);
    nbrs.get(b)!.add(a);
  }
  // Seeds are taken in order along the long axis so grids come out as a tidy sequence.
  const xs = units.map((u) => u.x);
  const ys = units.map((u) => u.y);
  const alongX = Math.max(...xs) - Math.min(...xs) >= Math.max(...ys) - Math.min(...ys);
  const order = [...units].sort((a, b) => (alongX ? a.x - b.x || a.y - b.y : a.y - b.y || a.x - b.x) || a.id - b.id);

  const groupOf = new Map<number, number>();
  const groups: number[][] = [];
  const totals: number[] = [];
  for (const seed of order) {
    if (groupOf.has(seed.id)) continue;
    const g = groups.length;
    groups.push([seed.id]);
    totals.push(seed.households);
    groupOf.set(seed.id, g);
    const frontier = new Set<number>();
    for (const n of nbrs.get(seed.id)!) if (!groupOf.has(n)) frontier.add(n);
    while (totals[g] < target && frontier.size) {
      let best: Unit | null = null;
      let bestD = Infinity;
      for (const id of frontier) {
        const u = byId.get(id)!;
        const d = (u.x - seed.x) ** 2 + (u.y - seed.y) ** 2;
        if (d < bestD || (d === bestD && best && u.id < best.id)) [best, bestD] = [u, d];
      }
      const u = best!;
      // Close early when adding this unit overshoots the target by more than stopping short does.
      if (totals[g] > 0 && totals[g] + u.households - target > target - totals[g]) break;
      frontier.delete(u.id);
      groups[g].push(u.id);
      totals[g] += u.households;
      groupOf.set(u.id, g);
      for (const n of nbrs.get(u.id)!) if (!groupOf.has(n)) frontier.add(n);
    }
  }
  // Small tails join the adjacent group with the fewest households.
  for (let g = 0; g < groups.length; g++) {
    if (groups.length < 2 || totals[g] >= target / 2 || !groups[g].length) continue;
    let into = -1;
    for (const id of groups[g]) {
      for (const n of nbrs.get(id)!) {
        const h = groupOf.get(n)!;
        if (h !== g && groups[h].length && (into < 0 || totals[h] < totals[into])) into = h;
      }
    }
    if (into < 0) continue;
    for (const id of groups[g]) groupOf.set(id, into);
    groups[into].push(...groups[g]);
    totals[into] += totals[g];
    groups[g] = [];
    totals[g] = 0;
  }
  return groups.filter((g) => g.length).map((g) => g.sort((a, b) => a - b));
}
