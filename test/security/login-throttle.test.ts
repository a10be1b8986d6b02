/**
 * Sign-in throttling per account: a growing back-off after 5 failures (429 + Retry-After even for
 * the right password), a lockout of one (account, address) pair after 10 failures that an admin
 * lifts, and no way for one address to lock the account out from the others. Waiting is simulated
 * by moving the recorded failures back in time.
 */
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/src/repos/users.ts';
import { useTestApp } from '../helpers/app.ts';
import { testDatabaseUrl } from '../helpers/db.ts';

const t = useTestApp();
const PASSWORD = 'saffron-trellis-quiver';
const ATTACKER = '203.0.113.66';
const HOME = '198.51.100.7';

async function login(username: string, password: string, remoteAddress: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress,
  });
  return { status: res.statusCode, retryAfter: res.headers['retry-after'], body: res.json() };
}
/** As if `seconds` had passed since every recorded failure of `username`. */
async function wait(username: string, seconds = 200) {
  await t.db.query(`UPDATE login_failures SET at = at - make_interval(secs => $2) WHERE username = $1`, [
    username,
    seconds,
  ]);
}
async function failTimes(username: string, n: number, address: string) {
  for (let i = 0; i < n; i += 1) {
    const res = await login(username, `wrong-${i}`, address);
    expect(res.status, `failure ${i + 1}`).toBe(401);
    await wait(username, 130); // past any back-off, still within the day the lockout counts
  }
}

beforeAll(async () => {
  for (const name of ['zhou.backoff', 'qian.locked', 'sun.unlock', 'wu.cli'])
    await createUser(t.db, name, 'operator', PASSWORD);
});

describe('back-off per account', () => {
  it('after 5 failures answers 429 with Retry-After, even for the right password and from another address', async () => {
    for (let i = 0; i < 5; i += 1) expect((await login('zhou.backoff', 'nope-nope', ATTACKER)).status).toBe(401);
    const right = await login('zhou.backoff', PASSWORD, HOME);
    expect(right.status).toBe(429);
    expect(right.retryAfter).toBe('1');
    expect(right.body.error).toMatchObject({ code: 'rate_limited', reason: 'backoff', retry_after_s: 1 });
    expect(right.body.error.message).toMatch(/retry in 1 s/);

    // A sixth failure (once the wait is over) doubles the wait.
    await wait('zhou.backoff', 2);
    expect((await login('zhou.backoff', 'nope-nope', ATTACKER)).status).toBe(401);
    expect((await login('zhou.backoff', PASSWORD, HOME)).retryAfter).toBe('2');

    await wait('zhou.backoff', 3);
    expect((await login('zhou.backoff', PASSWORD, HOME)).status).toBe(200);
    // The success cleared the failures: the next mistake is an ordinary 401.
    expect((await login('zhou.backoff', 'nope-nope', HOME)).status).toBe(401);
    expect((await login('zhou.backoff', PASSWORD, HOME)).status).toBe(200);
  });

  it('treats a name that does not exist the same way, so a wait reveals nothing', async () => {
    for (let i = 0; i < 5; i += 1) expect((await login('no.such.user', 'x', ATTACKER)).status).toBe(401);
    expect((await login('no.such.user', 'x', ATTACKER)).status).toBe(429);
  });

  it('never waits longer than two minutes, however long the attack', async () => {
    await t.db.query(
      `INSERT INTO login_failures (username, address, at) SELECT 'zhou.backoff', '192.0.2.' || g, now() FROM generate_series(1, 40) g`,
    );
    const res = await login('zhou.backoff', PASSWORD, HOME);
    expect(res.status).toBe(429);
    expect(Number(res.retryAfter)).toBe(120);
    await wait('zhou.backoff', 121);
    expect((await login('zhou.backoff', PASSWORD, HOME)).status).toBe(200);
  });
});

describe('lockout per account and address', () => {
  it('locks the address after 10 failures; the account stays open elsewhere; an admin lifts it', async () => {
    await failTimes('qian.locked', 10, ATTACKER);
    const locked = await login('qian.locked', PASSWORD, ATTACKER);
    expect(locked.status).toBe(429);
    expect(locked.body.error).toMatchObject({ code: 'rate_limited', reason: 'locked' });
    expect(locked.body.error.message).toMatch(/admin can lift/);
    expect(Number(locked.retryAfter)).toBeGreaterThan(23 * 3600);

    // The owner, from home, signs in; the attacker's address stays locked even after that success.
    expect((await login('qian.locked', PASSWORD, HOME)).status).toBe(200);
    expect((await login('qian.locked', PASSWORD, ATTACKER)).status).toBe(429);

    const list = await t.app.inject({ method: 'GET', url: '/api/auth/lockouts', headers: t.auth('admin') });
    expect(list.statusCode).toBe(200);
    const mine = list.json().items.find((l: { username: string }) => l.username === 'qian.locked');
    expect(mine).toMatchObject({ address: ATTACKER, failures: 10 });
    expect(Date.parse(mine.until) - Date.parse(mine.locked_at)).toBe(24 * 3600 * 1000);

    for (const role of ['operator', 'planner', 'wall'] as const) {
      expect((await t.app.inject({ method: 'GET', url: '/api/auth/lockouts', headers: t.auth(role) })).statusCode).toBe(
        403,
      );
      const del = await t.app.inject({ method: 'DELETE', url: `/api/auth/lockouts/${mine.id}`, headers: t.auth(role) });
      expect(del.statusCode).toBe(403);
    }
    const lift = await t.app.inject({
      method: 'DELETE',
      url: `/api/auth/lockouts/${mine.id}`,
      headers: t.auth('admin'),
    });
    expect(lift.statusCode).toBe(200);
    expect(lift.json()).toMatchObject({ id: mine.id, username: 'qian.locked', address: ATTACKER });
    expect((await login('qian.locked', PASSWORD, ATTACKER)).status).toBe(200);
    const again = await t.app.inject({
      method: 'DELETE',
      url: `/api/auth/lockouts/${mine.id}`,
      headers: t.auth('admin'),
    });
    expect(again.statusCode).toBe(404);
    const bad = await t.app.inject({ method: 'DELETE', url: '/api/auth/lockouts/abc', headers: t.auth('admin') });
    expect(bad.statusCode).toBe(400);
  });

  it('one address cannot lock the account for everyone: other addresses are never locked by it', async () => {
    await failTimes('sun.unlock', 10, ATTACKER);
    expect((await login('sun.unlock', PASSWORD, ATTACKER)).body.error.reason).toBe('locked');
    // Attempts from a locked address are refused before counting, so they add no back-off either.
    for (let i = 0; i < 5; i += 1) expect((await login('sun.unlock', 'wrong', ATTACKER)).status).toBe(429);
    expect((await login('sun.unlock', PASSWORD, HOME)).status).toBe(200);
  });

  it('npm run user -- unlock NAME lifts every lockout of that name', async () => {
    await failTimes('wu.cli', 10, ATTACKER);
    expect((await login('wu.cli', PASSWORD, ATTACKER)).status).toBe(429);
    const r = spawnSync('npx', ['tsx', 'scripts/user.ts', 'unlock', 'wu.cli'], {
      env: { ...process.env, DATABASE_URL: testDatabaseUrl() },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/lifted the lockout of wu\.cli from 203\.0\.113\.66/);
    expect((await login('wu.cli', PASSWORD, ATTACKER)).status).toBe(200);
  });
});
