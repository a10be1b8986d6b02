/**
 * Issue #13 "Audit trail", the chain: it verifies, stays one line under concurrent writers, survives
 * retention (only old rows dropped), and a row edited or deleted directly in SQL is found at its seq.
 */
import { describe, expect, it } from 'vitest';
import { purgeAudit } from '../../server/src/repos/audit.ts';
import { useTestApp } from '../helpers/app.ts';

const t = useTestApp();

const verify = async () =>
  (await t.app.inject({ method: 'GET', url: '/api/audit/verify', headers: t.auth('admin') })).json();

describe('the chain', () => {
  it('verifies, and the table refuses UPDATE, DELETE and TRUNCATE', async () => {
    await t.app.auditSettled();
    const ok = await verify();
    const { rows } = await t.db.query('SELECT count(*)::int AS n FROM audit_log');
    expect(ok).toEqual({ ok: true, checked: rows[0].n, first_broken_seq: null });
    for (const sql of ["UPDATE audit_log SET actor = 'x'", 'DELETE FROM audit_log', 'TRUNCATE audit_log'])
      await expect(t.db.query(sql)).rejects.toThrow(/append-only/);
  });

  it('stays one line when many requests write at once', async () => {
    const writes = Array.from({ length: 24 }, (_, i) =>
      t.app.inject({
        method: 'POST',
        url: '/api/departments',
        payload: { code: `PAR${i}`, name: `Parallel ${i}`, name_zh: `并行${i}` },
        headers: t.auth(i % 2 ? 'planner' : 'admin'),
      }),
    );
    expect((await Promise.all(writes)).map((r) => r.statusCode)).toEqual(writes.map(() => 201));
    await t.app.auditSettled();
    const { rows } = await t.db.query("SELECT count(*)::int AS n FROM audit_log WHERE after->>'id' IS NOT NULL");
    expect(rows[0].n).toBeGreaterThanOrEqual(24);
    expect(await verify()).toMatchObject({ ok: true, first_broken_seq: null });
  });

  it('retention drops only rows past it, and the chain still verifies', async () => {
    await t.app.auditSettled();
    const { rows: cut } = await t.db.query<{ at: Date; n: number }>(
      'SELECT clock_timestamp() AS at, (SELECT count(*)::int FROM audit_log) AS n',
    );
    await new Promise((r) => setTimeout(r, 20));
    const after = await t.app.inject({
      method: 'POST',
      url: '/api/departments',
      payload: { code: 'AUD9', name: 'Kept', name_zh: '保留' },
      headers: t.auth('planner'),
    });
    expect(after.statusCode).toBe(201);
    await t.app.auditSettled();
    // 190 days on from the cut: everything before it is past retention, the write after it is not.
    const asOf = new Date(cut[0].at.getTime() + 190 * 86_400_000);
    expect(await purgeAudit(t.db, 190, asOf)).toBe(cut[0].n);
    const { rows } = await t.db.query<{ action: string; route: string }>(
      'SELECT action, route FROM audit_log ORDER BY seq',
    );
    expect(rows.map((r) => r.action)).toEqual(['write', 'retention']);
    expect(rows[0].route).toBe('/api/departments');
    expect(await verify()).toMatchObject({ ok: true, first_broken_seq: null });
  });

  it('finds a row edited directly in SQL, and a row deleted from the middle', async () => {
    for (let i = 0; i < 3; i++)
      await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' } });
    await t.app.auditSettled();
    const { rows } = await t.db.query<{ seq: number; actor: string | null }>(
      'SELECT seq, actor FROM audit_log ORDER BY seq',
    );
    const middle = rows[Math.floor(rows.length / 2)];
    // What a superuser could do: switch the guard off and rewrite history.
    await t.db.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
    try {
      await t.db.query("UPDATE audit_log SET actor = 'someone-else' WHERE seq = $1", [middle.seq]);
      expect(await verify()).toMatchObject({ ok: false, first_broken_seq: middle.seq });
      await t.db.query('UPDATE audit_log SET actor = $2 WHERE seq = $1', [middle.seq, middle.actor]);
      expect(await verify()).toMatchObject({ ok: true });

      await t.db.query('DELETE FROM audit_log WHERE seq = $1', [middle.seq]);
      const next = rows[rows.indexOf(middle) + 1];
      expect(await verify()).toMatchObject({ ok: false, first_broken_seq: next.seq });
    } finally {
      await t.db.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
    }
  });
});
