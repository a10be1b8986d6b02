/**
 * The grid operations — split, merge, boundary move, block reassignment, restore — each as the
 * body of one runEdit frame (grid-edits.ts), which does the re-assignment, the invariant checks,
 * the history and the event.
 */
import type pg from 'pg';
import type { AreaInput, LineInput } from '../domain/grid-geometry.ts';
import { appError } from '../errors.ts';
import { sql } from '../sql/index.ts';
import {
  communityOf,
  EDGE_SNAP_DEG,
  LINE_SNAP_DEG,
  MIN_PIECE_M2,
  runEdit,
  type EditOptions,
  type EditResult,
  type GridSnapshot,
  type Tx,
} from './grid-edits.ts';

const m2 = (x: number) => `${Math.round(x).toLocaleString('en')} m²`;

/** Split a grid along a line; the largest piece keeps the grid's id, code and worker. */
export async function splitGrid(
  db: pg.Pool,
  id: number,
  line: LineInput,
  version: number,
  opts: EditOptions,
): Promise<EditResult> {
  const communityId = await communityOf(db, [id]);
  return runEdit(db, communityId, 'split', opts, async (tx) => {
    const [g] = await tx.lockGrids([id], { [id]: version });
    const pieces = await tx.q<{ ewkb: Buffer; area_m2: number; parts: number; snapped: string }>('grid-edits/split', [
      id,
      JSON.stringify(line),
      LINE_SNAP_DEG,
    ]);
    if (pieces.length < 2) {
      throw appError(
        'line_misses',
        `The line does not cut grid ${g.code} in two: draw it across the grid, from outside one edge to outside another`,
      );
    }
    const small = pieces.find((p) => p.area_m2 < MIN_PIECE_M2);
    if (small)
      throw appError(
        'bad_geometry',
        `The line would cut off a sliver of ${m2(small.area_m2)} (at least ${m2(MIN_PIECE_M2)} per piece)`,
      );
    const broken = pieces.find((p) => p.parts > 1);
    if (broken && !g.allow_multipart) {
      throw appError(
        'breaks_tiling',
        `The line would leave a piece of grid ${g.code} in ${broken.parts} separate parts; draw it so that every piece is one area`,
      );
    }
    await tx.setGeom(id, pieces[0].ewkb);
    // New pieces are numbered on in the community (C07-G013…), named as the community names its grids.
    const codes = await tx.nextGridCodes(pieces.length - 1);
    const created: number[] = [];
    for (const [k, p] of pieces.slice(1).entries()) {
      const n = Number(/G(\d+)$/.exec(codes[k])?.[1] ?? 0);
      created.push(
        await tx.insertGrid({
          code: codes[k],
          name: `${tx.community.name_zh}第${n}网格`,
          type: g.type,
          allowMultipart: g.allow_multipart,
          ewkb: p.ewkb,
        }),
      );
    }
    return { survivors: [id, ...created], removed: [], created, snapped: JSON.parse(pieces[0].snapped) };
  });
}

/** Merge adjacent grids of one community into the first one named. */
export async function mergeGrids(
  db: pg.Pool,
  ids: readonly number[],
  versions: readonly number[],
  opts: EditOptions,
): Promise<EditResult> {
  if (new Set(ids).size !== ids.length) throw appError('bad_request', 'A grid is named twice');
  if (versions.length !== ids.length)
    throw appError('bad_request', `Give one version per grid: ${ids.length} ids, ${versions.length} versions`);
  const communityId = await communityOf(db, ids);
  return runEdit(db, communityId, 'merge', opts, async (tx) => {
    const locked = await tx.lockGrids(ids, Object.fromEntries(ids.map((id, i) => [id, versions[i]])));
    const [u] = await tx.q<{ ewkb: Buffer; parts: number }>('grid-edits/merge', [ids]);
    const keep = locked.find((g) => g.id === ids[0])!;
    if (u.parts > 1 && !keep.allow_multipart) {
      throw appError(
        'not_adjacent',
        `Grids ${locked.map((g) => g.code).join(', ')} do not form one connected area (${u.parts} parts); merge only grids that share a boundary`,
      );
    }
    await tx.setGeom(keep.id, u.ewkb);
    return { survivors: [keep.id], removed: ids.slice(1) };
  });
}

