/**
 * Issue #13, finding 2: a socket was checked only when it connected and kept receiving and
 * sending after its token expired or its session ended. Now every message is checked and a sweep
 * cuts the sockets of ended sessions, telling them why first.
 */
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { buildApp } from '../../server/src/app.ts';
import { testDatabaseUrl } from '../helpers/db.ts';
import { loginToken } from '../helpers/live-client.ts';
import { useTestServer } from '../helpers/server.ts';

const users = inject('users');
const server = useTestServer();
const sockets: Socket[] = [];
const db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });

afterAll(async () => {
  for (const s of sockets) s.close();
  await db.end();
});

interface Watched {
  socket: Socket;
  /** The reasons the server gave before cutting the socket. */
  ended: string[];
  disconnectedAt: Promise<number>;
}

/** A connected socket that does not reconnect, with what it was told when it was cut. */
async function open(base: string, token: string): Promise<Watched> {
  const socket = connect(base, { auth: { token }, transports: ['websocket'], reconnection: false, timeout: 5000 });
  sockets.push(socket);
  const ended: string[] = [];
  socket.on('session:ended', (r: { message: string }) => ended.push(r.message));
  const disconnectedAt = new Promise<number>((resolve) => socket.once('disconnect', () => resolve(Date.now())));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return { socket, ended, disconnectedAt };
}

async function sid(token: string): Promise<string> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sid;
}

describe('sockets of ended sessions', () => {
  it('an admin ending the session disconnects its socket within 10 s, with the reason', async () => {
    const token = await loginToken(server.url, users.operator);
    const admin = await loginToken(server.url, users.admin);
    const s = await open(server.url, token);
    const start = Date.now();
    const res = await fetch(`${server.url}/api/sessions/${await sid(token)}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(res.status).toBe(200);
    expect((await s.disconnectedAt) - start).toBeLessThan(10_000);
    expect(s.ended).toEqual(['The session has ended; sign in again']);
  });

  it('a logout disconnects the sockets of that session', async () => {
    const token = await loginToken(server.url, users.planner);
    const s = await open(server.url, token);
    const start = Date.now();
    await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect((await s.disconnectedAt) - start).toBeLessThan(10_000);
    expect(s.ended).toHaveLength(1);
  });

  it('a session ended by another server process (in the database) is cut by the sweep within 10 s', async () => {
    const token = await loginToken(server.url, users.wall);
    const s = await open(server.url, token);
    const start = Date.now();
    await db.query("UPDATE sessions SET ended_at = now(), ended_by = 'test', end_reason = 'revoked' WHERE id = $1", [
      await sid(token),
    ]);
    expect((await s.disconnectedAt) - start).toBeLessThan(10_000);
    // A new connection with the same token is refused.
    await expect(open(server.url, token)).rejects.toMatchObject({
      data: { code: 'unauthorized', message: 'The session has ended; sign in again' },
    });
  });

  it('a revoked wall screen loses its socket', async () => {
    const admin = await loginToken(server.url, users.admin);
    const h = { 'content-type': 'application/json', authorization: `Bearer ${admin}` };
    const link = await (
      await fetch(`${server.url}/api/wall/tokens`, {
        method: 'POST',
        headers: h,
        body: JSON.stringify({ username: users.wall.username, screen: 'Lobby' }),
      })
    ).json();
    const bearer = await (
      await fetch(`${server.url}/api/auth/wall`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: link.token }),
      })
    ).json();
    // The link token itself opens no socket.
    await expect(open(server.url, link.token)).rejects.toMatchObject({
      data: { message: expect.stringMatching(/only accepted by POST \/api\/auth\/wall/) },
    });
    const s = await open(server.url, bearer.token);
    const start = Date.now();
    await fetch(`${server.url}/api/wall/tokens/${link.id}`, {
      method: 'DELETE',
      headers: { authorization: h.authorization },
    });
    expect((await s.disconnectedAt) - start).toBeLessThan(10_000);
  });
});

describe('expired tokens on sockets', () => {
  it("a socket's next message after its token expires is refused and the socket cut", async () => {
    // A long sweep period, so that it is the message check that notices, not the sweep.
    const app = await buildApp({
      databaseUrl: testDatabaseUrl(),
      poolSize: 2,
      live: true,
      tokenTtlSeconds: 2,
      sessionCheckMs: 60_000,
      loginRateLimit: 1000,
    });
    try {
      const base = await app.listen({ host: '127.0.0.1', port: 0 });
      const token = await loginToken(base, users.operator);
      const s = await open(base, token);
      const fresh = await s.socket.timeout(5000).emitWithAck('follow', null);
      expect(fresh.ok).toBe(true);
      await new Promise((r) => setTimeout(r, 2500));
      const late = await s.socket.timeout(5000).emitWithAck('follow', null);
      expect(late).toMatchObject({
        ok: false,
        error: { code: 'unauthorized', message: expect.stringMatching(/expired/) },
      });
      await s.disconnectedAt;
      expect(s.ended[0]).toMatch(/expired/);
    } finally {
      await app.close();
    }
  });
});
