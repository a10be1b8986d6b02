/**
 * Issue #13 item 6: `GET /api/patrols/assessment?day=9999-12-31` with a wall token created rows.
 * A read now computes without writing; absurd days are a 400; and reading every kind of GET
 * leaves the row count of every table as it was.
 */
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';

const t = useTestApp();

async function rowCounts(): Promise<Record<string, number>> {
  const { rows: tables } = await t.db.query<{ name: string }>(
    `SELECT format('%I.%I', schemaname, relname) AS name FROM pg_stat_user_tables
     WHERE schemaname = 'public' ORDER BY 1`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables)
    // The audit trail is the one table a read adds to: an export of personal data is recorded
    // (issue #13), and that record is the point of the read being audited, not a side effect.
    if (name !== 'public.audit_log' && name !== 'public.audit_chain')
      counts[name] = (await t.db.query(`SELECT count(*)::int AS n FROM ${name}`)).rows[0].n as number;
  return counts;
}

const get = (url: string, role: 'wall' | 'admin' = 'admin') =>
  t.app.inject({ method: 'GET', url, headers: t.auth(role) });

describe('GET never writes', () => {
  it('refuses absurd assessment days with 400 and stores nothing', async () => {
    const before = await rowCounts();
    for (const day of ['9999-12-31', '1970-01-01', '2026-02-30']) {
      const res = await get(`/api/patrols/assessment?day=${day}`, 'wall');
      expect(res.statusCode, day).toBe(400);
      expect(res.json().error.message).toMatch(/future|before the kept|calendar/);
    }
    expect((await get('/api/patrols/assessment', 'wall')).statusCode).toBe(200);
    expect(await rowCounts()).toEqual(before);
  });

  it('leaves every table’s row count unchanged across the read routes', async () => {
    const { rows } = await t.db.query('SELECT g.id, g.community_id FROM grids g ORDER BY g.id LIMIT 1');
    const [{ id: grid, community_id: community }] = rows;
    const { rows: inc } = await t.db.query('SELECT id FROM incidents ORDER BY reported_at DESC LIMIT 1');
    const now = Date.now();
    const from = new Date(now - 3600_000).toISOString();
    const to = new Date(now).toISOString();
    const urls = [
      '/api/health',
      '/api/me',
      '/api/summary',
      '/api/areas',
      '/api/incidents',
      '/api/queue',
      '/api/grids?bbox=111.5,26.1,111.7,26.3',
      `/api/grids/${grid}`,
      `/api/grids/${grid}/history`,
      `/api/communities/${community}/grids`,
      `/api/communities/${community}/blocks`,
      `/api/communities/${community}/history`,
      `/api/communities/${community}/export`,
      `/api/grids/${grid}/print.pdf`,
      '/api/export/grids',
      '/api/cameras',
      '/api/imports',
      '/api/patrols/units',
      '/api/patrols/trails',
      '/api/patrols/routes',
      `/api/patrols/playback?from=${from}&to=${to}`,
      '/api/patrols/assessment',
      '/api/wall/kpis',
      '/api/wall/open',
      '/api/wall/units',
      '/api/wall/heat',
      '/api/wall/config',
      ...(inc.length ? [`/api/incidents/${inc[0].id}`, `/api/incidents/${inc[0].id}/duplicates`] : []),
    ];
    const before = await rowCounts();
    for (const url of urls) {
      const res = await get(url);
      expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
    }
    expect(await rowCounts()).toEqual(before);
    // What the reads did add to the trail: exports only, never a 'write'.
    const { rows: trail } = await t.db.query<{ action: string }>(
      `SELECT DISTINCT action FROM audit_log WHERE method = 'GET'`,
    );
    expect(trail.map((r) => r.action).filter((a) => a !== 'export')).toEqual([]);
  }, 120_000);
});
