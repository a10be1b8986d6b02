/**
 * The simulator (`npm run simulate`) against the test server for a few seconds: it reports
 * through the public API as its own operator, moves incidents along the closed loop, exercises
 * duplicate suggestions, and the server answers no 5xx.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { Simulator } from '../../scripts/simulate/engine.ts';
import { connectSimulator, type Connected } from '../../scripts/simulate/setup.ts';
import { testDatabaseUrl } from '../helpers/db.ts';
import { loginToken } from '../helpers/live-client.ts';
import { useTestServer } from '../helpers/server.ts';

const RUN_MS = 6000;
const username = `sim-test-${process.pid}`;
let db: pg.Pool;
let conn: Connected;
let sim: Simulator;
const setupLog: string[] = [];
const server = useTestServer();

beforeAll(async () => {
  db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
  conn = await connectSimulator({
    url: server.url,
    databaseUrl: testDatabaseUrl(),
    simulatorUser: username,
    log: (m) => setupLog.push(m),
  });
  // Queue adoption stays off: the checks below follow the simulator's own incidents and steps.
  sim = new Simulator({
    api: conn.api,
    places: conn.places,
    units: conn.units,
    rate: 10,
    speed: 40,
    seed: 20260101,
    adopt: false,
    duplicateShare: 0.2,
  });
  sim.start();
  await new Promise((r) => setTimeout(r, RUN_MS));
  await sim.stop(8000);
}, 40_000);

afterAll(async () => {
  await db?.end();
});

describe('npm run simulate', () => {
  it('creates its own operator through the database and reads the city through the API', () => {
    expect(setupLog.join('\n')).toMatch(new RegExp(`created operator user "${username}"`));
    expect(conn.username).toBe(username);
    expect(conn.places.grids.length).toBeGreaterThan(100);
    expect(conn.places.keyPlaces.length).toBeGreaterThan(0);
    expect(conn.units.teams.length).toBeGreaterThan(0);
  });

  it('reports at about the requested rate, every acknowledged report stored once', async () => {
    expect(sim.stats.reported).toBeGreaterThanOrEqual(25);
    expect(sim.stats.reported).toBeLessThanOrEqual(120);
    const { rows } = await db.query<{ id: string }>('SELECT id FROM incidents WHERE reported_by = $1', [username]);
    expect(new Set(rows.map((r) => r.id))).toEqual(sim.acked);
    const {
      rows: [mix],
    } = await db.query(
      `SELECT count(DISTINCT category)::int AS categories, count(DISTINCT source)::int AS sources,
              bool_and(description ~ '[\\u4e00-\\u9fff]') AS chinese, count(*) FILTER (WHERE grid_id IS NULL)::int AS outside
       FROM incidents WHERE reported_by = $1`,
      [username],
    );
    expect(mix.categories).toBeGreaterThanOrEqual(4);
    expect(mix.sources).toBeGreaterThanOrEqual(3);
    expect(mix.chinese).toBe(true);
    expect(mix.outside).toBe(0);
  });

  it('moves incidents at least two steps along the loop', async () => {
    const { rows } = await db.query<{ version: number; status: string }>(
      'SELECT version, status FROM incidents WHERE reported_by = $1',
      [username],
    );
    expect(rows.filter((r) => r.version >= 3).length).toBeGreaterThan(0);
    const statuses = new Set(rows.map((r) => r.status));
    expect(
      statuses.has('dispatched') || statuses.has('handled') || statuses.has('verified') || statuses.has('archived'),
    ).toBe(true);
    expect(sim.stats.actions.get('accept') ?? 0).toBeGreaterThan(0);
    expect(sim.stats.actions.get('dispatch') ?? 0).toBeGreaterThan(0);
    // Each acknowledged action is the history row its version names, and nothing more was written.
    const { rows: hist } = await db.query<{ incident_id: string; n: number; to_status: string; action: string }>(
      `SELECT incident_id, row_number() OVER (PARTITION BY incident_id ORDER BY id)::int AS n, to_status, action
       FROM incident_history WHERE incident_id = ANY($1::uuid[])`,
      [[...sim.acked]],
    );
    const byKey = new Map(hist.map((h) => [`${h.incident_id}:${h.n}`, h]));
    for (const a of sim.ackedActions) {
      expect(byKey.get(`${a.id}:${a.version}`), `${a.action} on ${a.id}`).toMatchObject({
        action: a.action,
        to_status: a.to,
      });
    }
    expect(hist.length).toBe(sim.acked.size + sim.ackedActions.length);
  });

  it('exercises duplicate suggestions with near-duplicate reports', () => {
    expect(sim.stats.notes.get('near_duplicate_sent') ?? 0).toBeGreaterThan(0);
    expect(sim.stats.notes.get('duplicates_suggested') ?? 0).toBeGreaterThan(0);
    expect(sim.stats.actions.get('mark_duplicate') ?? 0).toBeGreaterThan(0);
  });

  it("writes every history row of its incidents as the simulator's user", async () => {
    const { rows } = await db.query<{ actor: string; n: number }>(
      `SELECT h.actor, count(*)::int AS n FROM incident_history h JOIN incidents i ON i.id = h.incident_id
       WHERE i.reported_by = $1 GROUP BY h.actor`,
      [username],
    );
    expect(rows).toEqual([{ actor: username, n: sim.acked.size + sim.ackedActions.length }]);
    // The same, as a wall screen reads it through the API.
    const token = await loginToken(server.url, inject('users').wall);
    const moved = sim.ackedActions.at(-1)!;
    const res = await fetch(`${server.url}/api/incidents/${moved.id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const { history } = await res.json();
    expect(history.length).toBeGreaterThanOrEqual(2);
    expect(history.every((h: { actor: string }) => h.actor === username)).toBe(true);
  });

  it('gets no 5xx and no client errors from the server', () => {
    expect(sim.stats.serverErrors).toBe(0);
    const errors = Object.fromEntries(sim.stats.errors);
    expect(errors).toEqual({});
  });
});
