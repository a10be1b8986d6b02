/**
 * `GET /api/export/{layer}` on the sample city: each format downloads with its type, name and
 * every row; GeoJSON follows RFC 7946; XLSX codes are text; the GeoPackage opens in GDAL. And
 * the point of it: an export imports back through the importer with every row unchanged.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { LAYER_COLUMNS } from '../../server/src/contract/imports.ts';
import { importFile } from '../../server/src/ingest/index.ts';
import { useTestApp } from '../helpers/app.ts';
import { testDatabaseUrl } from '../helpers/db.ts';

const t = useTestApp();
const dir = mkdtempSync(join(tmpdir(), 'gridboard-export-test-'));

const TABLES: Record<string, string> = {
  cameras: 'cameras',
  grids: 'grids',
  'key-places': 'key_places',
  departments: 'departments',
  communities: 'communities',
  workers: `patrol_units WHERE kind = 'grid_worker'`,
  units: `patrol_units WHERE kind = 'patrol_team'`,
};
const count = async (layer: string) =>
  Number((await t.db.query(`SELECT count(*) AS n FROM ${TABLES[layer]}`)).rows[0].n);

async function download(layer: string, format: string) {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/export/${layer}?format=${format}`,
    headers: t.auth('planner'),
  });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-disposition']).toMatch(
    new RegExp(`^attachment; filename="gridboard-${layer}-\\d{4}-\\d{2}-\\d{2}\\.${format}"$`),
  );
  const path = join(dir, `${layer}-${Date.now()}.${format}`);
  writeFileSync(path, res.rawPayload);
  return { res, path };
}

interface FC {
  type: string;
  features: {
    type: string;
    geometry: { type: string; coordinates: number[][][][] } | null;
    properties: Record<string, unknown>;
  }[];
}

/** Twice the signed area of a ring (positive: counter-clockwise). */
const signedArea = (ring: number[][]) =>
  ring.slice(1).reduce((s, p, i) => s + (ring[i][0] * p[1] - p[0] * ring[i][1]), 0);

async function reimport(layer: string, path: string) {
  return importFile(t.db, testDatabaseUrl(), { layer, path, fileName: path.split('/').pop()!, actor: 'test' });
}

