/**
 * The sample city's demo worker (npm start / npm run seed print its password once), and users
 * kept across a city reload although a worker's account references its unit.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { clearCity, ensureDemoWorker, keepingUsers } from '../../scripts/lib/prepare.ts';
import { useTestApp } from '../helpers/app.ts';
import { testDatabaseUrl } from '../helpers/db.ts';

const t = useTestApp();

describe('the demo worker', () => {
  it('is created once, for a grid worker without an account, and signs in as that unit', async () => {
    const client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    try {
      const demo = await ensureDemoWorker(client);
      expect(demo?.username).toBe('worker');
      expect(await ensureDemoWorker(client)).toBeNull();
      const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: demo! });
      expect(login.statusCode).toBe(200);
      expect(login.json().role).toBe('worker');
      const { rows } = await t.db.query(
        `SELECT g.worker_id FROM grids g WHERE g.worker_id IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM users u WHERE u.unit_id = g.worker_id AND u.username <> 'worker')
         ORDER BY g.id LIMIT 1`,
      );
      expect(login.json().unit_id).toBe(rows[0].worker_id);
      const grid = await t.app.inject({
        method: 'GET',
        url: '/api/me/grid',
        headers: { authorization: `Bearer ${login.json().token}` },
      });
      expect(grid.json().grid.id).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });
});

describe('emptying the city', () => {
  it('keeps every user; a worker whose unit is gone is disabled', async () => {
    const before = await t.db.query('SELECT username, role FROM users ORDER BY username');
    const disabled = await keepingUsers(testDatabaseUrl(), async () => {
      const c = new pg.Client({ connectionString: testDatabaseUrl() });
      await c.connect();
      try {
        await c.query('BEGIN');
        await clearCity(c);
        await c.query('COMMIT');
      } finally {
        await c.end();
      }
    });
    const after = await t.db.query('SELECT username, role, disabled FROM users ORDER BY username');
    expect(after.rows.map((r) => [r.username, r.role])).toEqual(before.rows.map((r) => [r.username, r.role]));
    const workers = after.rows.filter((r) => r.role === 'worker');
    expect(workers.length).toBeGreaterThan(0);
    expect(disabled.sort()).toEqual(workers.map((r) => r.username).sort());
    for (const w of workers) expect(w.disabled).toBe(true);
    expect(after.rows.find((r) => r.username === 'test-admin' || r.role === 'admin')?.disabled).toBe(false);
    // The link is back: a new account must name a unit that exists.
    const { rows } = await t.db.query(
      "SELECT convalidated FROM pg_constraint WHERE conname = 'users_unit_id_fkey' AND conrelid = 'users'::regclass",
    );
    expect(rows).toHaveLength(1);
  });
});
