/**
 * Issue #13 "Audit trail": logins, writes, role changes, imports, exports, wall tokens, grid edits
 * and incident actions are each recorded with who, role, from where and the ids; the admin API
 * searches and exports the trail (the chain itself: audit-chain.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { atCurrentVersion, pointInGrid, report } from '../helpers/incidents.ts';
import { adjacentPair } from '../grid-edit/helpers.ts';
import { file, form } from '../import/files.ts';

const t = useTestApp();
const users = inject('users');

interface Row {
  seq: number;
  actor: string | null;
  actor_id: number | null;
  role: string | null;
  ip: string | null;
  user_agent: string | null;
  action: string;
  method: string;
  route: string;
  target_kind: string | null;
  target_ids: (string | number)[];
  status: number;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  detail: Record<string, unknown>;
}

/** The newest audit row for a route (after the writes under way have landed). */
async function lastFor(route: string): Promise<Row> {
  await t.app.auditSettled();
  const { rows } = await t.db.query<Row>('SELECT * FROM audit_log WHERE route = $1 ORDER BY seq DESC LIMIT 1', [route]);
  expect(rows, `an audit row for ${route}`).toHaveLength(1);
  return rows[0];
}

const FROM = { remoteAddress: '10.20.30.40', headers: { 'user-agent': 'audit-test/1.0' } };

describe('what the trail records', () => {
  it('a login, with the account and address, and a failed one with the name tried but never the password', async () => {
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: users.operator,
      ...FROM,
    });
    expect(ok.statusCode).toBe(200);
    const good = await lastFor('/api/auth/login');
    expect(good).toMatchObject({
      action: 'login',
      actor: users.operator.username,
      role: 'operator',
      ip: '10.20.30.40',
      user_agent: 'audit-test/1.0',
      status: 200,
    });
    expect(good.actor_id).toEqual(expect.any(Number));

    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: users.operator.username, password: 'not-the-password-42' },
      ...FROM,
    });
    expect(bad.statusCode).toBe(401);
    const failed = await lastFor('/api/auth/login');
    expect(failed).toMatchObject({ action: 'login_failed', actor: null, status: 401, ip: '10.20.30.40' });
    expect(failed.detail.username).toBe(users.operator.username);
    const { rows } = await t.db.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE audit_log::text LIKE '%not-the-password%'",
    );
    expect(rows[0].n).toBe(0);
  });

  it('a write with the record it made, and a refused write with its status', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/departments',
      payload: { code: 'AUD1', name: 'Audit office', name_zh: '审计办' },
      headers: { ...t.auth('planner'), 'user-agent': 'audit-test/1.0' },
      remoteAddress: '10.9.8.7',
    });
    expect(res.statusCode).toBe(201);
    const row = await lastFor('/api/departments');
    expect(row).toMatchObject({
      action: 'write',
      method: 'POST',
      actor: 'test-planner',
      role: 'planner',
      ip: '10.9.8.7',
      status: 201,
      target_kind: 'departments',
      target_ids: [res.json().id],
      after: { id: res.json().id, version: 1 },
    });

    const refused = await t.app.inject({
      method: 'DELETE',
      url: `/api/departments/${res.json().id}?version=1`,
      headers: t.auth('operator'),
    });
    expect(refused.statusCode).toBe(403);
    expect(await lastFor('/api/departments/{id}')).toMatchObject({
      action: 'write',
      method: 'DELETE',
      actor: 'test-operator',
      status: 403,
      target_ids: [res.json().id],
    });
  });

  it('a role change, from and to', async () => {
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      payload: { username: 'audit.clerk', role: 'operator', password: 'clerk-pass-1' },
      headers: t.auth('admin'),
    });
    expect(made.statusCode).toBe(201);
    expect(await lastFor('/api/users')).toMatchObject({
      action: 'role_change',
      actor: 'test-admin',
      after: { role: 'operator', id: made.json().id },
    });
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/users/${made.json().id}`,
      payload: { version: 1, role: 'admin' },
      headers: t.auth('admin'),
    });
    expect(res.statusCode).toBe(200);
    expect(await lastFor('/api/users/{id}')).toMatchObject({
      action: 'role_change',
      actor: 'test-admin',
      role: 'admin',
      status: 200,
      target_ids: [made.json().id],
      before: { role: 'operator' },
      after: { role: 'admin', version: 2 },
    });
  });

  it('an import, with its id and counts', async () => {
    const path = file('audit-departments.csv', 'code,name\nAUD2,审计二处\nAUD3,审计三处\n');
    const body = await form({ dryRun: 'false' }, path, 'audit-departments.csv');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/import/departments',
      headers: { ...t.auth('planner'), ...body.headers },
      payload: body.payload,
    });
    expect(res.statusCode).toBe(200);
    const row = await lastFor('/api/import/{layer}');
    expect(row).toMatchObject({
      action: 'import',
      actor: 'test-planner',
      target_kind: 'imports',
      target_ids: [res.json().id],
      detail: { layer: 'departments', file: 'audit-departments.csv', inserted: 2, read: 2 },
    });
  });

  it('an export of personal data, with what was exported', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/export/workers?format=xlsx',
      headers: t.auth('planner'),
    });
    expect(res.statusCode).toBe(200);
    expect(await lastFor('/api/export/{layer}')).toMatchObject({
      action: 'export',
      method: 'GET',
      actor: 'test-planner',
      status: 200,
      target_kind: 'layers',
      target_ids: ['workers'],
      detail: { layer: 'workers', format: 'xlsx', personal_data: ['phone'] },
    });
  });

  it('a wall token, naming the screen account it was issued for (never the token)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/wall/tokens',
      payload: { username: users.wall.username, days: 30 },
      headers: t.auth('admin'),
    });
    expect(res.statusCode).toBe(200);
    const row = await lastFor('/api/wall/tokens');
    expect(row).toMatchObject({
      action: 'wall_token',
      actor: 'test-admin',
      role: 'admin',
      target_kind: 'users',
      detail: { wall_user: users.wall.username, days: 30 },
    });
    expect(JSON.stringify(row)).not.toContain(res.json().token);
  });
});

describe('incident actions and failures of the trail itself', () => {
  it('an incident action, with the status from and to', async () => {
    const r = report(await pointInGrid(t.db, 3));
    const made = await t.app.inject({ method: 'POST', url: '/api/incidents', payload: r, headers: t.auth('operator') });
    expect(made.statusCode).toBe(201);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/incidents/${r.id}/actions`,
      payload: await atCurrentVersion(t.db, r.id, { action: 'accept' }),
      headers: t.auth('operator'),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await lastFor('/api/incidents/{id}/actions')).toMatchObject({
      action: 'write',
      actor: 'test-operator',
      target_kind: 'incidents',
      target_ids: [r.id],
      before: { status: 'reported' },
      after: { status: 'accepted' },
      detail: { action: 'accept' },
    });
  });

  it('a grid merge, with the grids before and after', async () => {
    const p = await adjacentPair(t.db, 1);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/grids/merge',
      headers: t.auth('planner'),
      payload: { ids: [p.a, p.b], versions: [p.va, p.vb] },
      remoteAddress: '10.1.1.1',
    });
    expect(res.statusCode, res.body).toBe(200);
    const row = await lastFor('/api/grids/merge');
    expect(row).toMatchObject({
      action: 'write',
      actor: 'test-planner',
      ip: '10.1.1.1',
      target_kind: 'grids',
      after: { grids: [p.a] },
      detail: { op: 'merge', preview: false, community_id: p.community_id },
    });
    const sorted = (ids: unknown) => [...(ids as number[])].sort((x, y) => x - y);
    expect(sorted(row.target_ids)).toEqual(sorted([p.a, p.b]));
    expect(sorted(row.before?.grids)).toEqual(sorted([p.a, p.b]));
  });

  it('a trail that cannot be written does not fail the request (the error goes to the log)', async () => {
    await t.app.auditSettled();
    const { rows: before } = await t.db.query('SELECT count(*)::int AS n FROM audit_log');
    await t.db.query('ALTER FUNCTION gb_audit_append(jsonb) RENAME TO gb_audit_append_away');
    try {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/departments',
        payload: { code: 'AUD5', name: 'No trail', name_zh: '无记录' },
        headers: t.auth('planner'),
      });
      expect(res.statusCode).toBe(201);
      await t.app.auditSettled();
    } finally {
      await t.db.query('ALTER FUNCTION gb_audit_append_away(jsonb) RENAME TO gb_audit_append');
    }
    const { rows: after } = await t.db.query('SELECT count(*)::int AS n FROM audit_log');
    expect(after[0].n).toBe(before[0].n);
  });
});

