/**
 * Auto-partition: redraw all grids of a community as a proposal that meets the standard, from
 * its street blocks (so every boundary follows a street). The plan is pure (domain/grid-partition);
 * writing it is one edit: existing grids are reused where they overlap a planned grid most, so ids,
 * codes and workers stay where they can.
 */
import type pg from 'pg';
import { planPartition, type Unit } from '../domain/grid-partition.ts';
import { DEFAULT_STANDARDS } from '../domain/grid-standards.ts';
import { appError } from '../errors.ts';
import { editIn, runEdit, type Applied, type EditOptions, type EditResult, type Tx } from './grid-edits.ts';

interface PlanUnits {
  units: (Unit & { grid_id: number | null })[];
  adjacency: [number, number][];
}

/** The body of a partition edit, usable inside any edit frame. */
export async function applyPartition(tx: Tx, target: number | undefined): Promise<Applied> {
  const households = target ?? DEFAULT_STANDARDS[tx.community.kind].households;
  const old = await tx.q<{ id: number; code: string; type: string; version: number }>(
    'grid-edits/lock-community-grids',
    [tx.community.id],
  );
  const [{ plan }] = await tx.q<{ plan: PlanUnits }>('grid-edits/partition-units', [tx.community.id]);
  if (!plan.units.length)
    throw appError('bad_request', `Community ${tx.community.code} has no street blocks to partition`);
  const groups = planPartition({ units: plan.units, adjacency: plan.adjacency, target: households });
  const gridOf = new Map(plan.units.map((u) => [u.id, u.grid_id]));

  // Reuse old grids greedily by how many of a group's blocks they held.
  const pairs: { g: number; grid: number; n: number }[] = [];
  groups.forEach((blocks, g) => {
    const counts = new Map<number, number>();
    for (const b of blocks) {
      const o = gridOf.get(b);
      if (o != null) counts.set(o, (counts.get(o) ?? 0) + 1);
    }
    for (const [grid, n] of counts) pairs.push({ g, grid, n });
  });
  pairs.sort((a, b) => b.n - a.n || a.grid - b.grid);
  const gridFor = new Map<number, number>();
  const used = new Set<number>();
  for (const p of pairs) {
    if (gridFor.has(p.g) || used.has(p.grid)) continue;
    gridFor.set(p.g, p.grid);
    used.add(p.grid);
  }
  // Codes of grids that go are freed first, so new grids may take them.
  const removed = old.map((o) => o.id).filter((id) => !used.has(id));
  if (removed.length) await tx.q('grid-edits/free-codes', [removed]);
  const survivors: number[] = [];
  const created: number[] = [];
  const newCount = groups.length - gridFor.size;
  const codes = await tx.nextGridCodes(newCount);
  let k = 0;
  for (const [g, blocks] of groups.entries()) {
    const [u] = await tx.q<{ ewkb: Buffer; parts: number }>('grid-edits/union-blocks', [blocks]);
    const id = gridFor.get(g);
    if (id !== undefined) {
      await tx.setGeom(id, u.ewkb);
      survivors.push(id);
    } else {
      const code = codes[k++];
      const nid = await tx.insertGrid({
        code,
        name: `${tx.community.name_zh}第${survivors.length + created.length + 1}网格`,
        type: tx.community.kind,
        allowMultipart: u.parts > 1,
        ewkb: u.ewkb,
      });
      created.push(nid);
      survivors.push(nid);
    }
  }
  return { survivors, removed, created };
}

export async function partitionCommunity(
  db: pg.Pool,
  communityId: number,
  target: number | undefined,
  basedOn: number | null,
  opts: EditOptions,
): Promise<EditResult> {
  return runEdit(db, communityId, 'partition', opts, async (tx) => {
    if (basedOn !== null) await checkLatest(tx, basedOn);
    return applyPartition(tx, target);
  });
}

export { editIn };

/** 409 when the community has a newer version than the one the client saw. */
export async function checkLatest(tx: Tx, basedOn: number): Promise<void> {
  const [latest] = await tx.q<{ id: string; actor: string; at: Date; op: string }>('grid-edits/latest-version', [
    tx.community.id,
  ]);
  if (latest && Number(latest.id) !== basedOn) {
    throw appError(
      'conflict',
      `The community is at version ${latest.id} (${latest.op} by ${latest.actor} at ${latest.at.toISOString()}), not ${basedOn}; reload it`,
      { version: Number(latest.id), updated_by: latest.actor, updated_at: latest.at.toISOString() },
    );
  }
}
