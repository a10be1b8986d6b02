/**
 * The simulator's patrol movement against the test server: units move along the streets the
 * server routes, their fixes are stored (none refused as implausible), and a dispatched unit
 * heads for its incident.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { Api } from '../../scripts/simulate/http.ts';
import { PatrolMover } from '../../scripts/simulate/patrols.ts';
import { distanceToPath } from '../../server/src/domain/patrol-match.ts';
import { testDatabaseUrl } from '../helpers/db.ts';
import { useTestServer } from '../helpers/server.ts';

const users = inject('users');
const server = useTestServer();
let db: pg.Pool;
let mover: PatrolMover;
let started: Date;
let responder: { id: number; lon: number; lat: number; incident: { id: string; lon: number; lat: number } };

beforeAll(async () => {
  db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
  const api = new Api(server.url);
  await api.login(users.operator.username, users.operator.password);
  // A patrol team is dispatched to an incident ~500 m away before the mover starts.
  const {
    rows: [u],
  } = await db.query(
    `SELECT id, ST_X(last_geom) AS lon, ST_Y(last_geom) AS lat FROM patrol_units WHERE status = 'on_patrol' AND kind = 'patrol_team' ORDER BY id LIMIT 1`,
  );
  const {
    rows: [v],
  } = await db.query(
    `SELECT ST_X(v.geom) AS lon, ST_Y(v.geom) AS lat FROM street_vertices v, patrol_units u WHERE u.id = $1
     ORDER BY abs(ST_Distance(v.geom::geography, u.last_geom::geography) - 500) LIMIT 1`,
    [u.id],
  );
  const id = crypto.randomUUID();
  const post = (path: string, body: object) =>
    api.post(path, body).then((r) => {
      if (r.status >= 300) throw new Error(`${path}: ${r.status}`);
      return r;
    });
  await post('/api/incidents', {
    id,
    category: 'public_security',
    grade: 'key',
    description: '巡逻测试：有人求助',
    lon: v.lon + 0.00005,
    lat: v.lat,
  });
  await post(`/api/incidents/${id}/actions`, { action: 'accept', note: 'ok', version: 1 });
  await post(`/api/incidents/${id}/actions`, { action: 'dispatch', note: 'go', unit_id: u.id, version: 2 });
  responder = { ...u, incident: { id, lon: v.lon + 0.00005, lat: v.lat } };
  started = new Date();
  mover = new PatrolMover({ api, units: 400, fixEveryS: 1, seed: 7 });
  await mover.start();
  await new Promise((r) => setTimeout(r, 7000));
  await mover.stop();
}, 40_000);

afterAll(async () => {
  await db?.end();
});

describe('simulated patrols', () => {
  it('reports fixes in batches through the API, all plausible', () => {
    expect(mover.stats.batches).toBeGreaterThanOrEqual(5);
    expect(mover.stats.paths).toBeGreaterThan(10);
    expect(mover.stats.stored).toBeGreaterThan(100);
    expect(mover.stats.rejected).toBe(0);
    expect(mover.stats.errors).toBe(0);
  });

  it('moves units along the streets: their new fixes lie on the street network', async () => {
    const { rows } = await db.query(
      `SELECT f.unit_id, ST_Distance(f.geom::geography, r.geom::geography) AS d
       FROM patrol_fixes f
       CROSS JOIN LATERAL (SELECT geom FROM roads ORDER BY roads.geom <-> f.geom LIMIT 1) r
       WHERE f.received_at >= $1`,
      [started],
    );
    expect(rows.length).toBeGreaterThan(100);
    const onStreet = rows.filter((r) => r.d < 20).length;
    // The first fix of a unit is where it stood (often mid-block); after that, the streets.
    expect(onStreet / rows.length).toBeGreaterThan(0.8);
    const { rows: moved } = await db.query(
      `SELECT count(DISTINCT unit_id)::int AS n FROM patrol_fixes WHERE received_at >= $1`,
      [started],
    );
    expect(moved[0].n).toBeGreaterThan(20);
  });

  it('sends a dispatched unit towards its incident along the street path', async () => {
    expect(mover.stats.responses).toBeGreaterThanOrEqual(1);
    const {
      rows: [u],
    } = await db.query('SELECT status FROM patrol_units WHERE id = $1', [responder.id]);
    expect(u.status).toBe('responding');
    // The street path from where it stood to the incident, as the server routes it.
    const api = new Api(server.url);
    await api.login(users.operator.username, users.operator.password);
    const res = await api.get<{ path: [number, number][] }>(
      `/api/patrols/path?from=${responder.lon},${responder.lat}&to=${responder.incident.lon},${responder.incident.lat}`,
    );
    const path: [number, number][] = [[responder.lon, responder.lat], ...res.body.path];
    const { rows: fixes } = await db.query(
      'SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM patrol_fixes WHERE unit_id = $1 AND received_at >= $2 ORDER BY t',
      [responder.id, started],
    );
    expect(fixes.length).toBeGreaterThanOrEqual(4);
    // Every fix on that path (GPS noise aside), and the last one well along it.
    for (const f of fixes) expect(distanceToPath(f.lon, f.lat, path)).toBeLessThan(20);
    const along = (p: { lon: number; lat: number }) => {
      let best = Infinity;
      let at = 0;
      let run = 0;
      for (let i = 1; i < path.length; i++) {
        const seg = distanceToPath(path[i][0], path[i][1], [path[i - 1]]);
        const d = distanceToPath(p.lon, p.lat, [path[i - 1], path[i]]);
        if (d < best) {
          best = d;
          at = run + Math.max(0, Math.min(seg, distanceToPath(p.lon, p.lat, [path[i - 1]])));
        }
        run += seg;
      }
      return at;
    };
    expect(along(fixes.at(-1)) - along(fixes[0])).toBeGreaterThan(25);
  });
});
