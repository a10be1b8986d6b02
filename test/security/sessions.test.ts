/**
 * Issue #13, finding 1: a token outlived a password change, a demotion, disabling or deletion,
 * and there was no logout. Every token now names a session; ending it refuses the token at once.
 */
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../server/src/app.ts';
import { purgeOldSessions } from '../../server/src/repos/sessions.ts';
import { ensureFirstAdmin, setPassword } from '../../server/src/repos/users.ts';
import { useTestApp } from '../helpers/app.ts';
import { testDatabaseUrl } from '../helpers/db.ts';

const t = useTestApp();
const ENDED = 'The session has ended; sign in again';

async function login(username: string, password: string) {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  return { status: res.statusCode, body: res.json() };
}
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
async function me(token: string) {
  const res = await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(token) });
  return { status: res.statusCode, body: res.json() };
}
/** A fresh operator (created by an admin) and a token of theirs. */
async function newUser(name: string, password = 'first-pass-1') {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/users',
    headers: t.auth('admin'),
    payload: { username: name, role: 'operator', password },
  });
  expect(res.statusCode).toBe(201);
  const l = await login(name, password);
  expect(l.status).toBe(200);
  return { id: res.json().id as number, token: l.body.token as string, password };
}

describe('logout', () => {
  it('ends the session: the same token is refused right after, with the reason', async () => {
    const u = await newUser('leaving.officer');
    expect((await me(u.token)).status).toBe(200);
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(u.token) });
    expect(out.statusCode).toBe(200);
    const after = await me(u.token);
    expect(after.status).toBe(401);
    expect(after.body.error.message).toBe(ENDED);
  });
});

describe('own password change', () => {
  it('ends every other session of the user, keeps the caller signed in, and checks the new password', async () => {
    const u = await newUser('changing.officer');
    const other = (await login('changing.officer', u.password)).body.token;
    const change = (body: object) =>
      t.app.inject({ method: 'POST', url: '/api/auth/password', headers: bearer(u.token), payload: body });

    const wrong = await change({ current: 'not-it', new: 'a fine new passphrase' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toMatch(/current password/);
    const weak = await change({ current: u.password, new: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.message).toMatch(/at least 10/);
    const named = await change({ current: u.password, new: 'changing.officer-2026' });
    expect(named.statusCode).toBe(400);
    expect((await me(other)).status).toBe(200); // refused changes end nothing

    const ok = await change({ current: u.password, new: 'a fine new passphrase' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ changed: true, ended_sessions: 1 });
    expect((await me(u.token)).status).toBe(200);
    expect((await me(other)).body.error.message).toBe(ENDED);
    expect((await login('changing.officer', u.password)).status).toBe(401);
    expect((await login('changing.officer', 'a fine new passphrase')).status).toBe(200);
  });

  it('the command line passwd signs the user out everywhere', async () => {
    const u = await newUser('cli.officer');
    expect(await setPassword(t.db, 'cli.officer', 'set-by-the-cli-1')).toBe(true);
    t.app.sessions.ended(); // another process changed the database: this one may cache up to 2 s
    expect((await me(u.token)).body.error.message).toBe(ENDED);
  });
});

describe('admin changes to a user end their sessions at once', () => {
  const put = (id: number, payload: object) =>
    t.app.inject({ method: 'PUT', url: `/api/users/${id}`, headers: t.auth('admin'), payload });

  it('a role change', async () => {
    const u = await newUser('demoted.officer');
    expect((await put(u.id, { version: 1, role: 'wall' })).statusCode).toBe(200);
    expect((await me(u.token)).body.error.message).toBe(ENDED);
    // The new sign-in carries the new role.
    expect((await login('demoted.officer', u.password)).body.role).toBe('wall');
  });

  it('disabling', async () => {
    const u = await newUser('disabled.officer');
    expect((await put(u.id, { version: 1, disabled: true })).statusCode).toBe(200);
    expect((await me(u.token)).status).toBe(401);
  });

  it('deletion', async () => {
    const u = await newUser('deleted.officer');
    const del = await t.app.inject({ method: 'DELETE', url: `/api/users/${u.id}?version=1`, headers: t.auth('admin') });
    expect(del.statusCode).toBe(200);
    expect((await me(u.token)).body.error.message).toBe(ENDED);
  });

  it('a password reset, after which the user may only change the password', async () => {
    const u = await newUser('reset.officer');
    const reset = await t.app.inject({
      method: 'POST',
      url: `/api/users/${u.id}/password`,
      headers: t.auth('admin'),
      payload: { password: 'chosen-by-admin', version: 1 },
    });
    expect(reset.statusCode).toBe(200);
    expect((await me(u.token)).body.error.message).toBe(ENDED);

    const l = await login('reset.officer', 'chosen-by-admin');
    expect(l.body.must_change_password).toBe(true);
    const token = l.body.token;
    expect((await me(token)).body.must_change_password).toBe(true);
    const blocked = await t.app.inject({ method: 'GET', url: '/api/summary', headers: bearer(token) });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.message).toMatch(/password must be changed/);
    const change = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: bearer(token),
      payload: { current: 'chosen-by-admin', new: 'my own secret phrase' },
    });
    expect(change.statusCode).toBe(200);
    expect((await me(token)).body.must_change_password).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: '/api/summary', headers: bearer(token) })).statusCode).toBe(200);
  });

  it('the generated first admin must change the password at the first sign-in', async () => {
    const client = await t.db.connect();
    try {
      await client.query('BEGIN');
      await client.query('DELETE FROM users');
      const admin = await ensureFirstAdmin(client);
      expect(admin?.username).toBe('admin');
      const { rows } = await client.query("SELECT must_change_password FROM users WHERE username = 'admin'");
      expect(rows[0].must_change_password).toBe(true);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});

describe('admin session list', () => {
  it('lists live sessions with who and from where, ends one, and is for admins only', async () => {
    const u = await newUser('listed.officer');
    const list = await t.app.inject({ method: 'GET', url: '/api/sessions', headers: t.auth('admin') });
    expect(list.statusCode).toBe(200);
    const mine = list.json().sessions.filter((s: { username: string }) => s.username === 'listed.officer');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ role: 'operator', kind: 'login', screen: null, current: false });
    expect(Date.parse(mine[0].expires_at)).toBeGreaterThan(Date.now());
    expect(mine[0].ip).toBeTruthy();
    expect(list.json().sessions.some((s: { current: boolean }) => s.current)).toBe(true);

    for (const role of ['operator', 'planner', 'wall'] as const)
      expect((await t.app.inject({ method: 'GET', url: '/api/sessions', headers: t.auth(role) })).statusCode).toBe(403);

    const end = (id: string) =>
      t.app.inject({ method: 'DELETE', url: `/api/sessions/${id}`, headers: t.auth('admin') });
    expect((await end(mine[0].id)).statusCode).toBe(200);
    expect((await me(u.token)).body.error.message).toBe(ENDED);
    expect((await end(mine[0].id)).statusCode).toBe(404);
    expect((await end('not-a-uuid')).statusCode).toBe(400);
  });
});

