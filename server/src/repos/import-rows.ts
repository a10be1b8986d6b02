/**
 * From the staging table to `imp`, the import's working table: each row's attributes read through
 * the layer's column map and checked (domain/import-rows.ts), its geometry judged and repaired in
 * PostGIS, duplicates of a code within the file refused. `imp` lives for the transaction.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { mapColumns } from '../domain/import-columns.ts';
import { checkRow, type Raw } from '../domain/import-rows.ts';
import type { ImportLayer, Reject, Repair } from '../contract/imports.ts';
import { sql } from '../sql/index.ts';
import { quoteIdent, stagingRef } from './import-stage.ts';

export type RowLayer = Exclude<ImportLayer, 'basemap'>;

export interface RowNotes {
  repaired: Repair[];
  rejected: Reject[];
}

const BATCH = 50_000;

/**
 * Fills `imp` (idx, code, v) from the staging table; returns the per-row notes so far.
 * `onRows` is told how many rows have been read.
 */
export async function readRows(
  db: pg.ClientBase,
  layer: RowLayer,
  table: string,
  columns: string[],
  onRows?: (n: number) => void,
): Promise<{ mapped: Record<string, string> }> {
  await db.query(sql('import/imp-create'));
  const mapped = mapColumns(layer, columns);
  const fields = Object.keys(mapped);
  const select = fields.map((f) => `${quoteIdent(mapped[f])}::text AS ${quoteIdent(f)}`);
  const seen = new Map<string, number>();
  for (let after = 0; ;) {
    const { rows } = await db.query<Raw & { ogc_fid: number }>(
      `SELECT ogc_fid${select.length ? ', ' + select.join(', ') : ''} FROM ${stagingRef(table)}
       WHERE ogc_fid > $1 ORDER BY ogc_fid LIMIT ${BATCH}`,
      [after],
    );
    if (!rows.length) break;
    let lines = '';
    for (const r of rows) {
      const index = r.ogc_fid - 1;
      // A row without a code is kept under a stand-in (a building is then known by where it
      // stands, a 1 m geohash cell set in SQL; any other such row is refused).
      const code = r.code?.trim() || `~${index}`;
      if (layer === 'buildings') r.code = code;
      const c = checkRow(layer, r);
      // Refused rows stay in the working table too: the preview draws them, the notes list them.
      let reject = c.ok ? null : c.reason;
      if (c.ok) {
        const first = seen.get(code);
        if (first !== undefined) reject = `code ${code} repeats row ${first} of the file`;
        else seen.set(code, index);
      }
      const v = c.ok ? JSON.stringify(c.values) : '{}';
      const fixes = c.ok && !reject ? c.repairs : [];
      lines += `${index}\t${copyText(code)}\t${copyText(v)}\t${copyText(pgArray(fixes))}\t${reject === null ? '\\N' : copyText(reject)}\n`;
    }
    if (lines) await copyInto(db, 'COPY imp (idx, code, v, fixes, reject) FROM STDIN', lines);
    after = rows[rows.length - 1].ogc_fid;
    onRows?.(after);
  }
  return { mapped };
}

/** A text[] literal: each element quoted, its quotes and backslashes escaped. */
const pgArray = (list: string[]) =>
  `{${list.map((x) => `"${x.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;

/** COPY's text format: backslash, tab and line breaks escaped. */
const copyText = (v: string) =>
  v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');

async function copyInto(db: pg.ClientBase, statement: string, text: string): Promise<void> {
  const stream = db.query(copyFrom(statement));
  await pipeline(Readable.from([text]), stream);
}

/** Geometry of each row, judged and repaired: areas (polygons) or points. Rejections land in imp.reject. */
export async function judgeGeometry(
  db: pg.ClientBase,
  table: string,
  kind: 'area' | 'point',
  opts: { single?: boolean; ccwIsRule?: boolean; index?: boolean },
): Promise<void> {
  // Built as a new table rather than updated in place: a rewrite of every row costs twice.
  const judge = kind === 'point' ? sql('import/geometry-point') : sql('import/geometry-area');
  const params = kind === 'point' ? [] : [opts.single === true, opts.ccwIsRule === true];
  await db.query(
    `CREATE TEMP TABLE imp_judged ON COMMIT DROP AS
     WITH src AS (SELECT i.idx, s.geom AS g0 FROM imp i JOIN ${stagingRef(table)} s ON s.ogc_fid = i.idx + 1)
     ${judge}`,
    params,
  );
  await db.query(
    `CREATE TEMP TABLE imp_next ON COMMIT DROP AS
     SELECT i.idx, i.code, i.v, j.g0, j.g, i.fixes || coalesce(j.fixes, '{}') AS fixes,
            coalesce(i.reject, j.reject) AS reject, i.parent_id, i.target_id, i.outcome, i.problem
     FROM imp i LEFT JOIN imp_judged j USING (idx)`,
  );
  await db.query('DROP TABLE imp, imp_judged');
  await db.query('ALTER TABLE imp_next RENAME TO imp');
  await db.query('ALTER TABLE imp ADD PRIMARY KEY (idx)');
  // Areas are compared with their neighbours in the file: that needs a spatial index.
  if (opts.index) await db.query('CREATE INDEX ON imp USING gist (g)');
  await db.query('ANALYZE imp');
}

/** What `imp` says about each row: rejections and repairs made in SQL. */
export async function sqlNotes(db: pg.ClientBase): Promise<RowNotes> {
  const { rows } = await db.query<{ idx: number; code: string; reject: string | null; fixes: string[] }>(
    `SELECT idx, code, reject, fixes FROM imp WHERE reject IS NOT NULL OR cardinality(fixes) > 0 ORDER BY idx`,
  );
  const notes: RowNotes = { repaired: [], rejected: [] };
  for (const r of rows) {
    const code = r.code.startsWith('~') ? null : r.code;
    if (r.reject) notes.rejected.push({ index: r.idx, code, reason: r.reject });
    else for (const what of r.fixes) notes.repaired.push({ index: r.idx, code, what });
  }
  return notes;
}

/** A building without a code is known by where it stands: the 1 m geohash cell of its inner point. */
export async function codeBuildings(db: pg.ClientBase): Promise<void> {
  await db.query(
    `UPDATE imp SET code = 'GH' || ST_GeoHash(ST_PointOnSurface(g), 10) WHERE code LIKE '~%' AND reject IS NULL`,
  );
  await db.query(
    `UPDATE imp i SET reject = 'a building without a code stands where row ' || f.idx || ' does'
     FROM (SELECT code, min(idx) AS idx FROM imp WHERE reject IS NULL GROUP BY code HAVING count(*) > 1) f
     WHERE i.code = f.code AND i.idx > f.idx AND i.reject IS NULL`,
  );
}
