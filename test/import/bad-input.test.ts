/**
 * Files as they really arrive, on the sample city: each gets a clear refusal (a 4xx, or a reason
 * per row) or a warning that names the likely cause — never a 500, never half a file written.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import gcoord from 'gcoord';
import { describe, expect, it } from 'vitest';
import { importFile, ImportRefused } from '../../server/src/ingest/index.ts';
import type { ImportReport } from '../../server/src/contract/imports.ts';
import { useTestApp } from '../helpers/app.ts';
import { testDatabaseUrl } from '../helpers/db.ts';
import { convert, dir, file, form, geojson, xlsx } from './files.ts';

const t = useTestApp();
const run = (layer: string, path: string, extra: Record<string, unknown> = {}) =>
  importFile(t.db, testDatabaseUrl(), { layer, path, fileName: path.split('/').pop()!, actor: 'test', ...extra });
/** The report of an import that must be refused. */
const refused = (p: Promise<ImportReport>) =>
  p.then(
    (r) => {
      throw new Error(`imported: ${JSON.stringify(r).slice(0, 300)}`);
    },
    (e: unknown) => {
      if (!(e instanceof ImportRefused)) throw e;
      return { message: e.message, report: e.report };
    },
  );
const cameras = async () => Number((await t.db.query('SELECT count(*) AS n FROM cameras')).rows[0].n);

async function upload(layer: string, path: string, name: string, fields: Record<string, string> = {}) {
  const body = await form(fields, path, name);
  return t.app.inject({
    method: 'POST',
    url: `/api/import/${layer}`,
    headers: { ...t.auth('planner'), ...body.headers },
    payload: body.payload,
  });
}

describe('files that cannot be read', () => {
  it('a zip without a .shp', async () => {
    const zip = join(dir, 'no-shp.zip');
    file('readme.txt', '网格数据');
    execFileSync('zip', ['-j', '-q', zip, join(dir, 'readme.txt')]);
    const res = await upload('grids', zip, '网格.zip');
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toMatch(/no Shapefile in the zip/);
    expect(res.json().error.report.inserted).toBe(0);
  });

  it('a .shp without its .dbf', async () => {
    const src = geojson('kp-for-shp.geojson', [{ props: { code: 'X1', name: '学校' }, point: [111.6, 26.2] }]);
    const shpDir = join(dir, 'lonely');
    mkdirSync(shpDir, { recursive: true });
    convert(src, 'lonely/places.shp', 'ESRI Shapefile');
    rmSync(join(shpDir, 'places.dbf'));
    const { message } = await refused(run('key-places', join(shpDir, 'places.shp')));
    expect(message).toMatch(/without its \.dbf/);
  });

  it('a corrupt XLSX, an empty file, a file of another kind', async () => {
    const bad = file('ledger.xlsx', Buffer.from('PK\u0003\u0004 this is not really a workbook'));
    expect((await refused(run('cameras', bad))).message).toMatch(/not a readable XLSX/);
    expect((await refused(run('cameras', file('empty.geojson', '')))).message).toBe('the file is empty');
    const res = await upload('cameras', file('photo.jpg', 'JFIF'), 'photo.jpg');
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toMatch(/cannot read "\.jpg" files/);
  });

  it('a 1 GB upload is refused by its declared size before it is read', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/import/buildings',
      headers: {
        ...t.auth('planner'),
        'content-type': 'multipart/form-data; boundary=x',
        'content-length': String(2 ** 30),
      },
      payload: '--x--',
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.message).toMatch(/larger than/);
  });

  it('an unknown layer or CRS is a 400 that names the choices', async () => {
    const path = file('d.csv', 'code,name\nA,甲\n');
    const layer = await upload('parks', path, 'd.csv');
    expect(layer.statusCode).toBe(400);
    expect(layer.json().error.message).toMatch(/unknown layer "parks".*districts/);
    const crs = await upload('departments', path, 'd.csv', { crs: 'EPSG:abc' });
    expect(crs.statusCode).toBe(400);
    expect(crs.json().error.message).toMatch(/unknown CRS/);
  });
});

