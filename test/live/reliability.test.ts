/**
 * Reliability: PostgreSQL crashing under load, the server killed with SIGKILL mid-transition,
 * screens away for a while or for longer than the replay window, and one of two server processes
 * dying. Runs on its own throw-away PostgreSQL cluster so crashing it disturbs no other test.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScratchCluster } from '../../scripts/lib/cluster.ts';
import { prepareDatabase } from '../../scripts/lib/prepare.ts';
import { startServerProcess, type ServerProcess } from '../../scripts/lib/server-process.ts';
import { createUser } from '../../server/src/repos/users.ts';
import { pointInGrid, report, type GridPoint } from '../helpers/incidents.ts';
import { loginToken, TestScreen } from '../helpers/live-client.ts';

const REPLAY_LIMIT = 40;
let cluster: ScratchCluster;
let db: pg.Pool;
let server: ServerProcess;
let operator: string;
let wall: string;
let here: GridPoint;
const screens: TestScreen[] = [];
const creds = {
  operator: { username: 'rel-operator', password: 'rel-operator-pw' },
  wall: { username: 'rel-wall', password: 'rel-wall-pw' },
};

const env = { GRIDBOARD_REPLAY_LIMIT: String(REPLAY_LIMIT) };

beforeAll(async () => {
  cluster = await ScratchCluster.create('reliability');
  await prepareDatabase(cluster.url, { size: 'small' });
  db = new pg.Pool({ connectionString: cluster.url, max: 3 });
  db.on('error', () => {});
  await createUser(db, creds.operator.username, 'operator', creds.operator.password);
  await createUser(db, creds.wall.username, 'wall', creds.wall.password);
  server = await startServerProcess(cluster.url, { env });
  operator = await loginToken(server.url, creds.operator);
  wall = await loginToken(server.url, creds.wall);
  here = await pointInGrid(db, 5);
}, 180_000);

afterAll(async () => {
  for (const s of screens) s.close();
  await server?.kill();
  await db?.end();
  cluster?.destroy();
});

function screen(url: string | (() => string), since: number) {
  const s = new TestScreen(url, wall, since);
  screens.push(s);
  return s;
}

const latest = async () => (await db.query('SELECT coalesce(max(seq), 0)::int AS s FROM events')).rows[0].s as number;

async function dbStatuses(ids: string[]): Promise<Map<string, string>> {
  const { rows } = await db.query('SELECT id::text, status FROM incidents WHERE id = ANY($1::uuid[])', [ids]);
  return new Map(rows.map((r) => [r.id, r.status]));
}

async function call(base: string, path: string, body: object, timeoutMs = 8000) {
  const t0 = performance.now();
  try {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${operator}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: res.status, ms: performance.now() - t0, body: await res.json().catch(() => null) };
  } catch {
    return { status: 0, ms: performance.now() - t0, body: null };
  }
}

async function waitHealthy(base: string, ms = 20_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const res = await fetch(`${base}/api/health`).catch(() => null);
    if (res?.status === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not become healthy');
}

async function converge(s: TestScreen, ids: string[], ms = 10_000) {
  const want = await dbStatuses(ids);
  await s.waitFor((x) => ids.every((id) => x.state.get(id) === want.get(id)), ms);
}

describe('PostgreSQL crash while reports stream', () => {
  it('answers 503 fast during the outage, loses and duplicates nothing, and screens converge', async () => {
    const s = screen(server.url, await latest());
    await s.connected();
    const acked = new Set<string>();
    const pending: object[] = [];
    const outcomes: { status: number; ms: number }[] = [];
    let stop = false;
    const producer = (async () => {
      while (!stop) {
        const body = pending.shift() ?? report(here);
        const r = await call(server.url, '/api/incidents', body);
        outcomes.push(r);
        if (r.status === 201 || r.status === 200) acked.add((body as { id: string }).id);
        else pending.push(body); // a phone keeps the report and sends it again, same id
        if (r.status !== 201 && r.status !== 200) await new Promise((res) => setTimeout(res, 100));
      }
    })();
    await new Promise((r) => setTimeout(r, 1500));
    cluster.stop('immediate');
    await new Promise((r) => setTimeout(r, 3000));
    const during = await fetch(`${server.url}/api/health`);
    expect(during.status).toBe(503);
    cluster.start();
    await waitHealthy(server.url);
    await new Promise((r) => setTimeout(r, 1500));
    stop = true;
    await producer;
    // Drain what the phone still holds.
    while (pending.length) {
      const body = pending.shift() as { id: string };
      const r = await call(server.url, '/api/incidents', body);
      expect([200, 201]).toContain(r.status);
      acked.add(body.id);
    }

    expect(outcomes.filter((o) => o.status >= 500 && o.status !== 503)).toEqual([]);
    const failures = outcomes.filter((o) => o.status === 503 || o.status === 0);
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.every((o) => o.status === 503 && o.ms < 5000)).toBe(true);

    const ids = [...acked];
    const { rows } = await db.query(
      'SELECT id::text, count(*)::int n FROM incidents WHERE id = ANY($1::uuid[]) GROUP BY id',
      [ids],
    );
    expect(rows).toHaveLength(ids.length);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    await converge(s, ids);
  });
});

describe('server killed with SIGKILL during transitions', () => {
  it('keeps each transition all-or-nothing and screens resync within 10 s', async () => {
    const port = server.port;
    const s = screen(() => `http://127.0.0.1:${port}`, await latest());
    await s.connected();
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const body = report(here);
      expect((await call(server.url, '/api/incidents', body)).status).toBe(201);
      ids.push(body.id);
    }
    const steps = ['accept', 'dispatch', 'handle', 'verify', 'archive'];
    const runs = ids.map(async (id) => {
      for (const [i, action] of steps.entries()) {
        const r = await call(
          `http://127.0.0.1:${port}`,
          `/api/incidents/${id}/actions`,
          { action, note: 'step', version: i + 1 },
          3000,
        );
        if (r.status !== 200) return;
      }
    });
    await new Promise((r) => setTimeout(r, 150));
    await server.kill();
    await Promise.all(runs);
    server = await startServerProcess(cluster.url, { port, env });

    const { rows } = await db.query(
      `SELECT i.id::text, i.status, i.version,
         (SELECT count(*)::int FROM incident_history h WHERE h.incident_id = i.id) AS history,
         (SELECT count(*)::int FROM events e WHERE e.payload->'incident'->>'id' = i.id::text) AS events,
         (SELECT h.to_status FROM incident_history h WHERE h.incident_id = i.id ORDER BY h.at DESC, h.id DESC LIMIT 1) AS last
       FROM incidents i WHERE i.id = ANY($1::uuid[])`,
      [ids],
    );
    for (const r of rows) {
      expect(r.last).toBe(r.status);
      expect(r.history).toBe(r.version);
      expect(r.events).toBe(r.history);
    }
    await converge(s, ids, 10_000);
  });
});

describe('screens that were away', () => {
  it('receive everything missed during 30 s away, in order', async () => {
    const s = screen(server.url, await latest());
    await s.connected();
    s.socket.disconnect();
    const from = s.lastSeq;
    const ids: string[] = [];
    const end = Date.now() + 30_000;
    while (Date.now() < end) {
      const body = report(here);
      if ((await call(server.url, '/api/incidents', body)).status === 201) ids.push(body.id);
      await new Promise((r) => setTimeout(r, 3000));
    }
    s.socket.connect();
    await converge(s, ids);
    expect(s.snapshots).toBe(0);
    const { rows } = await db.query('SELECT seq::int FROM events WHERE seq > $1 ORDER BY seq', [from]);
    expect(s.events.filter((e) => e.seq > from).map((e) => e.seq)).toEqual(rows.map((r) => r.seq));
  }, 60_000);

  it('reload a snapshot when further behind than the replay window, and end equal to the database', async () => {
    const s = screen(server.url, await latest());
    await s.connected();
    s.socket.disconnect();
    const ids: string[] = [];
    for (let i = 0; i < REPLAY_LIMIT + 10; i++) {
      const body = report(here, { grade: i % 3 ? 'routine' : 'key' });
      expect((await call(server.url, '/api/incidents', body)).status).toBe(201);
      ids.push(body.id);
      if (i % 4 === 0) await call(server.url, `/api/incidents/${body.id}/actions`, { action: 'accept', version: 1 });
    }
    s.socket.connect();
    await s.waitFor((x) => x.snapshots > 0);
    await converge(s, ids);
    expect(s.lastSeq).toBe(await latest());
  });
});

describe('two server processes, one dies', () => {
  it('moves its screens to the other, which miss nothing after resync', async () => {
    const other = await startServerProcess(cluster.url, { env });
    try {
      let target = server.url;
      const s = screen(() => target, await latest());
      await s.connected();
      await server.kill();
      target = other.url;
      const ids: string[] = [];
      for (let i = 0; i < 8; i++) {
        const body = report(here);
        expect((await call(other.url, '/api/incidents', body)).status).toBe(201);
        ids.push(body.id);
      }
      await converge(s, ids);
      const { rows } = await db.query('SELECT count(*)::int n FROM events WHERE seq > $1', [
        s.events[0]?.seq ? s.events[0].seq - 1 : 0,
      ]);
      expect(s.events.length).toBeGreaterThanOrEqual(Math.min(rows[0].n, ids.length));
    } finally {
      server = other;
    }
  });
});
