/**
 * `npm start` as a new user runs it: on an empty database it migrates, loads the sample city,
 * creates an admin whose password it prints once, and serves the client and the API.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { afterAll, describe, expect, it, inject } from 'vitest';
import { databaseName, withDatabase } from '../../scripts/lib/db.ts';

const startDb = `${databaseName(inject('databaseUrl'))}_start`;
const url = withDatabase(inject('databaseUrl'), startDb);
const children: ChildProcess[] = [];

async function dropDatabase() {
  const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(startDb)} WITH (FORCE)`);
  await admin.end();
}

/** Starts `npm start` on a free port; resolves with its printed output once it is serving. */
function start(): Promise<{ child: ChildProcess; output: string; base: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--port', '0', '--host', '127.0.0.1'], {
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: pw }),
    });
    expect(login.status).toBe(200);
    const { token, role } = await login.json();
    expect(role).toBe('admin');
    const summary = await (await fetch(`${first.base}/api/summary`, { headers: { authorization: `Bearer ${token}` } })).json();
    expect(summary.counts.grids).toBeGreaterThan(100);

    const page = await fetch(`${first.base}/wall`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');

    expect(await stop(first.child)).toBe(0);

    // Second start: same data, and no new password is printed.
    const second = await start();
    expect(second.output).not.toMatch(/^\s+password\s+\S+$/m);
    const again = await fetch(`${second.base}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: pw }),
    });
    expect(again.status).toBe(200);
    expect(await stop(second.child)).toBe(0);
  }, 240_000);
});
