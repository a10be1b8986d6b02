/**
 * A city's files for the import tests, made the way a city's office would have them: GeoJSON
 * written here, then turned by GDAL into Shapefiles (GBK code page), GeoPackage and KML, and
 * ledgers written by exceljs — so each test reads a real file of its format.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';

export const dir = mkdtempSync(join(tmpdir(), 'gridboard-import-test-'));

type Props = Record<string, string | number | boolean | null>;
export const rect = (x0: number, y0: number, x1: number, y1: number): number[][][] => [
  [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ],
];

export function geojson(name: string, features: { props: Props; rings?: number[][][]; point?: number[] }[]): string {
  const fc = {
    type: 'FeatureCollection',
    features: features.map((f) => ({
      type: 'Feature',
      properties: f.props,
      geometry: f.point ? { type: 'Point', coordinates: f.point } : { type: 'Polygon', coordinates: f.rings },
    })),
  };
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(fc));
  return path;
}

/** GDAL converts: `-f "ESRI Shapefile"` (out ends .shp.zip for a zipped one), GPKG, KML. */
export function convert(src: string, out: string, driver: string, extra: string[] = []): string {
  const path = join(dir, out);
  execFileSync('ogr2ogr', ['-f', driver, path, src, ...extra], { stdio: 'pipe' });
  return path;
}

export async function xlsx(name: string, header: string[], rows: (string | number)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  const path = join(dir, name);
  await wb.xlsx.writeFile(path);
  return path;
}

export function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** A multipart body for app.inject, as a browser would send it. */
export async function form(fields: Record<string, string>, path: string, fileName: string) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  const { readFileSync } = await import('node:fs');
  fd.append('file', new Blob([readFileSync(path)]), fileName);
  const req = new Request('http://localhost/', { method: 'POST', body: fd });
  return {
    payload: Buffer.from(await req.arrayBuffer()),
    headers: { 'content-type': req.headers.get('content-type')! },
  };
}
