/**
 * `npm start` as a new user runs it: on an empty database it migrates, loads the sample city,
 * creates an admin whose password it prints once, and serves the client and the API.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { afterAll, describe, expect, it, inject } from 'vitest';
import { databaseName, withDatabase } from '../../scripts/lib/db.ts';
import { testDatabaseUrl } from '../helpers/db.ts';
import { pointInGrid, report } from '../helpers/incidents.ts';
import { TestScreen } from '../helpers/live-client.ts';

// Named after this file's test database, so the global teardown finds it should the file be killed.
const startDb = `${databaseName(testDatabaseUrl())}_start`;
const url = withDatabase(testDatabaseUrl(), startDb);
const children: ChildProcess[] = [];

async function dropDatabase() {
  const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(startDb)} WITH (FORCE)`);
  await admin.end();
}

/** Starts `npm start` on a free port; resolves with its printed output once it is serving. */
function start(extra: string[] = []): Promise<{ child: ChildProcess; output: string; base: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/start.ts', '--port', '0', '--host', '127.0.0.1', ...extra],
    {
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`npm start did not come up:\n${output}`)), 120_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /Map\s+(http:\/\/\S+?)\/\s/.exec(output);
      if (m && /\n\n$/.test(output)) {
        clearTimeout(timer);
        resolve({ child, output, base: m[1] });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d) => (output += d.toString()));
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await dropDatabase();
});

describe('npm start on an empty database', () => {
  it('loads the sample city, prints a one-time admin password, serves the map and stops cleanly', async () => {
    await dropDatabase();
    const first = await start();
    const pw = /^\s+password\s+(\S+)$/m.exec(first.output)?.[1];
    expect(pw, first.output).toBeTruthy();
    expect(first.output).toContain('/api/docs');

    const login = await fetch(`${first.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: pw }),
    });
    expect(login.status).toBe(200);
    const { token, role, must_change_password } = await login.json();
    expect(role).toBe('admin');
    // The printed password was seen by the terminal (and its scrollback): it must be replaced first.
    expect(must_change_password).toBe(true);
    const blocked = await fetch(`${first.base}/api/summary`, { headers: { authorization: `Bearer ${token}` } });
    expect(blocked.status).toBe(403);
    const own = 'my own long passphrase 7'; // the policy refuses one containing the user name
    const change = await fetch(`${first.base}/api/auth/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ current: pw, new: own }),
    });
    expect(change.status).toBe(200);
    const summary = await (
      await fetch(`${first.base}/api/summary`, { headers: { authorization: `Bearer ${token}` } })
    ).json();
    expect(summary.counts.grids).toBeGreaterThan(100);

    // The demo grid worker for the phone app: printed once, after the admin, with the /m address.
    expect(first.output).toContain('/m');
    const demo = [...first.output.matchAll(/^\s+password\s+(\S+)$/gm)][1]?.[1];
    const phone = await fetch(`${first.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'worker', password: demo }),
    });
    expect(phone.status).toBe(200);
    expect((await phone.json()).role).toBe('worker');

    const page = await fetch(`${first.base}/wall`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');

    expect(await stop(first.child)).toBe(0);

    // Second start: same data, and no new password is printed; the admin's own password stands.
    const second = await start();
    expect(second.output).not.toMatch(/^\s+password\s+\S+$/m);
    const again = await fetch(`${second.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: own }),
    });
    expect(again.status).toBe(200);
    expect((await again.json()).must_change_password).toBe(false);
    expect(await stop(second.child)).toBe(0);
  }, 240_000);
});

describe('npm start -- --workers 2', () => {
  it('serves from two processes that share live events, and survives losing one', async () => {
    const { child, base, output } = await start(['--workers', '2']);
    expect(output).toContain('2 server processes');
    const pids = new Set<number>();
    for (let i = 0; i < 20 && pids.size < 2; i++)
      pids.add((await (await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5_000) })).json()).pid);
    expect(pids.size).toBe(2);

    const users = inject('users');
    const db = new pg.Pool({ connectionString: url, max: 2 });
    db.on('error', () => {});
    const { createUser } = await import('../../server/src/repos/users.ts');
    await createUser(db, 'workers-op', 'operator', users.operator.password);
    const login = await (
      await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'workers-op', password: users.operator.password }),
      })
    ).json();
    const here = await pointInGrid(db, 3);
    const screen = new TestScreen(base, login.token, 0);
    await screen.connected();
    // Like a phone: a report whose connection broke, or that got no answer in time, is sent again
    // with the same id. (A connection node:cluster was handing to the worker at the moment it was
    // killed stays open with no one behind it, so only a timeout ends it.)
    const post = async () => {
      const body = report(here);
      for (let attempt = 0; ; attempt++) {
        try {
          const res = await fetch(`${base}/api/incidents`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}` },
            body: JSON.stringify(body),
            signal: AbortSignal.timeout(5_000),
          });
          expect([200, 201]).toContain(res.status);
          return body.id;
        } catch (err) {
          if (attempt >= 3) throw err;
        }
      }
    };
    const first = await Promise.all([post(), post(), post(), post()]);
    await screen.waitFor((s) => first.every((id) => s.state.has(id)));

    process.kill([...pids][0], 'SIGKILL');
    const after: string[] = [];
    for (let i = 0; i < 6; i++) after.push(await post());
    await screen.waitFor((s) => after.every((id) => s.state.has(id)));
    screen.close();
    await db.end();
    expect(await stop(child)).toBe(0);
  }, 120_000);
});