describe('GET /api/export/{layer}', () => {
  it('is for planners and admins only', async () => {
    for (const role of ['wall', 'operator'] as const) {
      const res = await t.app.inject({ method: 'GET', url: '/api/export/cameras', headers: t.auth(role) });
      expect(res.statusCode).toBe(403);
    }
    const anon = await t.app.inject({ method: 'GET', url: '/api/export/cameras' });
    expect(anon.statusCode).toBe(401);
    const admin = await t.app.inject({ method: 'GET', url: '/api/export/departments', headers: t.auth('admin') });
    expect(admin.statusCode).toBe(200);
  });

  it('is documented in OpenAPI, and answers GeoJSON when no format is named', async () => {
    const docs = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    const op = docs.paths['/api/export/{layer}'].get;
    expect(op.security).toEqual([{ bearer: [] }]);
    expect(op.tags).toEqual(['import']);
    const res = await t.app.inject({ method: 'GET', url: '/api/export/units', headers: t.auth('planner') });
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
    expect(res.json().features).toHaveLength(await count('units'));
  });

  it('an unknown layer or format is a 400 naming the allowed values', async () => {
    const layer = await t.app.inject({ method: 'GET', url: '/api/export/roads', headers: t.auth('planner') });
    expect(layer.statusCode).toBe(400);
    expect(layer.json().error.message).toContain('districts, street-offices, communities, grids, buildings');
    expect(layer.json().error.message).not.toContain('basemap');
    const format = await t.app.inject({
      method: 'GET',
      url: '/api/export/cameras?format=shp',
      headers: t.auth('planner'),
    });
    expect(format.statusCode).toBe(400);
    expect(format.json().error.message).toContain('geojson, xlsx, gpkg');
  });

  it('GeoJSON: a FeatureCollection of every row, outer rings counter-clockwise, 7 decimals for the sample city', async () => {
    const { res } = await download('grids', 'geojson');
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
    const fc = res.json<FC>();
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(await count('grids'));
    for (const f of fc.features) {
      expect(f.geometry!.type).toBe('MultiPolygon');
      for (const polygon of f.geometry!.coordinates) {
        expect(signedArea(polygon[0])).toBeGreaterThan(0);
        for (const hole of polygon.slice(1)) expect(signedArea(hole)).toBeLessThan(0);
      }
      expect(Object.keys(f.properties)).toEqual([...LAYER_COLUMNS.grids]);
    }
    // The sample city's coordinates carry at most 7 decimals, and are written so.
    expect(res.body).not.toMatch(/\d\.\d{8,}/);

    const deps = (await download('departments', 'geojson')).res.json<FC>();
    expect(deps.features).toHaveLength(await count('departments'));
    expect(deps.features.every((f) => f.geometry === null)).toBe(true);
    expect(typeof deps.features[0].properties.code).toBe('string');
  });

  it('XLSX: one worksheet named after the layer, the columns as header, codes as text cells', async () => {
    for (const [layer, extra] of [
      ['cameras', ['lon', 'lat']],
      ['communities', ['wkt']],
      ['workers', []],
    ] as const) {
      const { res } = await download(layer, 'xlsx');
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual([layer]);
      const ws = wb.worksheets[0];
      const header = (ws.getRow(1).values as unknown[]).slice(1);
      expect(header).toEqual([...LAYER_COLUMNS[layer], ...extra]);
      expect(ws.actualRowCount - 1).toBe(await count(layer));
      const codeColumns = header.flatMap((h, i) => (h === 'code' || String(h).endsWith('_code') ? [i + 1] : []));
      for (let r = 2; r <= ws.actualRowCount; r++)
        for (const c of codeColumns) {
          const cell = ws.getRow(r).getCell(c);
          if (cell.value !== null) expect(cell.type, `${layer} row ${r} col ${c}`).toBe(ExcelJS.ValueType.String);
        }
    }
  });

  it('GeoPackage: opens in GDAL with every feature, in WGS 84', async () => {
    for (const layer of ['grids', 'key-places', 'departments']) {
      const { res, path } = await download(layer, 'gpkg');
      expect(res.headers['content-type']).toBe('application/geopackage+sqlite3');
      expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
      const info = execFileSync('ogrinfo', ['-ro', '-so', '-al', path], { encoding: 'utf8' });
      expect(info).toContain(`Layer name: ${layer}`);
      expect(Number(/Feature Count: (\d+)/.exec(info)?.[1])).toBe(await count(layer));
      if (layer !== 'departments') expect(info).toMatch(/ID\["EPSG",4326\]/);
    }
  });
});

describe('an export imports back unchanged', () => {
  const unchanged = async (layer: string, format: string) => {
    const { path } = await download(layer, format);
    const r = await reimport(layer, path);
    const n = await count(layer);
    expect(
      { inserted: r.inserted, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected.slice(0, 3) },
      `${layer} as ${format}: ${JSON.stringify(r.changed)} ${JSON.stringify(r.repaired.slice(0, 3))}`,
    ).toEqual({ inserted: 0, updated: 0, unchanged: n, rejected: [] });
    return r;
  };

  it('cameras as GeoJSON, also one placed with full double precision', async () => {
    // A vertex an edit computed has more than 7 decimals: the export must not round it.
    await t.db.query(
      `UPDATE cameras SET geom = ST_SetSRID(ST_MakePoint(ST_X(geom) + 1.234567891e-8, ST_Y(geom) - 9.87654321e-9), 4326)
       WHERE id = (SELECT min(id) FROM cameras)`,
    );
    await unchanged('cameras', 'geojson');
  });

  it('key places as GeoJSON', () => unchanged('key-places', 'geojson'));
  it('grids as GeoJSON', () => unchanged('grids', 'geojson'));
  it('workers as GeoJSON', () => unchanged('workers', 'geojson'));
  it('cameras as XLSX', () => unchanged('cameras', 'xlsx'));
  it('grids as XLSX (wkt)', () => unchanged('grids', 'xlsx'));
  it('key places as GeoPackage', () => unchanged('key-places', 'gpkg'));
});

// Last: it empties a layer the round trips above read.
describe('an empty layer', () => {
  it('is an empty file of its format, not an error', async () => {
    await t.db.query('DELETE FROM key_places');
    expect((await download('key-places', 'geojson')).res.json()).toMatchObject({
      type: 'FeatureCollection',
      features: [],
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await download('key-places', 'xlsx')).res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0].actualRowCount).toBe(1);
    const info = execFileSync('ogrinfo', ['-ro', '-so', '-al', (await download('key-places', 'gpkg')).path], {
      encoding: 'utf8',
    });
    expect(info).toContain('Feature Count: 0');
  });
});
