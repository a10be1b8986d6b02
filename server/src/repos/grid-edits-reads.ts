/** Reads for the grid editor: a community's grids with their balance, its blocks, its history. */
import type pg from 'pg';
import type { HistoryEntry } from '../contract/grid-edits.ts';
import { DEFAULT_BAND, DEFAULT_STANDARDS } from '../domain/grid-standards.ts';
import { appError } from '../errors.ts';
import { sql } from '../sql/index.ts';
import type { PrintMap } from '../render/grid-print-pdf.ts';

export async function communityKind(db: pg.Pool | pg.ClientBase, id: number): Promise<'urban' | 'rural'> {
  const { rows } = await db.query<{ kind: 'urban' | 'rural' }>('SELECT kind FROM communities WHERE id = $1', [id]);
  if (!rows.length) throw appError('not_found', `No community with id ${id}`);
  return rows[0].kind;
}

/** The community's grids as a FeatureCollection (text) with households against `target` ± `band`. */
export async function communityGrids(db: pg.Pool, id: number, target?: number, band?: number): Promise<string> {
  const kind = await communityKind(db, id);
  const { rows } = await db.query<{ body: string }>(sql('grid-edits/community-grids'), [
    id,
    target ?? DEFAULT_STANDARDS[kind].households,
    band ?? DEFAULT_BAND,
  ]);
  return rows[0].body;
}

export async function communityBlocks(db: pg.Pool, id: number): Promise<string> {
  await communityKind(db, id);
  const { rows } = await db.query<{ body: string }>(sql('grid-edits/blocks'), [id]);
  return rows[0].body;
}

export async function communityHistory(
  db: pg.Pool,
  id: number,
  limit: number,
  gridId: number | null = null,
): Promise<HistoryEntry[]> {
  const { rows } = await db.query(sql('grid-edits/history'), [id, limit, gridId]);
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    at: (r.at as Date).toISOString(),
    restored_from: r.restored_from === null ? null : Number(r.restored_from),
  }));
}

export async function gridCommunity(db: pg.Pool, gridId: number): Promise<number | null> {
  const { rows } = await db.query<{ community_id: number }>('SELECT community_id FROM grids WHERE id = $1', [gridId]);
  if (rows.length) return rows[0].community_id;
  // A grid merged away lives on in the history.
  const { rows: h } = await db.query<{ community_id: number }>(
    'SELECT community_id FROM grid_versions WHERE $1 = ANY(grid_ids) ORDER BY id DESC LIMIT 1',
    [gridId],
  );
  return h[0]?.community_id ?? null;
}

export async function communityExport(db: pg.Pool, id: number): Promise<string | null> {
  const { rows } = await db.query<{ body: string }>(sql('grid-edits/export'), [id]);
  return rows[0]?.body ?? null;
}

export async function gridPrintMap(db: pg.Pool, id: number): Promise<PrintMap | null> {
  const { rows } = await db.query<{ map: PrintMap }>(sql('grid-edits/print'), [id]);
  return rows[0]?.map ?? null;
}
