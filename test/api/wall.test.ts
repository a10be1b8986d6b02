/**
 * The wall display's API against the real test database: every figure is recomputed here from
 * the rows (the overdue rule through the domain's isOverdue, not the route's SQL), the packed
 * heat decodes to the incidents of the window, and the config and token writes are checked.
 */
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { DEFAULT_DEADLINES, isOverdue } from '../../server/src/domain/workflow.ts';
import { DEFAULT_WALL_CONFIG } from '../../server/src/domain/wall-config.ts';

const t = useTestApp();

async function openRows() {
  const { rows } = await t.db.query(
    'SELECT id, grade, status, category, grid_id, updated_at FROM incidents WHERE closed_at IS NULL',
  );
  const now = new Date();
  return rows.map((r) => ({ ...r, overdue: isOverdue(r.grade, r.status, r.updated_at, now, DEFAULT_DEADLINES) }));
}

describe('GET /api/wall/kpis', () => {
  it('gives the figures the database holds', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/wall/kpis', headers: t.auth('wall') });
    expect(res.statusCode).toBe(200);
    const k = res.json();
    const open = await openRows();
    expect(k.open).toBe(open.length);
    expect(k.open).toBeGreaterThan(0);
    expect(k.overdue).toBe(open.filter((o) => o.overdue).length);
    const {
      rows: [d],
    } = await t.db.query(`SELECT
      (SELECT count(*)::int FROM incidents WHERE (reported_at AT TIME ZONE 'Asia/Shanghai')::date = (now() AT TIME ZONE 'Asia/Shanghai')::date) today,
      (SELECT count(*)::int FROM incidents WHERE reported_at >= now() - interval '30 days') r30,
      (SELECT count(*)::int FROM incidents WHERE reported_at >= now() - interval '30 days' AND closed_at IS NOT NULL) c30,
      (SELECT count(*)::int FROM incidents WHERE reported_at > now() - interval '24 hours') r24`);
    expect(k.today).toBe(d.today);
    expect(k.reported30d).toBe(d.r30);
    expect(k.closed30d).toBe(d.c30);
    expect(k.closureRate).toBeCloseTo(d.c30 / d.r30, 10);
    expect(k.avgHandlingMinutes).toBeGreaterThan(0);
    // Breakdowns of the open incidents.
    const byGrade: Record<string, number> = {};
    const byCategory: Record<string, number> = {};
    for (const o of open) {
      byGrade[o.grade] = (byGrade[o.grade] ?? 0) + 1;
      byCategory[o.category] = (byCategory[o.category] ?? 0) + 1;
    }
    expect(k.byGrade).toEqual(byGrade);
    expect(k.byCategory).toEqual(byCategory);
    // Trends: 24 hourly buckets holding the last 24 h, 30 local days.
    expect(k.trend24h).toHaveLength(24);
    expect(k.trend24h.reduce((a: number, b: number) => a + b, 0)).toBe(d.r24);
    expect(k.trend30d).toHaveLength(30);
    expect(k.trend30d.at(-1).reported).toBe(d.today);
    // Top grids by open load, in order, with their own counts.
    const perGrid = new Map<number, number>();
    for (const o of open) if (o.grid_id) perGrid.set(o.grid_id, (perGrid.get(o.grid_id) ?? 0) + 1);
    const top = [...perGrid.values()].sort((a, b) => b - a).slice(0, 10);
    expect(k.topGrids.map((g: { open: number }) => g.open)).toEqual(top);
    expect(perGrid.get(k.topGrids[0].id)).toBe(k.topGrids[0].open);
  });

  it('needs a token', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/wall/kpis' });
    expect(res.statusCode).toBe(401);
  });
});

describe('GET /api/wall/heat', () => {
  it('packs the incidents of the window as float32 lon, lat, weight', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/wall/heat?window=7d', headers: t.auth('wall') });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/octet-stream');
    const { rows } = await t.db.query(
      "SELECT ST_X(geom) lon, ST_Y(geom) lat, grade FROM incidents WHERE reported_at > now() - interval '7 days'",
    );
    expect(Number(res.headers['x-count'])).toBe(rows.length);
    expect(res.rawPayload.length).toBe(rows.length * 12);
    const buf = res.rawPayload;
    const f = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length));
    const got = [];
    for (let i = 0; i < f.length; i += 3) got.push(`${f[i].toFixed(4)},${f[i + 1].toFixed(4)},${f[i + 2]}`);
    const want = rows.map(
      (r) =>
        `${Math.fround(r.lon).toFixed(4)},${Math.fround(r.lat).toFixed(4)},${{ routine: 1, key: 2, difficult: 3 }[r.grade as string]}`,
    );
    expect(got.sort()).toEqual(want.sort());
  });

  it('refuses an unknown window with a 400', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/wall/heat?window=1y', headers: t.auth('wall') });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/window/);
  });
});