/** Checks a drawn area in PostGIS (validity, inside the community) and returns it as EWKB. */
export async function checkedArea(
  client: pg.ClientBase | pg.Pool,
  area: AreaInput,
  communityId: number | null,
  what = 'The geometry',
): Promise<Buffer> {
  const { rows } = await client.query<{
    valid: boolean;
    reason: string | null;
    outside_m2: number | null;
    area_m2: number;
    ewkb: Buffer;
  }>(sql('grid-edits/check-area'), [JSON.stringify(area), communityId]);
  const r = rows[0];
  if (!r.valid) throw appError('bad_geometry', `${what} is not a valid polygon: ${r.reason}`);
  if (r.outside_m2 !== null && r.outside_m2 > 1) {
    throw appError(
      'outside_community',
      `${what} reaches ${m2(r.outside_m2)} outside its community; a grid must stay within its community`,
    );
  }
  return r.ewkb;
}

/**
 * Give grid `id` the area `ewkb` (already checked): the other grids of the community lose what
 * it takes and the pieces it gives up go to the neighbours that border them.
 */
async function moveTo(tx: Tx, id: number, ewkb: Buffer): Promise<{ survivors: number[]; removed: number[] }> {
  const rows = await tx.q<{ id: number | null; ewkb: Buffer; parts: number; area_m2: number }>('grid-edits/move', [
    id,
    ewkb,
    EDGE_SNAP_DEG,
    tx.community.id,
  ]);
  const orphan = rows.find((r) => r.id === null);
  if (orphan)
    throw appError(
      'breaks_tiling',
      `The change would leave ${m2(orphan.area_m2)} that borders no other grid without a grid`,
    );
  const codes = new Map((await tx.lockGrids(rows.map((r) => r.id!))).map((g) => [g.id, g]));
  for (const r of rows) {
    const g = codes.get(r.id!)!;
    if (r.area_m2 < 1) throw appError('breaks_tiling', `Grid ${g.code} would be left with no area; merge it instead`);
    if (r.parts > 1 && !g.allow_multipart)
      throw appError('breaks_tiling', `Grid ${g.code} would be cut into ${r.parts} separate parts`);
  }
  for (const r of rows) await tx.setGeom(r.id!, r.ewkb);
  return { survivors: rows.map((r) => r.id!), removed: [] };
}

/** Move a grid's boundary: `area` is the grid's new shape; neighbours change with it. */
export async function moveBoundary(
  db: pg.Pool,
  id: number,
  area: AreaInput,
  version: number,
  neighbourVersions: Record<number, number>,
  opts: EditOptions,
): Promise<EditResult> {
  const communityId = await communityOf(db, [id]);
  return runEdit(db, communityId, 'move', opts, async (tx) => {
    await tx.lockGrids([id, ...Object.keys(neighbourVersions).map(Number)], { ...neighbourVersions, [id]: version });
    const ewkb = await checkedArea(tx.client, area, communityId, 'The new boundary');
    return moveTo(tx, id, ewkb);
  });
}

/** Paint blocks into a grid (the brush). Seamless by construction: blocks only change hands. */
export async function reassignBlocks(
  db: pg.Pool,
  target: number,
  blockIds: readonly number[],
  version: number | undefined,
  versions: Record<number, number>,
  opts: EditOptions,
): Promise<EditResult> {
  if (!blockIds.length) throw appError('bad_request', 'Name at least one block');
  const communityId = await communityOf(db, [target]);
  return runEdit(db, communityId, 'reassign', opts, async (tx) => {
    const [t] = await tx.lockGrids([target], version === undefined ? {} : { [target]: version });
    const [u] = await tx.q<{ ewkb: Buffer; found: number; foreign_ids: number[]; moving: number }>(
      'grid-edits/blocks-union',
      [target, blockIds],
    );
    if (u.found < new Set(blockIds).size)
      throw appError('not_found', `${new Set(blockIds).size - u.found} of the blocks do not exist`);
    if (u.foreign_ids.length)
      throw appError(
        'outside_community',
        `Blocks ${u.foreign_ids.join(', ')} lie outside the community of grid ${t.code}`,
      );
    if (!u.moving) throw appError('bad_request', `All these blocks are already in grid ${t.code}`);
    const { rows } = await tx.client.query<{ id: number; version: number }>(
      'SELECT DISTINCT g.id, g.version FROM blocks b JOIN grids g ON g.id = b.grid_id WHERE b.id = ANY($1::int[]) AND g.id <> $2',
      [blockIds, target],
    );
    await tx.lockGrids(
      rows.map((r) => r.id),
      versions,
    );
    return moveTo(tx, target, u.ewkb);
  });
}

