/**
 * `npm run channel` as an admin types it, against this file's database: `add` prints the key on
 * its last line (only its hash is kept), `list` shows the prefix never the key, `revoke` stops it;
 * exit codes 0 done, 1 refused, 2 usage.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../helpers/db.ts';

const db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 1 });
afterAll(() => db.end());

function cli(...args: string[]) {
  const r = spawnSync('npx', ['tsx', 'scripts/channel.ts', ...args], {
    env: { ...process.env, DATABASE_URL: testDatabaseUrl() },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run channel', () => {
  let key: string;

  it('add prints the key on its last line; only its hash is stored', async () => {
    const r = cli('add', '--name', '12345 市民热线', '--source', 'wechat');
    expect(r.code, r.stderr).toBe(0);
    key = r.stdout.trim().split('\n').at(-1)!;
    expect(key).toMatch(/^gb311_[\w-]{43}$/);
    const { rows } = await db.query('SELECT source, key_hash, key_prefix, created_by FROM channels WHERE name = $1', [
      '12345 市民热线',
    ]);
    expect(rows[0]).toMatchObject({ source: 'wechat', key_prefix: key.slice(0, 10) });
    expect(rows[0].key_hash.equals(createHash('sha256').update(key).digest())).toBe(true);
    expect(rows[0].created_by).toMatch(/^cli:/);
  });

  it('list shows the channel by its prefix, never the key', () => {
    const r = cli('list');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/12345 市民热线\s+wechat\s+gb311_\S{4}…\s+0 requests/);
    expect(r.stdout).not.toContain(key);
  });

  it('revoke stops the key; refusals exit 1, usage errors exit 2', async () => {
    expect(cli('add', '--name', '12345 市民热线').code).toBe(1);
    const r = cli('revoke', '--name', '12345 市民热线');
    expect(r.code, r.stderr).toBe(0);
    const { rows } = await db.query('SELECT revoked_at FROM channels WHERE name = $1', ['12345 市民热线']);
    expect(rows[0].revoked_at).not.toBeNull();
    expect(cli('list').stdout).toMatch(/revoked/);
    expect(cli('revoke', '--name', 'nobody').code).toBe(1);
    expect(cli('add').code).toBe(2);
    expect(cli('add', '--name', 'x', '--source', 'fax').code).toBe(2);
    expect(cli('rotate', '--name', 'x').code).toBe(2);
  });
});