describe('tables of points', () => {
  it('a CSV with no coordinate columns', async () => {
    const before = await cameras();
    const { message } = await refused(run('cameras', file('nocoords.csv', '编码,名称\nC1,甲路口\n')));
    expect(message).toMatch(/no coordinate columns/);
    expect(await cameras()).toBe(before);
  });

  it('swapped latitude and longitude: every row refused, and the warning says why', async () => {
    const { report } = await refused(
      run('cameras', file('swapped.csv', 'code,lon,lat\nS1,26.2,111.6\nS2,26.21,111.61\n')),
    );
    expect(report.inserted).toBe(0);
    expect(report.rejected.map((r) => r.reason)).toEqual([
      expect.stringMatching(/longitude and latitude look swapped/),
      expect.stringMatching(/longitude and latitude look swapped/),
    ]);
    expect(report.warnings.join(' ')).toMatch(/look swapped/);
  });

  it('Gauss–Krüger metres read as degrees: the warning names the zone', async () => {
    const { report } = await refused(
      run('cameras', file('gk.csv', 'code,x,y\nG1,37560000,2900000\nG2,37561000,2901000\n')),
    );
    expect(report.warnings.join(' ')).toMatch(/EPSG:4525 \(CGCS2000 3° Gauss–Krüger zone 37\)/);
  });

  it('BD-09 declared as WGS 84 imports, with a warning that names BD-09', async () => {
    // Places on the sample city's own roads, written as Baidu would give them.
    const { rows } = await t.db.query<{ x: number; y: number }>(
      `SELECT ST_X(p) AS x, ST_Y(p) AS y FROM (SELECT ST_LineInterpolatePoint(geom, 0.5) AS p FROM roads ORDER BY id LIMIT 60) r`,
    );
    const lines = rows.map((r, i) => {
      const [x, y] = gcoord.transform([r.x, r.y], gcoord.WGS84, gcoord.BD09);
      return `BD${i},${x.toFixed(6)},${y.toFixed(6)}`;
    });
    const r = await run('cameras', file('baidu.csv', `code,lng,lat\n${lines.join('\n')}\n`));
    expect(r.inserted).toBe(60);
    expect(r.warnings.join(' ')).toMatch(/look like Baidu \(BD-09\).*--crs bd09/);
    // The same places in true WGS 84 raise no such warning.
    const plain = rows.map((p, i) => `W${i},${p.x.toFixed(6)},${p.y.toFixed(6)}`);
    const ok = await run('cameras', file('wgs.csv', `code,lng,lat\n${plain.join('\n')}\n`), { dryRun: true });
    expect(ok.warnings).toEqual([]);
  });

  it('duplicate codes in one file: the first stands, the repeats are refused', async () => {
    const path = await xlsx(
      'dups.xlsx',
      ['设备编码', '经度', '纬度'],
      [
        ['330000000000000001', '111.60', '26.20'],
        ['330000000000000001', '111.61', '26.21'],
        ['330000000000000002', '111.62', '26.22'],
      ],
    );
    const r = await run('cameras', path);
    expect(r.inserted).toBe(2);
    expect(r.rejected).toEqual([
      { index: 1, code: '330000000000000001', reason: 'code 330000000000000001 repeats row 0 of the file' },
    ]);
  });
});

describe('text encodings', () => {
  const names = () =>
    geojson('so-names.geojson', [{ props: { code: 'KPX', name: '第一人民医院', kind: '医院' }, point: [111.6, 26.2] }]);

  it('GBK names in a Shapefile that says UTF-8: read again as GB18030, and said so', async () => {
    const out = join(dir, 'lying');
    mkdirSync(out, { recursive: true });
    convert(names(), 'lying/places.shp', 'ESRI Shapefile', ['-lco', 'ENCODING=GBK']);
    writeFileSync(join(out, 'places.cpg'), 'UTF-8');
    const r = await run('key-places', join(out, 'places.shp'));
    expect(r.warnings.join(' ')).toMatch(/GBK names read as UTF-8/);
    const { rows } = await t.db.query(`SELECT name_zh FROM key_places WHERE code = 'KPX'`);
    expect(rows[0].name_zh).toBe('第一人民医院');
  });

  it('GBK names in a Shapefile that says Latin-1: the mojibake is detected and the fix named', async () => {
    const out = join(dir, 'nocpg');
    mkdirSync(out, { recursive: true });
    convert(names(), 'nocpg/places.shp', 'ESRI Shapefile', ['-lco', 'ENCODING=GBK']);
    // A tool that wrote the wrong code page: the GBK bytes come out as Latin-1 letters.
    writeFileSync(join(out, 'places.cpg'), 'ISO-8859-1');
    const r = await run('key-places', join(out, 'places.shp'), { dryRun: true });
    expect(r.warnings.join(' ')).toMatch(/garbled.*--encoding GBK/);
    const fixed = await run('key-places', join(out, 'places.shp'), { dryRun: true, encoding: 'GBK' });
    expect(fixed.warnings.join(' ')).not.toMatch(/garbled/);
  });
});