/**
 * The state of a community's grids at a version: after it (`side` 'after') or just before it
 * ('before'), rebuilt by walking back from the current state through the newer versions.
 */
export async function stateAt(
  db: pg.Pool | pg.ClientBase,
  communityId: number,
  versionId: number,
  side: 'before' | 'after',
): Promise<GridSnapshot[]> {
  const { rows: own } = await db.query('SELECT 1 FROM grid_versions WHERE id = $1 AND community_id = $2', [
    versionId,
    communityId,
  ]);
  if (!own.length) throw appError('not_found', `Community ${communityId} has no version ${versionId}`);
  const { rows: snap } = await db.query<{ grids: GridSnapshot[] }>(sql('grid-edits/snapshot'), [communityId]);
  const state = new Map(snap[0].grids.map((g) => [g.id, g]));
  const { rows } = await db.query<{ id: number; before: GridSnapshot[]; after: GridSnapshot[] }>(
    sql('grid-edits/versions-since'),
    [communityId, versionId, side === 'before'],
  );
  for (const v of rows) {
    for (const g of v.after) state.delete(g.id);
    for (const g of v.before) state.set(g.id, g);
  }
  return [...state.values()].sort((a, b) => a.id - b.id);
}

/**
 * Restore a community's grids to an earlier state (undo, redo, or any version of the history).
 * `basedOn` is the newest version the client knew: if someone edited the community since, 409.
 */
export async function restoreVersion(
  db: pg.Pool,
  communityId: number,
  versionId: number,
  side: 'before' | 'after',
  basedOn: number | null,
  opts: EditOptions,
): Promise<EditResult> {
  return runEdit(db, communityId, 'restore', opts, async (tx) => {
    const [latest] = await tx.q<{ id: string; actor: string; at: Date; op: string }>('grid-edits/latest-version', [
      communityId,
    ]);
    if (basedOn !== null && latest && Number(latest.id) !== basedOn) {
      throw appError(
        'conflict',
        `The community is at version ${latest.id} (${latest.op} by ${latest.actor} at ${latest.at.toISOString()}), not ${basedOn}; reload it`,
        { version: Number(latest.id), updated_by: latest.actor, updated_at: latest.at.toISOString() },
      );
    }
    const target = await stateAt(tx.client, communityId, versionId, side);
    const { rows: cur } = await tx.client.query<{ id: number }>(sql('grid-edits/lock-community-grids'), [communityId]);
    const want = new Map(target.map((g) => [g.id, g]));
    const removed = cur.map((r) => r.id).filter((id) => !want.has(id));
    const present = new Set(cur.map((r) => r.id));
    // Codes of grids about to go may be reused by the grids coming back: free them first.
    if (removed.length) await tx.q('grid-edits/free-codes', [removed]);
    for (const g of target) {
      const geo = JSON.stringify(g.geom);
      if (present.has(g.id)) {
        await tx.client.query(
          `UPDATE grids SET geom = ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($2), 4326)), code = $3, name = $4, type = $5,
             allow_multipart = $6, version = version + 1, updated_at = now(), updated_by = $7
           WHERE id = $1 AND NOT (ST_Equals(geom, ST_SetSRID(ST_GeomFromGeoJSON($2), 4326)) AND code = $3 AND name = $4)`,
          [g.id, geo, g.code, g.name, g.type, g.allow_multipart, opts.actor],
        );
      } else {
        const { rows } = await tx.client.query<{ ewkb: Buffer }>(
          'SELECT ST_AsEWKB(ST_SetSRID(ST_GeomFromGeoJSON($1), 4326)) AS ewkb',
          [geo],
        );
        await tx.insertGrid({
          id: g.id,
          code: g.code,
          name: g.name,
          type: g.type,
          allowMultipart: g.allow_multipart,
          ewkb: rows[0].ewkb,
          version: g.version + 1,
        });
      }
    }
    return { survivors: target.map((g) => g.id), removed, restoredFrom: versionId };
  });
}
