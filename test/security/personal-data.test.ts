/**
 * Issue #13 item 11: grid workers' phone numbers reach the wall display masked (138****5678), and
 * in full the roles that call them; every export that holds personal data is in the audit trail.
 */
import { describe, expect, it } from 'vitest';
import { maskPhone } from '../../server/src/domain/personal-data.ts';
import { useTestApp } from '../helpers/app.ts';
import { pointInGrid } from '../helpers/incidents.ts';

const t = useTestApp();

/** A grid whose worker has a phone, with that phone. */
async function gridWithPhone() {
  const { rows } = await t.db.query<{ id: number; community_id: number; phone: string }>(
    `SELECT g.id, g.community_id, w.phone FROM grids g JOIN patrol_units w ON w.id = g.worker_id
     WHERE w.phone IS NOT NULL ORDER BY g.id LIMIT 1`,
  );
  expect(rows, 'the sample city has grid workers with phones').toHaveLength(1);
  return rows[0];
}

async function lastExport(route: string) {
  await t.app.auditSettled();
  const { rows } = await t.db.query(
    "SELECT * FROM audit_log WHERE action = 'export' AND route = $1 ORDER BY seq DESC LIMIT 1",
    [route],
  );
  return rows[0];
}

describe("workers' phones", () => {
  it('are masked for the wall in a grid and shown in full to an operator', async () => {
    const g = await gridWithPhone();
    const wall = await t.app.inject({ method: 'GET', url: `/api/grids/${g.id}`, headers: t.auth('wall') });
    expect(wall.statusCode).toBe(200);
    expect(wall.json().properties.worker_phone).toBe(maskPhone(g.phone));
    expect(wall.json().properties.worker_phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(wall.body).not.toContain(g.phone);
    const op = await t.app.inject({ method: 'GET', url: `/api/grids/${g.id}`, headers: t.auth('operator') });
    expect(op.json().properties.worker_phone).toBe(g.phone);
  });

  it('are masked for the wall among the nearest units, and not for an operator', async () => {
    const p = await pointInGrid(t.db, 30);
    const url = `/api/patrols/nearest?lon=${p.lon}&lat=${p.lat}&limit=5&include_off_duty=true`;
    const wall = (await t.app.inject({ method: 'GET', url, headers: t.auth('wall') })).json();
    const op = (await t.app.inject({ method: 'GET', url, headers: t.auth('operator') })).json();
    const withPhone = op.units.filter((u: { phone: string | null }) => u.phone);
    expect(withPhone.length).toBeGreaterThan(0);
    for (const u of withPhone) {
      const seen = wall.units.find((w: { id: number }) => w.id === u.id);
      expect(seen.phone).toBe(maskPhone(u.phone));
      expect(seen.phone).not.toBe(u.phone);
    }
  });

  it('never reach the wall in full from anything it can read', async () => {
    const g = await gridWithPhone();
    const { rows } = await t.db.query<{ phone: string }>('SELECT phone FROM patrol_units WHERE phone IS NOT NULL');
    const phones = rows.map((r) => r.phone);
    const p = await pointInGrid(t.db, 30);
    const urls = [
      '/api/wall/kpis',
      '/api/wall/open',
      '/api/wall/units',
      '/api/wall/config',
      '/api/patrols/units',
      '/api/incidents?limit=50',
      '/api/grids?limit=500',
      `/api/grids/${g.id}`,
      `/api/grids/${g.id}/history`,
      `/api/communities/${g.community_id}/grids`,
      `/api/communities/${g.community_id}/export`,
      `/api/patrols/nearest?lon=${p.lon}&lat=${p.lat}&limit=20&include_off_duty=true`,
      '/api/summary',
      '/api/queue',
    ];
    for (const url of urls) {
      const res = await t.app.inject({ method: 'GET', url, headers: t.auth('wall') });
      if (res.statusCode !== 200) continue; // not the wall's to read
      const leaked = phones.filter((ph) => res.body.includes(ph));
      expect(leaked, url).toEqual([]);
    }
    // The registers, where the phones are kept, are closed to the wall altogether.
    for (const url of ['/api/workers', '/api/units', '/api/departments', '/api/export/workers']) {
      expect((await t.app.inject({ method: 'GET', url, headers: t.auth('wall') })).statusCode, url).toBe(403);
    }
  });
});

describe('exports of personal data are recorded', () => {
  it("a community's grids as GeoJSON, masked for the wall and recorded as such", async () => {
    const g = await gridWithPhone();
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/communities/${g.community_id}/export`,
      headers: t.auth('wall'),
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(g.phone);
    expect(res.body).toContain(maskPhone(g.phone)!);
    expect(await lastExport('/api/communities/{id}/export')).toMatchObject({
      actor: 'test-wall',
      role: 'wall',
      status: 200,
      target_kind: 'communities',
      target_ids: [g.community_id],
      detail: { export: 'community grids', personal_data: ['worker_phone'], masked: true },
    });
    const op = await t.app.inject({
      method: 'GET',
      url: `/api/communities/${g.community_id}/export`,
      headers: t.auth('operator'),
    });
    expect(op.body).toContain(g.phone);
    expect((await lastExport('/api/communities/{id}/export')).detail).not.toHaveProperty('masked');
  });

  it("a grid's printed map", async () => {
    const g = await gridWithPhone();
    const res = await t.app.inject({ method: 'GET', url: `/api/grids/${g.id}/print.pdf`, headers: t.auth('wall') });
    expect(res.statusCode).toBe(200);
    expect(await lastExport('/api/grids/{id}/print.pdf')).toMatchObject({
      actor: 'test-wall',
      target_ids: [g.id],
      detail: { export: 'grid print', format: 'pdf', masked: true },
    });
  });

  it('the registers as files, each layer naming its personal columns', async () => {
    for (const [layer, personal] of [
      ['workers', ['phone']],
      ['units', ['phone']],
      ['departments', ['phone']],
      ['cameras', []],
    ] as const) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/export/${layer}?format=xlsx`,
        headers: t.auth('admin'),
      });
      expect(res.statusCode).toBe(200);
      expect(await lastExport('/api/export/{layer}')).toMatchObject({
        actor: 'test-admin',
        role: 'admin',
        target_ids: [layer],
        detail: { layer, format: 'xlsx', personal_data: personal },
      });
    }
  });
});
