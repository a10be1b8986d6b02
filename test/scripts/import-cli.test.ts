/**
 * `npm run import` as a planner types it, against this file's database: the exit codes (0 imported,
 * 1 nothing usable, 2 usage), `--json` printing the report alone on stdout, `--dry-run` writing
 * nothing, and the report a person reads otherwise.
 */
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../helpers/db.ts';
import { file } from '../import/files.ts';

const db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 1 });
afterAll(() => db.end());

function cli(...args: string[]) {
  const r = spawnSync('npx', ['tsx', 'scripts/import.ts', ...args], {
    env: { ...process.env, DATABASE_URL: testDatabaseUrl() },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const places = () =>
  file(
    'cli-places.csv',
    '编码,名称,类型,经度,纬度\nCLI1,第一中学,学校,111.60,26.20\nCLI2,中心医院,医院,111.61,26.21\nCLI3,无坐标,市场,,\n',
  );

describe('npm run import', () => {
  it('--dry-run --json: the report alone on stdout, exit 0, nothing written', async () => {
    const r = cli('key-places', places(), '--dry-run', '--json');
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ layer: 'key-places', dryRun: true, read: 3, inserted: 2 });
    expect(report.rejected).toEqual([{ index: 2, code: 'CLI3', reason: expect.stringMatching(/no coordinates/) }]);
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM key_places WHERE code LIKE 'CLI%'`);
    expect(rows[0].n).toBe(0);
  });

  it('imports and prints a report a person reads; a second run changes nothing', async () => {
    const r = cli('key-places', places());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/read 3 · inserted 2 · updated 0 · unchanged 0 · repaired 0 · rejected 1/);
    expect(r.stdout).toMatch(/rejected row 2 \(CLI3\): no coordinates/);
    const again = cli('key-places', places(), '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
  });

  it('exit 1 when nothing is usable, with the reason', () => {
    const r = cli('cameras', file('cli-empty.csv', '编码,名称\n'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/refused: /);
  });

  it('exit 2 for a usage error: unknown layer, missing file, bad CRS', () => {
    expect(cli('parks', places()).code).toBe(2);
    expect(cli('cameras', '/nonexistent/file.csv').stderr).toMatch(/no such file/);
    const crs = cli('cameras', places(), '--crs', 'mars2000');
    expect(crs.code).toBe(2);
    expect(crs.stderr).toMatch(/unknown CRS "mars2000"/);
  });
});
