/**
 * Grid edits. Every operation runs as one transaction with the same frame (runEdit):
 * lock the community, lock and version-check the grids named, write the new boundaries,
 * re-assign blocks, buildings, households, key places, cameras, open incidents and workers
 * (gb_grid_reassign), check that the community is still tiled exactly (gb_tiling_problems),
 * record the version row and append the `grid.changed` event — or roll everything back.
 * A preview runs the very same steps and rolls back, so what the planner sees is what a save does.
 */
import type pg from 'pg';
import type { EditOp, EditResult, GridSnapshot } from '../contract/grid-edits.ts';
import { appError, AppError } from '../errors.ts';
import { sql } from '../sql/index.ts';
import { inTransaction } from './transaction.ts';
import { appendEvent } from './outbox.ts';

/** Snap tolerance for drawn lines and boundaries, in degrees (about 15 m / 2 m at 26°N). */
export const LINE_SNAP_DEG = 15 / 111_000;
export const EDGE_SNAP_DEG = 2 / 111_000;
/** Smallest piece a split may leave, m². */
export const MIN_PIECE_M2 = 100;

export type { EditOp, EditResult, GridSnapshot };

export interface EditOptions {
  actor: string;
  reason?: string;
  preview?: boolean;
}

interface LockedGrid {
  id: number;
  community_id: number;
  code: string;
  name: string;
  type: string;
  version: number;
  updated_by: string;
  updated_at: Date;
  allow_multipart: boolean;
  worker_id: number | null;
}

interface Community {
  id: number;
  code: string;
  name_zh: string;
  kind: 'urban' | 'rural';
  street_office_id: number;
  district_id: number;
}

/** What an operation did, for the frame to finish. */
export interface Applied {
  survivors: number[];
  removed: number[];
  created?: number[];
  restoredFrom?: number | null;
  snapped?: unknown;
  /** A new community's first record may change no grid that existed before. */
  allowNoop?: boolean;
}

export class Tx {
  constructor(
    readonly client: pg.ClientBase,
    readonly community: Community,
    readonly actor: string,
  ) {}

  async q<R extends pg.QueryResultRow = pg.QueryResultRow>(name: string, params: unknown[]): Promise<R[]> {
    return (await this.client.query<R>(sql(name), params)).rows;
  }

