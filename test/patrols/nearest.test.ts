/**
 * Nearest units by travel time on the street network. The known answer comes from an independent
 * computation: a plain Dijkstra in the test over the roads table (source, target, length).
 */
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { DRIVE_MPS, WALK_MPS } from '../../server/src/domain/patrol-travel.ts';

const t = useTestApp();

async function networkDistances(from: number): Promise<Map<number, number>> {
  const { rows } = await t.db.query<{ source: number; target: number; length_m: number }>(
    'SELECT source, target, length_m FROM roads',
  );
  const adj = new Map<number, [number, number][]>();
  for (const r of rows) {
    (adj.get(r.source) ?? adj.set(r.source, []).get(r.source)!).push([r.target, r.length_m]);
    (adj.get(r.target) ?? adj.set(r.target, []).get(r.target)!).push([r.source, r.length_m]);
  }
  const dist = new Map<number, number>([[from, 0]]);
  const done = new Set<number>();
  // A small graph (~1,400 crossings): a linear scan for the minimum is plenty.
  for (;;) {
    let v = -1;
    let best = Infinity;
    for (const [k, d] of dist)
      if (!done.has(k) && d < best) {
        best = d;
        v = k;
      }
    if (v < 0) return dist;
    done.add(v);
    for (const [w, len] of adj.get(v) ?? []) if (best + len < (dist.get(w) ?? Infinity)) dist.set(w, best + len);
  }
}

describe('GET /api/patrols/nearest', () => {
  it('ranks available units by travel time along the streets, as an independent Dijkstra does', async () => {
    const { rows: kp } = await t.db.query(
      'SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat, vertex_id FROM key_places ORDER BY id OFFSET 7 LIMIT 1',
    );
    const { lon, lat, vertex_id } = kp[0];
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/patrols/nearest?lon=${lon}&lat=${lat}&limit=5&max_minutes=60`,
      headers: t.auth('operator'),
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.method).toBe('street_network');
    expect(body.units).toHaveLength(5);

    const dist = await networkDistances(vertex_id);
    const { rows: units } = await t.db.query(
      `SELECT u.id, u.kind, v.id AS vertex_id, ST_Distance(u.last_geom::geography, v.geom::geography) AS off
       FROM patrol_units u JOIN street_vertices v ON v.id = coalesce(u.vertex_id, street_vertex_near(u.last_geom))
       WHERE u.status = 'on_patrol'`,
    );
    const { rows: snap } = await t.db.query(
      'SELECT ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint($1,$2),4326)::geography) AS off FROM street_vertices WHERE id = $3',
      [lon, lat, vertex_id],
    );
    const expected = units
      .filter((u) => dist.has(u.vertex_id))
      .map((u) => {
        const m = dist.get(u.vertex_id)! + u.off + snap[0].off;
        return { id: u.id, m, s: m / (u.kind === 'patrol_team' ? DRIVE_MPS : WALK_MPS) };
      })
      .sort((a, b) => a.s - b.s || a.id - b.id)
      .slice(0, 5);
    expect(body.units.map((u: { id: number }) => u.id)).toEqual(expected.map((u) => u.id));
    for (const [i, u] of body.units.entries()) {
      expect(u.distance_m).toBeCloseTo(expected[i].m, 0);
      expect(u.eta_min).toBeCloseTo(expected[i].s / 60, 1);
      if (i > 0) expect(u.eta_min).toBeGreaterThanOrEqual(body.units[i - 1].eta_min);
    }
  });

  it('leaves out units already responding unless asked', async () => {
    const { rows } = await t.db.query(
      `SELECT ST_X(last_geom) AS lon, ST_Y(last_geom) AS lat, id FROM patrol_units WHERE status = 'responding' ORDER BY id LIMIT 1`,
    );
    const q = `lon=${rows[0].lon}&lat=${rows[0].lat}&limit=10`;
    const plain = (
      await t.app.inject({ method: 'GET', url: `/api/patrols/nearest?${q}`, headers: t.auth('wall') })
    ).json();
    expect(plain.units.map((u: { id: number }) => u.id)).not.toContain(rows[0].id);
    expect(plain.units.every((u: { status: string }) => u.status === 'on_patrol')).toBe(true);
    const all = (
      await t.app.inject({
        method: 'GET',
        url: `/api/patrols/nearest?${q}&include_responding=true`,
        headers: t.auth('wall'),
      })
    ).json();
    expect(all.units.map((u: { id: number }) => u.id)).toContain(rows[0].id);
  });

  it.each(['lon=200&lat=26', 'lat=26', 'lon=111&lat=26&limit=0', 'lon=abc&lat=26', 'lon=111&lat=26&max_minutes=0'])(
    'answers 400 for %s',
    async (qs) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/patrols/nearest?${qs}`, headers: t.auth('wall') });
      expect(res.statusCode).toBe(400);
    },
  );
});

describe('GET /api/patrols/reach', () => {
  it('names the key places no unit on patrol reaches within N minutes, fewer as N grows', async () => {
    const r1 = (
      await t.app.inject({ method: 'GET', url: '/api/patrols/reach?minutes=1', headers: t.auth('wall') })
    ).json();
    const r10 = (
      await t.app.inject({ method: 'GET', url: '/api/patrols/reach?minutes=10', headers: t.auth('wall') })
    ).json();
    const { rows } = await t.db.query('SELECT count(*)::int AS n FROM key_places');
    expect(r1.total).toBe(rows[0].n);
    expect(r1.unreachable).toBeGreaterThan(0);
    expect(r10.unreachable).toBeLessThan(r1.unreachable);
    for (const p of r10.places) if (p.minutes !== null) expect(p.minutes).toBeLessThanOrEqual(10);
    // A key place with a unit on patrol at its own crossing is reached at once.
    const { rows: at } = await t.db.query(
      `SELECT k.id FROM key_places k JOIN patrol_units u ON u.vertex_id = k.vertex_id AND u.status = 'on_patrol' LIMIT 1`,
    );
    if (at.length) expect(r1.places.find((p: { id: number }) => p.id === at[0].id).minutes).toBe(0);
  });
});