describe('the admin API', () => {
  it('searches newest first with a total, for admins only', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/audit?action=login_failed&user=${users.operator.username}&limit=1`,
      headers: t.auth('admin'),
    });
    expect(res.statusCode).toBe(200);
    // Not attributed to the account (the login failed), so the user filter finds none of them …
    expect(res.json()).toMatchObject({ total: 0, items: [] });
    const q = await t.app.inject({
      method: 'GET',
      url: `/api/audit?action=login_failed&q=${users.operator.username}`,
      headers: t.auth('admin'),
    });
    // … but the text search does: the name tried is in the detail.
    expect(q.json().total).toBeGreaterThanOrEqual(1);
    expect(q.json().items[0]).toMatchObject({ action: 'login_failed', ip: '10.20.30.40' });
    for (const role of ['operator', 'planner', 'wall'] as const) {
      const no = await t.app.inject({ method: 'GET', url: '/api/audit', headers: t.auth(role) });
      expect(no.statusCode).toBe(403);
    }
    const reversed = await t.app.inject({
      method: 'GET',
      url: '/api/audit?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z',
      headers: t.auth('admin'),
    });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.message).toMatch(/from .* is after to/);
  });

  it('pages with before_seq', async () => {
    const first = (await t.app.inject({ method: 'GET', url: '/api/audit?limit=2', headers: t.auth('admin') })).json();
    expect(first.items).toHaveLength(2);
    expect(first.items[0].seq).toBeGreaterThan(first.items[1].seq);
    const next = (
      await t.app.inject({
        method: 'GET',
        url: `/api/audit?limit=2&before_seq=${first.next_before_seq}`,
        headers: t.auth('admin'),
      })
    ).json();
    expect(next.items[0].seq).toBeLessThan(first.items[1].seq);
    expect(next.total).toBe(first.total);
  });

  it('exports as CSV, and the export is itself recorded', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/audit/export.csv?action=wall_token',
      headers: t.auth('admin'),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^seq,at,actor,role,session_id,ip/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('wall_token');
    expect(await lastFor('/api/audit/export.csv')).toMatchObject({
      action: 'export',
      actor: 'test-admin',
      detail: { export: 'audit trail', format: 'csv', filters: { action: 'wall_token' } },
    });
    const xlsx = await t.app.inject({ method: 'GET', url: '/api/audit/export.xlsx', headers: t.auth('admin') });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
