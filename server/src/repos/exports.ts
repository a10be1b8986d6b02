/**
 * A layer of the city read out for `GET /api/export/{layer}`: one query per layer
 * (sql/export/<layer>.sql) that yields exactly the columns the importer reads back
 * (contract LAYER_COLUMNS), in pages by id so that 700k buildings never sit in memory at once.
 */
import type pg from 'pg';
import { LAYER_COLUMNS, LAYER_GEOMETRY } from '../contract/imports.ts';
import { sql } from '../sql/index.ts';
import { quoteIdent } from './import-stage.ts';

export type ExportLayer = keyof typeof LAYER_COLUMNS;

/** One row for a table format (XLSX): the layer's columns, plus lon/lat (points) or wkt (areas). */
export type ExportRow = Record<string, string | number | boolean | null>;

const PAGE = 5_000;

// Full precision (15), not 7 decimals: the importer compares geometries exactly, and vertices made
// by grid edits (split lines, made-valid rings) carry more than 7 decimals, so rounding would turn
// a re-import into an update. PostGIS prints the shortest text that reads back to the same double,
// so a coordinate stored with 7 decimals (the whole sample city) is still written with 7.
const DIGITS = 15;

/** The layer's own query (id, the contract's columns, geom), as a subquery `r`. */
const source = (layer: ExportLayer) => `(${sql(`export/${layer}`)}) r`;

const columns = (layer: ExportLayer): readonly string[] => LAYER_COLUMNS[layer];

function geojsonSelect(layer: ExportLayer): string {
  const props = columns(layer)
    .map((c) => `'${c}', r.${quoteIdent(c)}`)
    .join(', ');
  const geometry =
    LAYER_GEOMETRY[layer] === 'none' ? 'NULL::json' : `ST_AsGeoJSON(ST_ForcePolygonCCW(r.geom), ${DIGITS})::json`;
  return `json_build_object('type', 'Feature', 'geometry', ${geometry}, 'properties', json_build_object(${props}))::text AS feature`;
}

function tableSelect(layer: ExportLayer): string {
  const cols = columns(layer).map((c) => `r.${quoteIdent(c)}`);
  const kind = LAYER_GEOMETRY[layer];
  // ST_X/ST_Y come back as float8 text that JavaScript reads to the same double.
  if (kind === 'point') cols.push('ST_X(r.geom) AS lon', 'ST_Y(r.geom) AS lat');
  if (kind === 'area') cols.push(`ST_AsText(r.geom, ${DIGITS}) AS wkt`);
  return cols.join(', ');
}

/** The header of the table formats: the layer's columns, then lon, lat or wkt. */
export function exportHeader(layer: ExportLayer): string[] {
  const kind = LAYER_GEOMETRY[layer];
  return [...columns(layer), ...(kind === 'point' ? ['lon', 'lat'] : kind === 'area' ? ['wkt'] : [])];
}

async function* pages<T>(db: pg.Pool, layer: ExportLayer, select: string): AsyncGenerator<T[]> {
  // Keyset pages by id, each its own query: a slow download holds no connection between pages.
  const text = `SELECT r.id::text AS id, ${select} FROM ${source(layer)} WHERE r.id > $1::bigint ORDER BY r.id LIMIT ${PAGE}`;
  for (let after = '0'; ;) {
    const { rows } = await db.query<T & { id: string }>(text, [after]);
    if (!rows.length) return;
    after = rows[rows.length - 1].id;
    yield rows;
  }
}

/** The layer as GeoJSON Feature texts (RFC 7946; registers without a place have geometry null), page by page. */
export async function* exportFeatures(db: pg.Pool, layer: ExportLayer): AsyncGenerator<string[]> {
  for await (const rows of pages<{ feature: string }>(db, layer, geojsonSelect(layer)))
    yield rows.map((r) => r.feature);
}

/** The layer as rows of exportHeader(layer), page by page. */
export async function* exportRows(db: pg.Pool, layer: ExportLayer): AsyncGenerator<ExportRow[]> {
  for await (const rows of pages<ExportRow>(db, layer, tableSelect(layer)))
    yield rows.map(({ id: _id, ...row }) => row);
}

/**
 * The whole layer as one query for ogr2ogr (GeoPackage): the contract's columns and, for layers
 * with a place, the geometry. Constant text of this module and sql/export, no values from a request.
 */
export function exportQuery(layer: ExportLayer): string {
  const cols = columns(layer).map((c) => `r.${quoteIdent(c)}`);
  if (LAYER_GEOMETRY[layer] !== 'none') cols.push('r.geom');
  return `SELECT ${cols.join(', ')} FROM ${source(layer)} ORDER BY r.id`;
}
