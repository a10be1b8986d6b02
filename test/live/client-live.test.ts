/**
 * The browser's live module (client/src/api/live.ts) against real server processes: it starts
 * from `hello.latest`, reports its connection state, catches up after its server died (replay,
 * or a snapshot when too far behind), applies every event once in seq order, and narrows to an
 * area with `follow`, which it sends again after a reconnect.
 */
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import pg from 'pg';
import { LiveConnection, type LiveEvent, type LiveSnapshot } from '../../client/src/api/live.ts';
import { startServerProcess, type ServerProcess } from '../../scripts/lib/server-process.ts';
import { pointInGrid, report, type GridPoint } from '../helpers/incidents.ts';
import { testDatabaseUrl } from '../helpers/db.ts';
import { loginToken } from '../helpers/live-client.ts';

const url = testDatabaseUrl();
const users = inject('users');
/** Replays of more events than this become snapshots. */
const REPLAY_LIMIT = 4;
const env = { GRIDBOARD_REPLAY_LIMIT: String(REPLAY_LIMIT) };

let a: ServerProcess;
let b: ServerProcess;
let db: pg.Pool;
let operator: string;
let wall: string;
let here: GridPoint;
let elsewhere: GridPoint;
const connections: LiveConnection[] = [];

beforeAll(async () => {
  [a, b] = await Promise.all([startServerProcess(url, { env }), startServerProcess(url, { env })]);
  db = new pg.Pool({ connectionString: url, max: 2 });
  operator = await loginToken(b.url, users.operator);
  wall = await loginToken(a.url, users.wall);
  here = await pointInGrid(db, 25);
  const { rows } = await db.query('SELECT count(*)::int n FROM grids');
  for (let n = rows[0].n - 1; n > 0; n--) {
    elsewhere = await pointInGrid(db, n);
    if (elsewhere.districtId !== here.districtId) break;
  }
});

afterAll(async () => {
  for (const c of connections) c.stop();
  await Promise.all([a?.stop(), b?.stop()]);
  await db?.end();
});

async function post(at: GridPoint, over: Record<string, unknown> = {}): Promise<string> {
  const body = report(at, over);
  const res = await fetch(`${b.url}/api/incidents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${operator}` },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  return body.id;
}

async function until(pred: () => boolean, ms = 10_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`${what} not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function watch(conn: LiveConnection) {
  const events: LiveEvent[] = [];
  const snapshots: LiveSnapshot[] = [];
  const states: string[] = [];
  conn.subscribe({ onEvent: (e) => events.push(e), onSnapshot: (s) => snapshots.push(s) });
  conn.onStatus(() => {
    const s = conn.getStatus().state;
    if (states.at(-1) !== s) states.push(s);
  });
  const ids = () => events.map((e) => e.incident?.id);
  return { events, snapshots, states, ids };
}

describe('client live module', () => {
  it('follows from hello.latest, survives its server dying, and applies every event once in order', async () => {
    const conn = new LiveConnection({ url: a.url });
    connections.push(conn);
    const w = watch(conn);
    conn.start(wall);
    const start = await conn.ready(10_000);
    expect(start).not.toBeNull();
    await until(() => conn.getStatus().state === 'connected' && !conn.getStatus().resyncing, 10_000, 'connected');

    const first = await post(here);
    await until(() => w.ids().includes(first), 2_000, 'first event');

    // The server dies; reports keep coming through another process meanwhile.
    await a.kill();
    await until(() => conn.getStatus().state !== 'connected', 5_000, 'disconnect noticed');
    const missed = [await post(here), await post(here)];
    a = await startServerProcess(url, { port: a.port, env });
    await until(() => missed.every((id) => w.ids().includes(id)), 20_000, 'missed events replayed');
    expect(conn.getStatus().state).toBe('connected');
    expect(w.states).toContain('reconnecting');
    expect(w.snapshots).toHaveLength(0);

    const seqs = w.events.map((e) => e.seq);
    expect(seqs.every((s, i) => i === 0 || s > seqs[i - 1])).toBe(true);
    expect(seqs[0]).toBeGreaterThan(start!);
    for (const id of [first, ...missed]) expect(w.ids().filter((x) => x === id)).toHaveLength(1);
  }, 60_000);

  it('gets a snapshot when too far behind, then carries on live', async () => {
    const conn = new LiveConnection({ url: a.url });
    connections.push(conn);
    const w = watch(conn);
    conn.start(wall);
    await conn.ready(10_000);
    await until(() => conn.getStatus().state === 'connected' && !conn.getStatus().resyncing, 10_000, 'connected');

    await a.kill();
    await until(() => conn.getStatus().state !== 'connected', 5_000, 'disconnect noticed');
    const missed: string[] = [];
    for (let i = 0; i <= REPLAY_LIMIT; i++) missed.push(await post(here));
    a = await startServerProcess(url, { port: a.port, env });
    await until(() => w.snapshots.length === 1, 60_000, 'snapshot');
    const inSnapshot = new Set(w.snapshots[0].incidents.map((i) => i.id));
    for (const id of missed) expect(inSnapshot.has(id)).toBe(true);
    expect(conn.lastSeq).toBeGreaterThanOrEqual(w.snapshots[0].latest);

    const after = await post(here);
    await until(() => w.ids().includes(after), 10_000, 'live after the snapshot');
  }, 120_000);

  it('narrows to the followed area, and keeps it after a reconnect', async () => {
    const conn = new LiveConnection({ url: a.url });
    connections.push(conn);
    const w = watch(conn);
    conn.start(wall);
    await conn.ready(10_000);
    await conn.follow({ district: here.districtId });

    const outside = await post(elsewhere);
    const inside = await post(here);
    await until(() => w.ids().includes(inside), 10_000, 'event in the area');
    expect(w.ids()).not.toContain(outside);

    await a.kill();
    await until(() => conn.getStatus().state !== 'connected', 5_000, 'disconnect noticed');
    const outsideWhileAway = await post(elsewhere);
    const insideWhileAway = await post(here);
    a = await startServerProcess(url, { port: a.port, env });
    // A restarted process on a busy machine takes a while to start and be found again.
    await until(() => w.ids().includes(insideWhileAway), 60_000, 'area event replayed');
    const outsideLive = await post(elsewhere);
    const insideLive = await post(here);
    await until(() => w.ids().includes(insideLive), 10_000, 'area event live');
    expect(w.ids()).not.toContain(outsideWhileAway);
    expect(w.ids()).not.toContain(outsideLive);

    await conn.follow(null);
    const anywhere = await post(elsewhere);
    await until(() => w.ids().includes(anywhere), 10_000, 'whole city again');
  }, 120_000);

  it('says offline, and reports the session ended, when the token is refused', async () => {
    const conn = new LiveConnection({ url: a.url });
    connections.push(conn);
    conn.start('not-a-token');
    await until(() => conn.getStatus().state === 'offline', 5_000, 'offline');
    expect(conn.getStatus().reason).toBe('unauthorized');
    expect(await conn.ready(200)).toBeNull();
  });
});