describe('wall screens', () => {
  it('a link is exchanged (again after a reboot) until the screen is revoked, then nothing of it works', async () => {
    const issue = await t.app.inject({
      method: 'POST',
      url: '/api/wall/tokens',
      headers: t.auth('admin'),
      payload: { username: 'test-wall', days: 30, screen: 'Command hall, left' },
    });
    expect(issue.statusCode).toBe(200);
    const { id, token } = issue.json();
    const exchange = () => t.app.inject({ method: 'POST', url: '/api/auth/wall', payload: { token } });
    const first = (await exchange()).json().token;
    const afterReboot = await exchange();
    expect(afterReboot.statusCode).toBe(200);
    expect((await me(first)).status).toBe(200);
    expect((await me(afterReboot.json().token)).status).toBe(200);
    // An ordinary token is not a link.
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/wall', payload: { token: first } })).statusCode).toBe(
      401,
    );

    const screens = await t.app.inject({ method: 'GET', url: '/api/wall/tokens', headers: t.auth('admin') });
    expect(screens.json().sessions).toContainEqual(
      expect.objectContaining({ id, screen: 'Command hall, left', username: 'test-wall', kind: 'wall' }),
    );
    const revoke = await t.app.inject({ method: 'DELETE', url: `/api/wall/tokens/${id}`, headers: t.auth('admin') });
    expect(revoke.statusCode).toBe(200);
    expect((await me(first)).body.error.message).toBe(ENDED);
    expect((await me(afterReboot.json().token)).status).toBe(401);
    expect((await exchange()).statusCode).toBe(401);
    const again = await t.app.inject({ method: 'GET', url: '/api/wall/tokens', headers: t.auth('admin') });
    expect(again.json().sessions.map((s: { id: string }) => s.id)).not.toContain(id);
  });
});

describe('retention', () => {
  it('purges sessions that ended or expired long ago, and keeps the live ones', async () => {
    const u = await newUser('retained.officer');
    const { rows } = await t.db.query<{ id: string }>(
      `INSERT INTO sessions (user_id, kind, created_at, expires_at, ended_at, ended_by, end_reason)
       VALUES ($1, 'login', now() - interval '200 days', now() - interval '199 days', now() - interval '199 days', 'x', 'logout'),
              ($1, 'login', now() - interval '200 days', now() - interval '100 days', NULL, NULL, NULL)
       RETURNING id`,
      [u.id],
    );
    expect(await purgeOldSessions(t.db, 90)).toBeGreaterThanOrEqual(2);
    const left = await t.db.query('SELECT 1 FROM sessions WHERE id = ANY($1::uuid[])', [rows.map((r) => r.id)]);
    expect(left.rowCount).toBe(0);
    expect((await me(u.token)).status).toBe(200);
  });
});

describe('several server processes', () => {
  it('a session ended through one is refused by another within seconds', async () => {
    const other = await buildApp({ databaseUrl: testDatabaseUrl(), poolSize: 2 });
    try {
      const u = await newUser('two.process.officer');
      const viaOther = () =>
        other.inject({ method: 'GET', url: '/api/me', headers: bearer(u.token) }).then((r) => r.statusCode);
      expect(await viaOther()).toBe(200); // now cached as live in the other process
      await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(u.token) });
      const start = Date.now();
      while ((await viaOther()) === 200) {
        expect(Date.now() - start).toBeLessThan(5000);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await viaOther()).toBe(401);
    } finally {
      await other.close();
    }
  });
});