describe('GET /api/wall/grid-values', () => {
  it('gives every grid its open, overdue and household load', async () => {
    const open = await openRows();
    const { rows: grids } = await t.db.query('SELECT id, type, households FROM grids ORDER BY id');
    for (const measure of ['open_incidents', 'overdue', 'households']) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/wall/grid-values?measure=${measure}`,
        headers: t.auth('wall'),
      });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.ids).toEqual(grids.map((g) => g.id));
      const want = grids.map((g) => {
        if (measure === 'households')
          return Math.round((g.households / (g.type === 'rural' ? 200 : 300)) * 1000) / 1000;
        return open.filter((o) => o.grid_id === g.id && (measure === 'open_incidents' || o.overdue)).length;
      });
      expect(body.values).toEqual(want);
    }
  });

  it('refuses an unknown measure', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/wall/grid-values?measure=rain',
      headers: t.auth('wall'),
    });
    expect(res.statusCode).toBe(400);
  });
});

describe('markers and units', () => {
  it('lists every open incident and every unit on duty with a position', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/wall/open', headers: t.auth('wall') });
    const { incidents, truncated } = res.json();
    const open = await openRows();
    expect(truncated).toBe(false);
    expect(incidents.map((i: { id: string }) => i.id).sort()).toEqual(open.map((o) => o.id).sort());
    const units = (await t.app.inject({ method: 'GET', url: '/api/wall/units', headers: t.auth('wall') })).json();
    const { rows } = await t.db.query(
      "SELECT id FROM patrol_units WHERE last_geom IS NOT NULL AND status <> 'off_duty' ORDER BY id",
    );
    expect(units.ids).toEqual(rows.map((r) => r.id));
    expect(units.lon).toHaveLength(rows.length);
  });
});

describe('wall config', () => {
  it('starts from the defaults, is changed by an admin with its event, and refused with reasons when bad', async () => {
    await t.db.query("DELETE FROM app_settings WHERE key = 'wall_config'");
    const before = await t.app.inject({ method: 'GET', url: '/api/wall/config', headers: t.auth('wall') });
    expect(before.json().config).toEqual(DEFAULT_WALL_CONFIG);

    const {
      rows: [{ max }],
    } = await t.db.query('SELECT coalesce(max(seq), 0)::int AS max FROM events');
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/wall/config',
      headers: t.auth('admin'),
      payload: { tour: { intervalSeconds: 15, areas: [{ kind: 'city' }] }, measures: ['overdue'] },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().config.tour).toEqual({ intervalSeconds: 15, areas: [{ kind: 'city' }] });
    const after = await t.app.inject({ method: 'GET', url: '/api/wall/config', headers: t.auth('operator') });
    expect(after.json().config.measures).toEqual(['overdue']);
    const { rows: events } = await t.db.query(
      "SELECT type, payload FROM events WHERE seq > $1 AND type = 'wall.config'",
      [max],
    );
    expect(events).toHaveLength(1);
    expect(events[0].payload.config.tour.intervalSeconds).toBe(15);

    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/wall/config',
      headers: t.auth('admin'),
      payload: { tour: { intervalSeconds: 2 }, measures: [] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.errors).toEqual(
      expect.arrayContaining(['tour.intervalSeconds must be an integer from 5 to 3600']),
    );
    // Nothing half-written: the previous config stands.
    const still = await t.app.inject({ method: 'GET', url: '/api/wall/config', headers: t.auth('wall') });
    expect(still.json().config.tour.intervalSeconds).toBe(15);

    for (const role of ['wall', 'operator', 'planner'] as const) {
      const res = await t.app.inject({ method: 'PUT', url: '/api/wall/config', headers: t.auth(role), payload: {} });
      expect(res.statusCode).toBe(403);
    }
    await t.db.query("DELETE FROM app_settings WHERE key = 'wall_config'");
  });
});

describe('POST /api/wall/tokens', () => {
  it('gives an admin a link for a wall screen, exchanged for a read-only bearer token, and nobody else', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/wall/tokens',
      headers: t.auth('admin'),
      payload: { username: 'test-wall', days: 90, screen: 'Hall A' },
    });
    expect(res.statusCode).toBe(200);
    const { token, path, expiresAt, screen } = res.json();
    expect(screen).toBe('Hall A');
    expect(path).toBe(`/wall?token=${encodeURIComponent(token)}`);
    expect(new Date(expiresAt).getTime() - Date.now()).toBeGreaterThan(89 * 86_400_000);
    // The link's token is not a bearer token: it is only good for the exchange.
    const direct = await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    expect(direct.statusCode).toBe(401);
    const exchange = await t.app.inject({ method: 'POST', url: '/api/auth/wall', payload: { token } });
    expect(exchange.statusCode).toBe(200);
    expect(exchange.json()).toMatchObject({ role: 'wall', username: 'test-wall', screen: 'Hall A' });
    const bearer = exchange.json().token;
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${bearer}` } });
    expect(me.json()).toEqual({ username: 'test-wall', role: 'wall', unit_id: null, must_change_password: false });
    const write = await t.app.inject({
      method: 'PUT',
      url: '/api/wall/config',
      headers: { authorization: `Bearer ${bearer}` },
      payload: {},
    });
    expect(write.statusCode).toBe(403);

    const notWall = await t.app.inject({
      method: 'POST',
      url: '/api/wall/tokens',
      headers: t.auth('admin'),
      payload: { username: 'test-operator' },
    });
    expect(notWall.statusCode).toBe(400);
    const nobody = await t.app.inject({
      method: 'POST',
      url: '/api/wall/tokens',
      headers: t.auth('admin'),
      payload: { username: 'nobody-here' },
    });
    expect(nobody.statusCode).toBe(404);
    const byOperator = await t.app.inject({
      method: 'POST',
      url: '/api/wall/tokens',
      headers: t.auth('operator'),
      payload: { username: 'test-wall' },
    });
    expect(byOperator.statusCode).toBe(403);
  });
});
