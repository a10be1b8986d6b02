/**
 * A city's file as GDAL should open it: a zipped Shapefile through /vsizip/, a spreadsheet turned
 * into UTF-8 CSV (exceljs reads XLSX; cells are taken as the text they show, so codes stay text),
 * a CSV in GBK decoded, and the open options that find coordinate columns in tables.
 */
import { mkdtemp, open, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import ExcelJS from 'exceljs';
import { LAT_NAMES, LON_NAMES, WKT_NAMES } from '../domain/import-columns.ts';
import { SourceError } from './gdal.ts';

export type SourceKind = 'shapefile' | 'geopackage' | 'kml' | 'geojson' | 'csv' | 'xlsx';

export interface PreparedSource {
  kind: SourceKind;
  /** What GDAL opens. */
  path: string;
  openOptions: string[];
  /** The text encoding the rows were read in, when the importer chose or was told one. */
  encoding: string | null;
  notes: string[];
  cleanup: () => Promise<void>;
}

const KINDS: Record<string, SourceKind> = {
  '.shp': 'shapefile',
  '.zip': 'shapefile',
  '.gpkg': 'geopackage',
  '.kml': 'kml',
  '.kmz': 'kml',
  '.geojson': 'geojson',
  '.json': 'geojson',
  '.csv': 'csv',
  '.txt': 'csv',
  '.xlsx': 'xlsx',
};

const TABLE_OPTIONS = [
  `X_POSSIBLE_NAMES=${LON_NAMES.join(',')}`,
  `Y_POSSIBLE_NAMES=${LAT_NAMES.join(',')}`,
  `GEOM_POSSIBLE_NAMES=${WKT_NAMES.join(',')}`,
  'KEEP_GEOM_COLUMNS=YES',
  'EMPTY_STRING_AS_NULL=YES',
];

/** `name` is the file's own name (an upload is stored under a temporary one). */
export async function prepareSource(path: string, name: string, encoding: string | null): Promise<PreparedSource> {
  const ext = extname(name).toLowerCase();
  const kind = KINDS[ext];
  if (!kind)
    throw new SourceError(
      `cannot read "${ext || name}" files: bring a Shapefile (.shp or .zip), GeoPackage, KML/KMZ, GeoJSON, CSV or XLSX`,
    );
  const size = (await stat(path)).size;
  if (size === 0) throw new SourceError('the file is empty');
  const none = async () => {};
  if (kind === 'shapefile' && ext === '.shp') {
    const stem = basename(path, extname(path));
    const siblings = (await readdir(dirname(path))).map((f) => f.toLowerCase());
    if (!siblings.includes(`${stem.toLowerCase()}.dbf`))
      throw new SourceError(`${name} comes without its .dbf, which holds the attributes (codes, names): bring both`);
    return shapefile(path, encoding, none);
  }
  if (kind === 'shapefile') {
    if (!(await isZip(path))) throw new SourceError(`${name} is not a zip archive`);
    return shapefile(`/vsizip/${path}`, encoding, none);
  }
  if (kind === 'kml' && ext === '.kmz' && !(await isZip(path)))
    throw new SourceError(`${name} is not a KMZ (zipped KML) file`);
  if (kind === 'csv') return csv(path, encoding);
  if (kind === 'xlsx') return xlsx(path, name);
  return { kind, path, openOptions: [], encoding: null, notes: [], cleanup: none };
}

function shapefile(path: string, encoding: string | null, cleanup: () => Promise<void>): PreparedSource {
  // GDAL honours the .cpg (or the DBF's language id); --encoding overrides both.
  return {
    kind: 'shapefile',
    path,
    openOptions: encoding ? [`ENCODING=${encoding}`] : [],
    encoding,
    notes: [],
    cleanup,
  };
}

async function isZip(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(4);
    await fh.read(buf, 0, 4, 0);
    return buf.readUInt32LE(0) === 0x04034b50;
  } finally {
    await fh.close();
  }
}

/** A CSV in GBK (as Excel in China saves it) is decoded to UTF-8 first: GDAL's CSV reader assumes UTF-8. */
async function csv(path: string, encoding: string | null): Promise<PreparedSource> {
  const bytes = await readFile(path);
  let enc = encoding;
  const notes: string[] = [];
  if (!enc) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      enc = 'gb18030';
      notes.push(
        'the CSV is not UTF-8: read it as GB18030 (GBK), as Excel in China saves it; name another with --encoding',
      );
    }
  }
  if (!enc || /^utf-?8$/i.test(enc))
    return { kind: 'csv', path, openOptions: TABLE_OPTIONS, encoding: enc, notes, cleanup: async () => {} };
  let text: string;
  try {
    text = new TextDecoder(enc).decode(bytes);
  } catch {
    throw new SourceError(`unknown encoding "${enc}": use e.g. GBK, GB18030, UTF-8`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'gridboard-csv-'));
  const out = join(dir, 'table.csv');
  await writeFile(out, text.replace(/^\uFEFF/, ''));
  return {
    kind: 'csv',
    path: out,
    openOptions: TABLE_OPTIONS,
    encoding: enc,
    notes,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

const csvCell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The first worksheet, as the text each cell shows, streamed into a UTF-8 CSV. */
async function xlsx(path: string, name: string): Promise<PreparedSource> {
  const dir = await mkdtemp(join(tmpdir(), 'gridboard-xlsx-'));
  const out = join(dir, 'table.csv');
  const lines: string[] = [];
  let header: string[] | null = null;
  let width = 0;
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'cache',
    });
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const cells: string[] = [];
        (row as ExcelJS.Row).eachCell({ includeEmpty: true }, (cell, col) => {
          cells[col - 1] = cellText(cell);
        });
        if (!header) {
          if (!cells.some((c) => c && c.trim())) continue;
          header = Array.from(cells, (c, i) => (c && c.trim()) || `column_${i + 1}`);
          width = header.length;
          lines.push(header.map(csvCell).join(','));
          continue;
        }
        if (!cells.some((c) => c && c.trim())) continue;
        lines.push(Array.from({ length: width }, (_, i) => csvCell(cells[i] ?? '')).join(','));
      }
      break; // the first worksheet holds the ledger
    }
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw new SourceError(`${name} is not a readable XLSX workbook (${(err as Error).message.slice(0, 120)})`);
  }
  if (!header) {
    await rm(dir, { recursive: true, force: true });
    throw new SourceError(`${name} has no rows: its first worksheet is empty`);
  }
  await writeFile(out, lines.join('\n') + '\n');
  return {
    kind: 'xlsx',
    path: out,
    openOptions: TABLE_OPTIONS,
    encoding: null,
    notes: [],
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** A cell as the ledger shows it: numbers stored as text stay text; dates as YYYY-MM-DD. */
function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'result' in v) return String((v as { result: unknown }).result ?? '');
  if (typeof v === 'object' && 'richText' in v)
    return (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
  if (typeof v === 'object' && 'text' in v) return String((v as { text: unknown }).text);
  return String(v);
}
