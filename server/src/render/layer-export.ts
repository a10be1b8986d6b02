/**
 * A layer's pages (repos/exports.ts) written as a download while they are read: a GeoJSON
 * FeatureCollection, or an XLSX workbook through exceljs's streaming writer. Neither holds more
 * than a page or so in memory, whatever the size of the layer (700k buildings).
 */
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ExportRow } from '../repos/exports.ts';

export const CONTENT_TYPES = {
  geojson: 'application/geo+json',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  gpkg: 'application/geopackage+sqlite3',
} as const;

/**
 * Reads the first page before anything is sent, so that a database outage is a clean error
 * response (503) instead of a download cut off after its first bytes.
 */
export async function primed<T>(pages: AsyncGenerator<T>): Promise<AsyncIterable<T>> {
  const first = await pages.next();
  return (async function* () {
    if (first.done) return;
    yield first.value;
    yield* pages;
  })();
}

/** A FeatureCollection (RFC 7946), its features joined as PostGIS wrote them. */
export function geojsonStream(name: string, pages: AsyncIterable<string[]>): Readable {
  return Readable.from(
    (async function* () {
      // `name` is a foreign member GDAL reads as the layer's name.
      yield `{"type":"FeatureCollection","name":${JSON.stringify(name)},"features":[\n`;
      let first = true;
      for await (const features of pages) {
        yield (first ? '' : ',\n') + features.join(',\n');
        first = false;
      }
      yield '\n]}\n';
    })(),
    { objectMode: false },
  );
}

/** A code column: written as text, and formatted as text so that Excel keeps a typed-in code text too. */
const isCode = (column: string) => column === 'code' || column.endsWith('_code');

/** Waits until `out` drains, or ends without draining (the client went away). */
async function drained(out: PassThrough): Promise<void> {
  if (!out.writableNeedDrain) return;
  const ac = new AbortController();
  try {
    await Promise.race([once(out, 'drain', { signal: ac.signal }), once(out, 'close', { signal: ac.signal })]);
  } finally {
    ac.abort();
  }
}

/**
 * One worksheet named `sheet`, a header row, then a row per record. Strings are written inline
 * (no shared-string table, which would grow with the layer) and codes always as text cells.
 */
export function xlsxStream(sheet: string, header: string[], pages: AsyncIterable<ExportRow[]>): Readable {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(sheet);
  ws.columns = header.map((h) => ({
    key: h,
    width: h === 'wkt' ? 60 : isCode(h) ? 22 : 14,
    style: isCode(h) ? { numFmt: '@' } : {},
  }));
  const codeAt = header.map(isCode);
  const write = async () => {
    ws.addRow(header).commit();
    for await (const rows of pages) {
      if (out.destroyed) return;
      for (const r of rows)
        ws.addRow(
          header.map((h, i) => {
            const v = r[h] ?? null;
            return codeAt[i] && v !== null ? String(v) : v;
          }),
        ).commit();
      // Let the download catch up before reading the next page, so memory stays at about a page.
      await drained(out);
    }
    ws.commit();
    await wb.commit();
  };
  write().catch((err: unknown) => out.destroy(err as Error));
  return out;
}
