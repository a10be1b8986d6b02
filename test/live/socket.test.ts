/**
 * Live delivery over real socket.io connections to real server processes. How fast (within 2 s
 * of the report, across processes) is `npm run bench`'s `live-cross-process`.
 */
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import pg from 'pg';
import { startServerProcess, type ServerProcess } from '../../scripts/lib/server-process.ts';
import { pointInGrid, report, type GridPoint } from '../helpers/incidents.ts';
import { testDatabaseUrl } from '../helpers/db.ts';
import { loginToken, TestScreen } from '../helpers/live-client.ts';

const url = testDatabaseUrl();
const users = inject('users');
let a: ServerProcess;
let b: ServerProcess;
let db: pg.Pool;
let operator: string;
let wall: string;
let here: GridPoint;
let elsewhere: GridPoint;
const screens: TestScreen[] = [];

beforeAll(async () => {
  [a, b] = await Promise.all([startServerProcess(url), startServerProcess(url)]);
  db = new pg.Pool({ connectionString: url, max: 2 });
  operator = await loginToken(a.url, users.operator);
  wall = await loginToken(b.url, users.wall);
  here = await pointInGrid(db, 21);
  // A point in another district (or at least another community) for area filtering.
  const { rows } = await db.query(`SELECT count(*)::int n FROM grids`);
  for (let n = rows[0].n - 1; n > 0; n--) {
    elsewhere = await pointInGrid(db, n);
    if (elsewhere.districtId !== here.districtId) break;
  }
});

afterAll(async () => {
  for (const s of screens) s.close();
  await Promise.all([a?.stop(), b?.stop()]);
  await db?.end();
});

function screen(base: string, token = wall, since?: number) {
  const s = new TestScreen(base, token, since);
  screens.push(s);
  return s;
}

async function latest(): Promise<number> {
  const { rows } = await db.query('SELECT coalesce(max(seq), 0)::int AS s FROM events');
  return rows[0].s;
}

async function postIncident(base: string, body: object) {
  const res = await fetch(`${base}/api/incidents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${operator}` },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  return (await res.json()).incident;
}

describe('live events', () => {
  it('reach a screen on another server process', async () => {
    const s = screen(b.url, wall, await latest());
    await s.connected();
    const body = report(here);
    await postIncident(a.url, body);
    await s.waitFor((x) => x.state.has(body.id));
    const e = s.events.find((x) => x.incident?.id === body.id)!;
    expect(e.type).toBe('incident.created');
    expect(e.incident!.grid_id).toBe(here.gridId);
  });

  it('arrive in seq order with nothing missing', async () => {
    const from = await latest();
    const s = screen(a.url, wall, from);
    await s.connected();
    const ids: string[] = [];
    for (let i = 0; i < 15; i++) {
      const body = report(here);
      ids.push(body.id);
      await postIncident(i % 2 ? a.url : b.url, body);
    }
    await s.waitFor((x) => ids.every((id) => x.state.has(id)));
    const seqs = s.events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((p, q) => p - q));
    const { rows } = await db.query('SELECT seq::int AS seq FROM events WHERE seq > $1 ORDER BY seq', [from]);
    expect(seqs.slice(0, rows.length)).toEqual(rows.map((r) => r.seq));
  });

  it('replay everything missed while a screen was away, in order', async () => {
    const s = screen(b.url, wall, await latest());
    await s.connected();
    s.socket.disconnect();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const body = report(here);
      ids.push(body.id);
      await postIncident(a.url, body);
    }
    expect(ids.some((id) => s.state.has(id))).toBe(false);
    s.socket.connect();
    await s.waitFor((x) => ids.every((id) => x.state.has(id)));
    expect(s.snapshots).toBe(0);
  });

  it('send only its own area to a screen that follows a district', async () => {
    const s = screen(a.url, wall, await latest());
    await s.connected();
    const ack = await s.socket.timeout(3000).emitWithAck('follow', { district: here.districtId });
    expect(ack).toEqual({ ok: true, data: { rooms: [`district:${here.districtId}`] } });
    const mine = report(here);
    const theirs = report(elsewhere);
    await postIncident(a.url, theirs);
    await postIncident(a.url, mine);
    await s.waitFor((x) => x.state.has(mine.id));
    expect(s.state.has(theirs.id)).toBe(elsewhere.districtId === here.districtId);
  });

  it('count the screens connected to every process', async () => {
    const s = screen(b.url);
    await s.connected();
    const res = await fetch(`${a.url}/api/live`, { headers: { authorization: `Bearer ${operator}` } });
    const live = await res.json();
    expect(live.clients).toBeGreaterThan(live.localClients);
  });
});

describe('socket abuse', () => {
  it('refuses a connection without a valid token', async () => {
    for (const auth of [{}, { token: 'garbage' }]) {
      const sock = connect(a.url, { auth, transports: ['websocket'], reconnection: false });
      const err = await new Promise<Error & { data?: { code: string } }>((r) => sock.once('connect_error', r));
      expect(err.data?.code).toBe('unauthorized');
      sock.close();
    }
  });

  it('lets a wall token listen only', async () => {
    const s = screen(a.url);
    await s.connected();
    // `report` is no event of the contract: the untyped socket sends what a hostile client would.
    const reply: { ok: boolean; error: { code: string } } = await (s.socket as unknown as Socket)
      .timeout(3000)
      .emitWithAck('report', { category: 'dispute' });
    expect(reply.ok).toBe(false);
    expect(reply.error.code).toBe('forbidden');
  });

  it('answers a malformed resync with an error', async () => {
    const s = screen(a.url);
    await s.connected();
    const reply = await s.socket.timeout(3000).emitWithAck('resync', { since: -5 });
    expect(reply.ok).toBe(false);
  });

  it('drops a 2 MB message and stays healthy for everyone else', async () => {
    const s = screen(a.url);
    await s.connected();
    const closed = new Promise<string>((r) => s.socket.once('disconnect', r));
    s.socket.io.reconnection(false);
    s.socket.emit('resync', { since: 0, pad: 'x'.repeat(2 * 1024 * 1024) } as never, () => {});
    expect(await closed).toBeTruthy();
    const health = await fetch(`${a.url}/api/health`);
    expect(health.status).toBe(200);
    const other = screen(a.url);
    await other.connected();
  });
});
