/**
 * The history of imports (who, when, which file, what it did) and undo: an import's before-images
 * put back, newest layer import first, as long as nothing has changed those rows since.
 */
import type pg from 'pg';
import type { ImportHistoryEntry, ImportReport } from '../contract/imports.ts';
import { appError } from '../errors.ts';
import { appendEvent } from './outbox.ts';
import { inTransaction } from './transaction.ts';

export async function begin(db: pg.ClientBase): Promise<void> {
  await db.query('BEGIN');
  // A city's buildings are hundreds of thousands of rows: the default request timeout is not theirs.
  await db.query("SET LOCAL statement_timeout = '30min'");
}
export const commit = (db: pg.ClientBase) => db.query('COMMIT').then(() => {});
export const rollback = (db: pg.ClientBase) => db.query('ROLLBACK').then(() => {});

export async function startImport(
  db: pg.ClientBase,
  o: { layer: string; file: string; actor: string; options: Record<string, unknown> },
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO imports (layer, file_name, actor, options) VALUES ($1, $2, $3, $4) RETURNING id`,
    [o.layer, o.file, o.actor, JSON.stringify(o.options)],
  );
  return rows[0].id;
}

/**
 * Writes the report into the history. `id` given: the import's own row (a committed import);
 * otherwise (a dry run or a refusal, after its rollback) a new row records what was tried.
 */
export async function recordImport(
  db: pg.ClientBase,
  r: ImportReport,
  o: { dryRun: boolean; actor: string; refused: string | null; id?: number },
): Promise<number> {
  const stored = { ...r, preview: undefined, refused: o.refused };
  const counts = [r.read, r.inserted, r.updated, r.unchanged, r.repaired.length, r.rejected.length];
  if (o.id !== undefined) {
    await db.query(
      `UPDATE imports SET finished_at = now(), read = $2, inserted = $3, updated = $4, unchanged = $5, repaired = $6,
              rejected = $7, report = $8 WHERE id = $1`,
      [o.id, ...counts, JSON.stringify(stored)],
    );
    return o.id;
  }
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO imports (layer, file_name, actor, options, dry_run, finished_at, read, inserted, updated, unchanged,
                          repaired, rejected, report)
     VALUES ($1, $2, $3, $4, $5, now(), $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [r.layer, r.file, o.actor, JSON.stringify({ crs: r.crs }), o.dryRun, ...counts, JSON.stringify(stored)],
  );
  return rows[0].id;
}

const ENTRY = `
  SELECT i.id, i.layer, i.file_name AS file, i.actor, i.dry_run AS "dryRun",
         iso_utc(i.started_at) AS "startedAt", iso_utc(i.finished_at) AS "finishedAt",
         i.read, i.inserted, i.updated, i.unchanged, i.repaired, i.rejected,
         iso_utc(i.undone_at) AS "undoneAt", i.undone_by AS "undoneBy",
         (NOT i.dry_run AND i.undone_at IS NULL AND i.inserted + i.updated > 0 AND i.layer NOT IN ('grids', 'basemap')
          AND NOT EXISTS (SELECT 1 FROM imports n WHERE n.layer = i.layer AND n.id > i.id AND NOT n.dry_run
                          AND n.undone_at IS NULL AND n.inserted + n.updated > 0)) AS "canUndo"
  FROM imports i`;

export async function listImports(db: pg.Pool, limit: number): Promise<ImportHistoryEntry[]> {
  const { rows } = await db.query<ImportHistoryEntry>(
    `${ENTRY} WHERE i.finished_at IS NOT NULL ORDER BY i.id DESC LIMIT $1`,
    [limit],
  );
  return rows;
}

export async function getImportReport(db: pg.Pool, id: number): Promise<unknown> {
  const { rows } = await db.query<{ report: unknown }>(`SELECT report FROM imports WHERE id = $1`, [id]);
  if (!rows.length) throw appError('not_found', `No import ${id}`);
  return rows[0].report;
}

/**
 * Undo: rows the import inserted are deleted, rows it updated get their before-image back. Refused
 * when a later import of the layer still stands, or when a row it inserted is now referenced.
 */
export async function undoImport(db: pg.Pool, id: number, actor: string): Promise<ImportHistoryEntry> {
  return inTransaction(db, async (client) => {
    const { rows } = await client.query<ImportHistoryEntry>(`${ENTRY} WHERE i.id = $1 FOR UPDATE OF i`, [id]);
    const e = rows[0];
    if (!e) throw appError('not_found', `No import ${id}`);
    if (!e.canUndo) {
      const why = e.dryRun
        ? 'a dry run changed nothing'
        : e.undoneAt
          ? `it was undone at ${e.undoneAt}`
          : e.layer === 'grids'
            ? 'a grids import replaces whole communities: bring their previous grids back by importing the grids file (or an export) from before it'
            : e.layer === 'basemap'
              ? 'a basemap is replaced whole: import the previous OSM file again'
              : e.inserted + e.updated === 0
                ? 'it changed nothing'
                : `a later import of ${e.layer} stands: undo that one first`;
      throw appError('conflict', `Import ${id} cannot be undone: ${why}`);
    }
    const { rows: tables } = await client.query<{ tbl: string }>(
      `SELECT DISTINCT tbl FROM import_changes WHERE import_id = $1`,
      [id],
    );
    for (const { tbl } of tables) {
      // Table names come from import_changes, written only by the importer from its own constants.
      if (!/^[a-z_]+$/.test(tbl)) throw appError('conflict', `Import ${id} recorded an unknown table`);
      try {
        await client.query('SAVEPOINT undo');
        await client.query(
          `DELETE FROM ${tbl} t USING import_changes c
           WHERE c.import_id = $1 AND c.tbl = $2 AND c.before IS NULL AND t.id = c.row_id`,
          [id, tbl],
        );
        await client.query('RELEASE SAVEPOINT undo');
      } catch (err) {
        await client.query('ROLLBACK TO SAVEPOINT undo');
        if ((err as { code?: string }).code === '23503')
          throw appError(
            'conflict',
            `Import ${id} cannot be undone: rows it added are now in use (${(err as Error).message})`,
          );
        throw err;
      }
      const { rows: cols } = await client.query<{ c: string }>(
        `SELECT column_name AS c FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name = $1 AND column_name <> 'id' AND is_generated = 'NEVER'
         ORDER BY ordinal_position`,
        [tbl],
      );
      const list = cols.map((c) => `"${c.c}"`).join(', ');
      await client.query(
        `UPDATE ${tbl} t SET (${list}) = (${cols.map((c) => `b."${c.c}"`).join(', ')})
         FROM (SELECT (jsonb_populate_record(NULL::${tbl}, c.before)).* FROM import_changes c
               WHERE c.import_id = $1 AND c.tbl = $2 AND c.before IS NOT NULL) b
         WHERE t.id = b.id`,
        [id, tbl],
      );
    }
    await client.query(`UPDATE imports SET undone_at = now(), undone_by = $2 WHERE id = $1`, [id, actor]);
    await appendEvent(client, { type: 'city.imported', payload: { layer: e.layer, import: id, undone: true } });
    const { rows: after } = await client.query<ImportHistoryEntry>(`${ENTRY} WHERE i.id = $1`, [id]);
    return after[0];
  });
}

/** The basemap is merged by its own transaction (osm2pgsql's); its report joins the history after. */
export async function recordBasemapImport(pool: pg.Pool, r: ImportReport, actor: string): Promise<number> {
  const client = await pool.connect();
  try {
    if (!r.dryRun && r.inserted + r.updated > 0)
      await appendEvent(client, { type: 'city.imported', payload: { layer: 'basemap', inserted: r.inserted } });
    return await recordImport(client, r, { dryRun: r.dryRun, actor, refused: null });
  } finally {
    client.release();
  }
}
