/**
 * A real city from nothing, as a planner brings it: `seed --empty`, then districts (GeoJSON with
 * Chinese headers and a repeated vertex), street offices (a zipped GBK Shapefile), communities
 * (KML), grids (GeoPackage), workers (a GBK CSV) and the camera ledger (XLSX, Baidu coordinates,
 * 18-digit codes) — each through the importer, checked as the map and the registers then read.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { emptyCity } from '../../scripts/lib/prepare.ts';
import { importFile, type ImportRefused } from '../../server/src/ingest/index.ts';
import { useTestApp } from '../helpers/app.ts';
import { testDatabaseUrl } from '../helpers/db.ts';
import { convert, file, form, geojson, rect, xlsx } from './files.ts';

const t = useTestApp();
const run = (layer: string, path: string, extra: Record<string, unknown> = {}) =>
  importFile(t.db, testDatabaseUrl(), { layer, path, fileName: path.split('/').pop()!, actor: 'test', ...extra });
const count = async (sql: string) => Number((await t.db.query(sql)).rows[0].n);

// Two districts side by side; D01 has two street offices; S01 two communities; C01 two grids.
const districts = () =>
  geojson('districts.geojson', [
    {
      props: { 编码: 'D01', 名称: '东城区' },
      rings: [
        [
          [120, 30],
          [120.02, 30],
          [120.02, 30],
          [120.02, 30.02],
          [120, 30.02],
          [120, 30],
        ],
      ],
    },
    { props: { 编码: 'D02', 名称: '西城区' }, rings: rect(120.02, 30, 120.04, 30.02) },
  ]);

describe('a real city, from empty', () => {
  it('seed --empty leaves no city and marks the database', async () => {
    await emptyCity(testDatabaseUrl());
    expect(await count('SELECT count(*) AS n FROM grids')).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM app_settings WHERE key = 'city_source' AND value = 'real'`)).toBe(1);
  });

  it('districts from GeoJSON with Chinese headers: the repeated vertex is removed and said so', async () => {
    const r = await run('districts', districts());
    expect(r).toMatchObject({ read: 2, inserted: 2, updated: 0, rejected: [] });
    expect(r.repaired).toEqual([{ index: 0, code: 'D01', what: 'removed 1 repeated vertices' }]);
    const { rows } = await t.db.query(`SELECT code, name_zh FROM districts ORDER BY code`);
    expect(rows).toEqual([
      { code: 'D01', name_zh: '东城区' },
      { code: 'D02', name_zh: '西城区' },
    ]);
  });

  it('a re-import of the same file changes nothing', async () => {
    const r = await run('districts', districts());
    expect(r).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
  });

  it('street offices from a zipped Shapefile in GBK; a sliver beyond the district is trimmed, a missing parent refused', async () => {
    const src = geojson('so.geojson', [
      { props: { code: 'S01', name: '甲街道', district_code: 'D01' }, rings: rect(120, 30, 120.02, 30.01) },
      // 0.5 m beyond D01's east edge at one corner: a sliver, not a real overlap.
      {
        props: { code: 'S02', name: '乙街道', district_code: '' },
        rings: [
          [
            [120, 30.01],
            [120.020005, 30.01],
            [120.02, 30.02],
            [120, 30.02],
            [120, 30.01],
          ],
        ],
      },
      { props: { code: 'S03', name: '丙街道', district_code: 'D09' }, rings: rect(120.02, 30, 120.04, 30.02) },
    ]);
    const zip = convert(src, 'street_offices.shp.zip', 'ESRI Shapefile', ['-lco', 'ENCODING=GBK']);
    const r = await run('street-offices', zip);
    expect(r).toMatchObject({ read: 3, inserted: 2 });
    expect(r.rejected).toEqual([{ index: 2, code: 'S03', reason: 'district D09 does not exist' }]);
    expect(r.repaired.map((x) => x.code)).toEqual(['S02']);
    expect(r.repaired[0].what).toMatch(/trimmed .* m² beyond district D01/);
    const { rows } = await t.db.query(
      `SELECT s.name_zh, d.code FROM street_offices s JOIN districts d ON d.id = s.district_id ORDER BY s.code`,
    );
    expect(rows).toEqual([
      { name_zh: '甲街道', code: 'D01' },
      { name_zh: '乙街道', code: 'D01' },
    ]);
  });

  it('communities from KML get one grid each until their grids come', async () => {
    const src = geojson('c.geojson', [
      { props: { code: 'C01', name: '甲社区' }, rings: rect(120, 30, 120.01, 30.01) },
      { props: { code: 'C02', name: '乙村' }, rings: rect(120.01, 30, 120.02, 30.01) },
    ]);
    const kml = convert(src, 'communities.kml', 'KML');
    const r = await run('communities', kml);
    expect(r).toMatchObject({ inserted: 2, rejected: [], problems: [] });
    const { rows } = await t.db.query(
      `SELECT c.code, c.kind, s.code AS so, (SELECT count(*)::int FROM grids g WHERE g.community_id = c.id) AS grids
       FROM communities c JOIN street_offices s ON s.id = c.street_office_id ORDER BY c.code`,
    );
    expect(rows).toEqual([
      { code: 'C01', kind: 'urban', so: 'S01', grids: 1 },
      { code: 'C02', kind: 'rural', so: 'S01', grids: 1 },
    ]);
  });

  it('a community overlapping its neighbour by 10 m² is refused, and the overlap drawn', async () => {
    const ok = await run(
      'communities',
      geojson('c4.geojson', [
        { props: { code: 'C04', name: '丁社区' }, rings: rect(120, 30.01, 120.01, 30.02) },
        { props: { code: 'C05', name: '戊社区' }, rings: rect(120.01, 30.01, 120.02, 30.02) },
      ]),
    );
    expect(ok.inserted).toBe(2);
    // C05 fills the rest of S02 but pokes 2 m × 5 m into C04.
    const dx = 2 / 96_400;
    const dy = 5 / 111_000;
    const notch = [
      [
        [120.01, 30.01],
        [120.02, 30.01],
        [120.02, 30.02],
        [120.01, 30.02],
        [120.01, 30.015 + dy],
        [120.01 - dx, 30.015 + dy],
        [120.01 - dx, 30.015],
        [120.01, 30.015],
        [120.01, 30.01],
      ],
    ];
    const r = await run(
      'communities',
      geojson('c5.geojson', [{ props: { code: 'C05', name: '戊社区' }, rings: notch }]),
    ).then(
      () => {
        throw new Error('the overlapping community was imported');
      },
      (e: unknown) => (e as ImportRefused).report,
    );
    expect(r.updated).toBe(0);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0].reason).toMatch(/^overlaps C04 by (9|10|11)(\.\d)? m²$/);
    expect(r.problems[0]).toMatchObject({ code: 'C05', geometry: { type: expect.stringMatching(/Polygon/) } });
    expect(
      await count(
        `SELECT count(*) AS n FROM communities WHERE code = 'C05' AND ST_Intersects(geom, ST_MakeEnvelope(120.0099, 30.015, 120.00999, 30.01504, 4326))`,
      ),
    ).toBe(0);
  });

  it('grids from a GeoPackage replace the community grid; a grid naming no community is refused', async () => {
    const src = geojson('g.geojson', [
      { props: { code: 'G1', name: '一网格', community_code: 'C01' }, rings: rect(120, 30, 120.005, 30.01) },
      { props: { code: 'G2', name: '二网格', community_code: 'C01' }, rings: rect(120.005, 30, 120.01, 30.01) },
      { props: { code: 'G9', name: '九网格', community_code: 'C99' }, rings: rect(120.01, 30, 120.02, 30.01) },
    ]);
    const gpkg = convert(src, 'grids.gpkg', 'GPKG');
    const r = await run('grids', gpkg);
    expect(r).toMatchObject({ inserted: 2, problems: [] });
    expect(r.rejected).toEqual([{ index: 2, code: 'G9', reason: 'community C99 does not exist' }]);
    const { rows } = await t.db.query(
      `SELECT g.code FROM grids g JOIN communities c ON c.id = g.community_id WHERE c.code = 'C01' ORDER BY g.code`,
    );
    expect(rows.map((x) => x.code)).toEqual(['G1', 'G2']);
    expect(
      await count(`SELECT count(*) AS n FROM gb_tiling_problems((SELECT id FROM communities WHERE code = 'C01'))`),
    ).toBe(0);
  });

  it('workers from a GBK CSV are assigned their grids; a second grid for the same worker is refused', async () => {
    const text = 'code,姓名,电话,网格编码\nW1,张三,13800000001,G1\nW2,李四,13800000002,G2\n';
    // Saved as GB18030, the way Excel in China saves CSV.
    const gbk = file('workers-gbk.csv', execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: text }));
    const r = await run('workers', gbk);
    expect(r).toMatchObject({ inserted: 2, rejected: [], encoding: 'gb18030' });
    const { rows } = await t.db.query(
      `SELECT g.code, u.name FROM grids g JOIN patrol_units u ON u.id = g.worker_id ORDER BY g.code`,
    );
    expect(rows).toEqual([
      { code: 'G1', name: '张三' },
      { code: 'G2', name: '李四' },
    ]);
    const twice = file('workers2.csv', 'code,name,grid_code\nW1,张三,G2\n');
    const r2 = await run('workers', twice).catch((e: unknown) => (e as ImportRefused).report);
    expect(r2.rejected[0]?.reason ?? '').toMatch(/already serves grid G1/);
  });

  it('the camera ledger from XLSX in BD-09: codes stay text, positions land in WGS 84', async () => {
    const code = '330106000000000123';
    const path = await xlsx(
      'cameras.xlsx',
      ['设备编码', '点位名称', '经度', '纬度', '设备类型', '安装高度(米)', '朝向', '状态'],
      [
        [code, '甲路口', '120.0160', '30.0090', '球机', '8', '370', '正常'],
        ['330106000000000124', '乙路口', '120.0170', '30.0080', '枪机', '6', '90', '离线'],
      ],
    );
    const r = await run('cameras', path, { crs: 'bd09' });
    expect(r).toMatchObject({ read: 2, inserted: 2, crs: 'bd09' });
    expect(r.repaired).toEqual([{ index: 0, code, what: 'bearing 370° taken as 10°' }]);
    const { rows } = await t.db.query(
      `SELECT code, name, kind, status, bearing_deg, ST_X(geom) AS x, ST_Y(geom) AS y FROM cameras ORDER BY code`,
    );
    expect(rows[0]).toMatchObject({ code, name: '甲路口', kind: 'ptz', status: 'working', bearing_deg: 10 });
    expect(rows[1]).toMatchObject({ kind: 'fixed', status: 'offline' });
    // BD-09 → WGS 84 moves a point in Hangzhou by roughly 0.011° east and 0.003–0.004° south.
    expect(120.016 - rows[0].x).toBeGreaterThan(0.009);
    expect(30.009 - rows[0].y).toBeGreaterThan(0.002);
  });

  it('a dry run reports the same and writes nothing; undo puts the rows back', async () => {
    const src = geojson('kp.geojson', [
      { props: { code: 'K1', name: '实验小学', kind: '学校' }, point: [120.002, 30.002] },
      { props: { code: 'K2', name: '人民医院', kind: 'hospital' }, point: [120.012, 30.004] },
    ]);
    const dry = await run('key-places', src, { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, inserted: 2 });
    expect(await count('SELECT count(*) AS n FROM key_places')).toBe(0);
    const real = await run('key-places', src);
    expect(real.inserted).toBe(2);
    expect(await count(`SELECT count(*) AS n FROM key_places WHERE kind = 'school'`)).toBe(1);
    const undo = await t.app.inject({
      method: 'POST',
      url: `/api/imports/${real.id}/undo`,
      headers: t.auth('planner'),
    });
    expect(undo.statusCode).toBe(200);
    expect(await count('SELECT count(*) AS n FROM key_places')).toBe(0);
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/imports/${real.id}/undo`,
      headers: t.auth('planner'),
    });
    expect(again.statusCode).toBe(409);
  });

  it('a .prj in CGCS2000 Gauss–Krüger is honoured; a CSV in metres takes --crs', async () => {
    const src = geojson('kp-gk.geojson', [
      { props: { code: 'K9', name: '区政府', kind: '政府' }, point: [120.005, 30.005] },
    ]);
    const shp = convert(src, 'kp-gk.shp.zip', 'ESRI Shapefile', [
      '-s_srs',
      'EPSG:4326',
      '-t_srs',
      'EPSG:4528',
      '-lco',
      'ENCODING=UTF-8',
    ]);
    const r = await run('key-places', shp);
    expect(r).toMatchObject({ crs: 'EPSG:4528', inserted: 1, warnings: [] });
    const at = async (code: string) =>
      (await t.db.query(`SELECT ST_X(geom) AS x, ST_Y(geom) AS y, kind FROM key_places WHERE code = $1`, [code]))
        .rows[0];
    expect((await at('K9')).x).toBeCloseTo(120.005, 6);
    expect((await at('K9')).kind).toBe('government');
    // The same place as metres in zone 40 (easting with the zone number), named on the command line.
    // cs2cs prints this CRS's axes in its own order: northing, then easting.
    const [y, x] = execFileSync('cs2cs', ['-f', '%.3f', 'EPSG:4326', 'EPSG:4528'], { input: '30.005 120.005\n' })
      .toString()
      .split(/\s+/)
      .map(Number);
    const csv = file('kp-gk.csv', `code,name,x,y\nK8,市民中心,${x},${y}\n`);
    const unnamed = await run('key-places', csv, { dryRun: true }).catch((e: unknown) => (e as ImportRefused).report);
    expect(unnamed.warnings.join(' ')).toMatch(/EPSG:4528 \(CGCS2000 3° Gauss–Krüger zone 40\)/);
    const named = await run('key-places', csv, { crs: 'EPSG:4528' });
    expect(named.inserted).toBe(1);
    expect((await at('K8')).y).toBeCloseTo(30.005, 6);
  });

  it('over HTTP: a multipart upload returns the report; the history lists it', async () => {
    const src = geojson('dept.geojson', []);
    void src;
    const path = file('departments.csv', 'code,name\nJT,交通运输局\nSW,水务局\n');
    const body = await form({ dryRun: 'false' }, path, 'departments.csv');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/import/departments',
      headers: { ...t.auth('planner'), ...body.headers },
      payload: body.payload,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ layer: 'departments', inserted: 2 });
    const hist = await t.app.inject({ method: 'GET', url: '/api/imports', headers: t.auth('admin') });
    expect(hist.json().items[0]).toMatchObject({
      layer: 'departments',
      file: 'departments.csv',
      inserted: 2,
      canUndo: true,
    });
    const op = await t.app.inject({
      method: 'POST',
      url: '/api/import/departments',
      headers: { ...t.auth('operator'), ...body.headers },
      payload: body.payload,
    });
    expect(op.statusCode).toBe(403);
  });
});
