import { describe, expect, it } from 'vitest';
import { DEFAULT_DEADLINES } from '../../server/src/domain/workflow.ts';
import { announceOverdue } from '../../server/src/repos/incident-writes.ts';
import { useTestApp } from '../helpers/app.ts';
import { pointInGrid, report } from '../helpers/incidents.ts';

const t = useTestApp();

describe('overdue steps', () => {
  it('are computed from the grade deadline, shown in the queue and pushed once', async () => {
    const here = await pointInGrid(t.db, 40);
    const body = report(here, { grade: 'key' });
    await t.app.inject({ method: 'POST', url: '/api/incidents', headers: t.auth('operator'), payload: body });
    // A key report must be accepted within 15 minutes; pretend it arrived 20 minutes ago.
    await t.db.query(`UPDATE incidents SET updated_at = now() - interval '20 minutes' WHERE id = $1`, [body.id]);

    const queue = await t.app.inject({
      method: 'GET',
      url: '/api/queue?overdue=true&grade=key&limit=5000',
      headers: t.auth('operator'),
    });
    const mine = queue.json().incidents.find((i: { id: string }) => i.id === body.id);
    expect(mine.overdue).toBe(true);
    expect(Date.parse(mine.due_at)).toBeLessThan(Date.now());

    // Other tests' incidents may also go overdue; what matters is this one is announced exactly once.
    await announceOverdue(t.db, DEFAULT_DEADLINES, 5000);
    await announceOverdue(t.db, DEFAULT_DEADLINES, 5000);
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM events WHERE type = 'incident.overdue' AND payload->'incident'->>'id' = $1`,
      [body.id],
    );
    expect(rows[0].n).toBe(1);

    // Acting on it starts the next step's clock: it is no longer overdue.
    const acted = await t.app.inject({
      method: 'POST',
      url: `/api/incidents/${body.id}/actions`,
      headers: t.auth('operator'),
      payload: { action: 'accept', version: 1 },
    });
    expect(acted.statusCode).toBe(200);
    const detail = await t.app.inject({ method: 'GET', url: `/api/incidents/${body.id}`, headers: t.auth('operator') });
    expect(Date.parse(detail.json().incident.due_at)).toBeGreaterThan(Date.now());
  });
});
