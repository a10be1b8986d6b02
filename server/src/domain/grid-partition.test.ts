import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planPartition, type Unit } from './grid-partition.ts';

/** A w×h lattice of blocks, 200 m apart, each with the given households, rook-adjacent. */
function lattice(w: number, h: number, hh: (i: number) => number) {
  const units: Unit[] = [];
  const adjacency: [number, number][] = [];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const id = y * w + x + 1;
      units.push({ id, households: hh(id), x: x * 200, y: y * 200 });
      if (x > 0) adjacency.push([id - 1, id]);
      if (y > 0) adjacency.push([id - w, id]);
    }
  }
  return { units, adjacency };
}

function connected(group: number[], adjacency: readonly (readonly [number, number])[]): boolean {
  const inG = new Set(group);
  const seen = new Set([group[0]]);
  const stack = [group[0]];
  while (stack.length) {
    const a = stack.pop()!;
    for (const [p, q] of adjacency) {
      const n = p === a ? q : q === a ? p : null;
      if (n !== null && inG.has(n) && !seen.has(n)) {
        seen.add(n);
        stack.push(n);
      }
    }
  }
  return seen.size === group.length;
}

describe('planPartition', () => {
  it('cuts 12 blocks of 100 households into 4 grids of 300', () => {
    const { units, adjacency } = lattice(4, 3, () => 100);
    const groups = planPartition({ units, adjacency, target: 300 });
    expect(groups.map((g) => g.length * 100)).toEqual([300, 300, 300, 300]);
    for (const g of groups) expect(connected(g, adjacency)).toBe(true);
  });

  it('places every unit exactly once in connected groups, near the target (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.integer({ min: 0, max: 250 }), { minLength: 64, maxLength: 64 }),
        fc.integer({ min: 100, max: 600 }),
        (w, h, hh, target) => {
          const { units, adjacency } = lattice(w, h, (i) => hh[(i - 1) % 64]);
          const groups = planPartition({ units, adjacency, target });
          const all = groups.flat().sort((a, b) => a - b);
          expect(all).toEqual(units.map((u) => u.id));
          for (const g of groups) expect(connected(g, adjacency)).toBe(true);
          // No two groups both under half the target while adjacent: tails were merged.
          const total = (g: number[]) => g.reduce((s, id) => s + units[id - 1].households, 0);
          if (groups.length > 1) {
            const small = groups.filter((g) => total(g) < target / 2);
            for (const g of small) {
              const touches = adjacency.some(
                ([a, b]) => g.includes(a) !== g.includes(b) && (g.includes(a) || g.includes(b)),
              );
              expect(touches).toBe(false);
            }
          }
        },
      ),
    );
  });

  it('returns nothing for no units and refuses a non-positive target', () => {
    expect(planPartition({ units: [], adjacency: [], target: 300 })).toEqual([]);
    expect(() => planPartition({ units: [{ id: 1, households: 1, x: 0, y: 0 }], adjacency: [], target: 0 })).toThrow();
  });
});
