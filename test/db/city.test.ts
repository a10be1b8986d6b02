/** The sample city must be a believable city: these are the rules DOMAIN.md sets for it. */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../helpers/db.ts';

let db: pg.Client;
beforeAll(async () => {
  db = new pg.Client({ connectionString: testDatabaseUrl() });
  await db.connect();
});
afterAll(() => db.end());

const one = async (sql: string) => (await db.query(sql)).rows[0];

describe('sample city', () => {
  it('has the small size: about 150 grids over a full hierarchy', async () => {
    const r = await one(`SELECT (SELECT count(*)::int FROM grids) g, (SELECT count(*)::int FROM communities) c,
      (SELECT count(*)::int FROM street_offices) s, (SELECT count(*)::int FROM districts) d`);
    expect(r.g).toBeGreaterThanOrEqual(100);
    expect(r.g).toBeLessThanOrEqual(220);
    expect(r.d).toBeGreaterThanOrEqual(1);
    expect(r.s).toBeGreaterThan(r.d - 1);
    expect(r.c).toBeGreaterThan(r.s - 1);
  });

  it('tiles every community exactly with its grids: no gap, no overlap', async () => {
    const { rows } = await db.query(`
      WITH u AS (SELECT community_id, ST_Union(geom) AS geom, sum(ST_Area(geom::geography)) AS parts FROM grids GROUP BY community_id)
      SELECT c.id,
             ST_Area(ST_SymDifference(c.geom, u.geom)::geography) AS gap_m2,
             u.parts - ST_Area(u.geom::geography) AS overlap_m2,
             ST_Area(c.geom::geography) AS area_m2
      FROM communities c JOIN u ON u.community_id = c.id`);
    const {
      rows: [{ n }],
    } = await db.query('SELECT count(*)::int AS n FROM communities');
    expect(rows).toHaveLength(n);
    for (const r of rows) {
      expect(r.gap_m2).toBeLessThan(1);
      expect(Math.abs(r.overlap_m2)).toBeLessThan(1);
    }
  });

  it('nests communities in street offices and street offices in districts', async () => {
    const r = await one(`SELECT
      (SELECT count(*)::int FROM communities c JOIN street_offices s ON s.id = c.street_office_id
        WHERE NOT ST_Covers(ST_Buffer(s.geom, 1e-7), c.geom)) c_out,
      (SELECT count(*)::int FROM street_offices s JOIN districts d ON d.id = s.district_id
        WHERE NOT ST_Covers(ST_Buffer(d.geom, 1e-7), s.geom)) s_out`);
    expect(r).toEqual({ c_out: 0, s_out: 0 });
  });

  it('sizes grids to the standard: ~300 households urban, ~200 rural', async () => {
    const { rows } = await db.query(`
      SELECT c.kind, percentile_cont(0.5) WITHIN GROUP (ORDER BY g.households) AS median, count(*)::int n
      FROM grids g JOIN communities c ON c.id = g.community_id WHERE g.type <> 'unit' GROUP BY c.kind`);
    const by = Object.fromEntries(rows.map((r) => [r.kind, r]));
    expect(by.urban.median).toBeGreaterThan(200);
    expect(by.urban.median).toBeLessThan(450);
    expect(by.rural.median).toBeGreaterThan(120);
    expect(by.rural.median).toBeLessThan(320);
  });

  // These rules are the generator's (after an edit a new grid waits for its worker, and closed
  // incidents stay with the grid that handled them): this file's database is the city as loaded.
  it('gives every grid one worker and households that match its buildings', async () => {
    const r = await one(`SELECT
      (SELECT count(*)::int FROM grids g WHERE worker_id IS NULL) no_worker,
      (SELECT count(*)::int FROM grids g WHERE g.households <> (SELECT coalesce(sum(households), 0) FROM buildings b WHERE b.grid_id = g.id)) mismatched,
      (SELECT count(*)::int FROM patrol_units w JOIN grids g ON g.worker_id = w.id WHERE w.home_grid_id <> g.id) wrong_home`);
    expect(r).toEqual({ no_worker: 0, mismatched: 0, wrong_home: 0 });
  });

  it('places buildings, cameras and incidents inside the grid they are assigned to', async () => {
    const r = await one(`SELECT
      (SELECT count(*)::int FROM buildings b JOIN grids g ON g.id = b.grid_id WHERE NOT ST_Intersects(g.geom, ST_PointOnSurface(b.geom))) b_out,
      (SELECT count(*)::int FROM cameras c JOIN grids g ON g.id = c.grid_id WHERE NOT ST_Covers(g.geom, c.geom)) c_out,
      (SELECT count(*)::int FROM incidents i JOIN grids g ON g.id = i.grid_id WHERE NOT ST_Covers(g.geom, i.geom)) i_out,
      (SELECT count(*)::int FROM incidents WHERE grid_id IS NULL) i_none`);
    expect(r).toEqual({ b_out: 0, c_out: 0, i_out: 0, i_none: 0 });
  });

  it('has 90 days of incidents with a daily rhythm and a high closure rate', async () => {
    const r = await one(`SELECT
      (extract(epoch FROM now() - min(reported_at)) / 86400)::float8 AS days,
      count(*) FILTER (WHERE extract(hour FROM reported_at AT TIME ZONE 'Asia/Shanghai') BETWEEN 1 AND 4)::int AS night,
      count(*) FILTER (WHERE extract(hour FROM reported_at AT TIME ZONE 'Asia/Shanghai') BETWEEN 9 AND 12)::int AS morning,
      (count(*) FILTER (WHERE closed_at IS NOT NULL AND reported_at < now() - interval '14 days'))::float
        / nullif(count(*) FILTER (WHERE reported_at < now() - interval '14 days'), 0)::float8 AS closure
      FROM incidents`);
    expect(r.days).toBeGreaterThan(85);
    expect(r.days).toBeLessThanOrEqual(91);
    expect(r.morning).toBeGreaterThan(r.night * 3);
    expect(r.closure).toBeGreaterThan(0.9);
  });

  it('records each incident history ending in its current status', async () => {
    const r = await one(`SELECT count(*)::int AS bad FROM incidents i
      WHERE i.status <> (SELECT h.to_status FROM incident_history h WHERE h.incident_id = i.id ORDER BY h.at DESC, h.id DESC LIMIT 1)`);
    expect(r.bad).toBe(0);
  });

  it('leaves real camera gaps: some grids have no working camera', async () => {
    const r = await one(`SELECT count(*)::int AS bare FROM grids g
      WHERE NOT EXISTS (SELECT 1 FROM cameras c WHERE c.grid_id = g.id AND c.status = 'working')`);
    const {
      rows: [{ n }],
    } = await db.query('SELECT count(*)::int AS n FROM grids');
    expect(r.bare).toBeGreaterThan(0);
    expect(r.bare).toBeLessThan(n);
  });
});
