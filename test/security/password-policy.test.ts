/**
 * The password policy wherever an admin sets a password: the users register (create, reset) answers
 * 400 with the reason and stores nothing; `npm run user -- add/passwd` refuses with exit code 2.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { testDatabaseUrl } from '../helpers/db.ts';

const t = useTestApp();

async function post(url: string, payload: object) {
  const res = await t.app.inject({ method: 'POST', url, payload, headers: t.auth('admin') });
  return { status: res.statusCode, body: res.json() };
}
async function login(username: string, password: string) {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  return res.statusCode;
}
function userCli(...args: string[]) {
  const r = spawnSync('npx', ['tsx', 'scripts/user.ts', ...args], {
    env: { ...process.env, DATABASE_URL: testDatabaseUrl() },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('password policy in the users register', () => {
  it('refuses a new user whose password contains the name, is common, or is easy to guess', async () => {
    const cases: [string, RegExp][] = [
      ['li.ming-2026-spring', /user name.*用户名/],
      ['qwertyuiop', /common passwords.*常见密码/],
      ['aaaaaaaaaaaa', /too easy to guess.*太容易被猜到/],
    ];
    for (const [password, reason] of cases) {
      const res = await post('/api/users', { username: 'li.ming', role: 'operator', password });
      expect(res.status, password).toBe(400);
      expect(res.body.error.message).toMatch(reason);
    }
    const { rows } = await t.db.query(`SELECT 1 FROM users WHERE username = 'li.ming'`);
    expect(rows).toHaveLength(0);
  });

  it('refuses a weak reset and keeps the old password working', async () => {
    const made = await post('/api/users', { username: 'wang.fang', role: 'planner', password: 'harbor-kestrel-vinyl' });
    expect(made.status).toBe(201);
    const weak = await post(`/api/users/${made.body.id}/password`, { password: 'WANG.FANG.2026', version: 1 });
    expect(weak.status).toBe(400);
    expect(weak.body.error.message).toMatch(/user name/);
    expect(await login('wang.fang', 'harbor-kestrel-vinyl')).toBe(200);
    const good = await post(`/api/users/${made.body.id}/password`, { password: 'orchid-basalt-tremor', version: 1 });
    expect(good.status).toBe(200);
    expect(await login('wang.fang', 'orchid-basalt-tremor')).toBe(200);
  });
});

describe('password policy in npm run user', () => {
  it('add and passwd refuse a weak password with the reason; a strong one works', async () => {
    const weak = userCli('add', '--name', 'cli.zhao', '--role', 'operator', '--password', 'password123');
    expect(weak.code).toBe(2);
    expect(weak.stderr).toMatch(/--password refused: .*(common|too easy)/);
    const ok = userCli('add', '--name', 'cli.zhao', '--role', 'operator', '--password', 'meadow-cobalt-ferry');
    expect(ok.code, ok.stderr).toBe(0);
    const same = userCli('passwd', '--name', 'cli.zhao', '--password', 'cli.zhao-new-one');
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/user name/);
    expect(await login('cli.zhao', 'meadow-cobalt-ferry')).toBe(200);
  });
});