  /** Locks the grids and checks them against the versions the client based its edit on. */
  async lockGrids(ids: readonly number[], versions: Readonly<Record<number, number>> = {}): Promise<LockedGrid[]> {
    const rows = await this.q<LockedGrid>('grid-edits/lock-grids', [ids]);
    const found = new Set(rows.map((r) => r.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) throw appError('not_found', `No grid with id ${missing.join(', ')}`);
    for (const r of rows) {
      if (r.community_id !== this.community.id) {
        throw appError(
          'bad_request',
          `Grid ${r.code} belongs to another community; an edit stays within one community`,
        );
      }
      const based = versions[r.id];
      if (based !== undefined && based !== r.version) {
        throw appError(
          'conflict',
          `Grid ${r.code} is at version ${r.version}, changed by ${r.updated_by} at ${r.updated_at.toISOString()}; ` +
            `your edit was based on version ${based}. Reload and redo it.`,
          { grid_id: r.id, version: r.version, updated_by: r.updated_by, updated_at: r.updated_at.toISOString() },
        );
      }
    }
    return rows;
  }

  async setGeom(id: number, ewkb: Buffer): Promise<void> {
    await this.q('grid-edits/set-geom', [id, ewkb, this.actor]);
  }

  async insertGrid(g: {
    id?: number | null;
    code: string;
    name: string;
    type: string;
    allowMultipart: boolean;
    ewkb: Buffer | string;
    version?: number;
    workerId?: number | null;
  }): Promise<number> {
    const rows = await this.q<{ id: number }>('grid-edits/insert-grid', [
      g.id ?? null,
      this.community.id,
      g.code,
      g.name,
      g.type,
      g.allowMultipart,
      g.ewkb,
      this.actor,
      g.version ?? 1,
      g.workerId ?? null,
    ]);
    return rows[0].id;
  }

  /** `count` unused grid codes of the community, numbered on from its highest (C07-G013, C07-G014…). */
  async nextGridCodes(count: number): Promise<string[]> {
    if (count <= 0) return [];
    const prefix = `${this.community.code}-G`;
    const used = (await this.q<{ code: string }>('grid-edits/used-codes', [prefix])).map((r) => r.code);
    let n = Math.max(0, ...used.map((c) => Number(/^(\d+)/.exec(c.slice(prefix.length))?.[1] ?? 0)));
    return Array.from({ length: count }, () => `${prefix}${String(++n).padStart(3, '0')}`);
  }
}

async function snapshot(client: pg.ClientBase, communityId: number): Promise<GridSnapshot[]> {
  const { rows } = await client.query<{ grids: GridSnapshot[] }>(sql('grid-edits/snapshot'), [communityId]);
  return rows[0].grids;
}

const sameGrid = (a: GridSnapshot, b: GridSnapshot) =>
  a.version === b.version &&
  a.households === b.households &&
  a.population === b.population &&
  a.worker_id === b.worker_id;

/** Turns database refusals of a geometry into the client's 4xx instead of a 500. */
export function asClientError(err: unknown): unknown {
  if (err instanceof AppError) return err;
  const e = err as { code?: string; message?: string; table?: string };
  if (e.code === '23514' && e.table === 'grids') {
    return appError('breaks_tiling', `A grid would become invalid or fall into separate parts (${e.message})`);
  }
  if (e.code === 'XX000' && /GEOS|Topology|geometry|LWGEOM|ring/i.test(e.message ?? '')) {
    return appError('bad_geometry', `PostGIS could not process the geometry: ${e.message}`);
  }
  if (e.code === '23505') return appError('conflict', `A code is already used: ${e.message}`);
  if (e.code === '22023' || e.code === '22P02')
    return appError('bad_geometry', `The geometry could not be read: ${e.message}`);
  return err;
}

/** Runs one operation of a community in the common frame (see the file comment), in its own transaction. */
export async function runEdit(
  db: pg.Pool,
  communityId: number,
  op: EditOp,
  opts: EditOptions,
  apply: (tx: Tx) => Promise<Applied>,
): Promise<EditResult> {
  try {
    const result = await inTransaction(
      db,
      async (client) => {
        // An edit is short; a stuck lock or a runaway geometry must not hold the community for long.
        await client.query("SET LOCAL statement_timeout = '20s'");
        await client.query("SET LOCAL lock_timeout = '10s'");
        return editIn(client, communityId, op, opts, apply);
      },
      { rollback: opts.preview },
    );
    return opts.preview ? { ...result, preview: true, version: null } : result;
  } catch (err) {
    throw asClientError(err);
  }
}

/**
 * The frame inside a caller's transaction (an import edits several communities in one):
 * lock, apply, re-assign, check, record, announce. Throws (and the caller rolls back) on refusal.
 */
export async function editIn(
  client: pg.ClientBase,
  communityId: number,
  op: EditOp,
  opts: EditOptions,
  apply: (tx: Tx) => Promise<Applied>,
): Promise<EditResult> {
  const { rows: cs } = await client.query<Community>(sql('grid-edits/lock-community'), [communityId]);
  if (!cs.length) throw appError('not_found', `No community with id ${communityId}`);
  const tx = new Tx(client, cs[0], opts.actor);
  const before = await snapshot(client, communityId);
  const applied = await apply(tx);
  await client.query(sql('grid-edits/reassign'), [applied.survivors, applied.removed, opts.actor]);
  await client.query(sql('grid-edits/blocks-follow'), [communityId]);
  const problems = (
    await client.query<{ grid_id: number | null; code: string | null; problem: string }>(sql('grid-edits/problems'), [
      communityId,
    ])
  ).rows;
  if (problems.length) {
    const text = problems
      .slice(0, 5)
      .map((p) => (p.code ? `grid ${p.code} ${p.problem}` : `the change ${p.problem}`))
      .join('; ');
    throw appError('breaks_tiling', `Refused: ${text}`, { problems });
  }
  const after = await snapshot(client, communityId);
  const byId = new Map(before.map((g) => [g.id, g]));
  const afterIds = new Set(after.map((g) => g.id));
  const changedAfter = after.filter((g) => !byId.has(g.id) || !sameGrid(byId.get(g.id)!, g));
  const changedBefore = before.filter((g) => !afterIds.has(g.id) || changedAfter.some((a) => a.id === g.id));
  const created = after.filter((g) => !byId.has(g.id)).map((g) => g.id);
  const removed = before.filter((g) => !afterIds.has(g.id)).map((g) => g.id);
  const changed = changedAfter.filter((g) => byId.has(g.id)).map((g) => g.id);
  if (!changedAfter.length && !removed.length && !applied.allowNoop)
    throw appError('bad_request', 'The edit changes nothing');
  const ids = [...new Set([...changedBefore, ...changedAfter].map((g) => g.id))].sort((a, b) => a - b);
  const { rows: rec } = await client.query<{ id: number }>(sql('grid-edits/record'), [
    communityId,
    op,
    opts.actor,
    opts.reason ?? '',
    ids,
    JSON.stringify(changedBefore),
    JSON.stringify(changedAfter),
    applied.restoredFrom ?? null,
  ]);
  const version = Number(rec[0].id);
  await appendEvent(client, {
    type: 'grid.changed',
    payload: { op, version, actor: opts.actor, grids: ids, changed, created, removed },
    communityId,
    districtId: tx.community.district_id,
  });
  return {
    op,
    preview: false,
    community_id: communityId,
    version,
    changed,
    created,
    removed,
    before,
    after,
    snapped: applied.snapped,
  };
}

/** The community a set of grids belongs to (one community, or a 400). */
export async function communityOf(db: pg.Pool, gridIds: readonly number[]): Promise<number> {
  const { rows } = await db.query<{ community_id: number }>(sql('grid-edits/community-of'), [gridIds]);
  if (!rows.length) throw appError('not_found', `No grid with id ${gridIds.join(', ')}`);
  if (rows.length > 1)
    throw appError('bad_request', 'The grids belong to different communities; an edit stays within one community');
  return rows[0].community_id;
}
