/**
 * Issue #13 item 7: one unit could be dispatched to two incidents at once, handling one freed it
 * while it still worked the other, and an off-duty unit could be dispatched. The dispatch claims
 * the unit in the same statement as the incident step: one winner, one 409 with the reason.
 */
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { act, accepted } from './helpers.ts';

const t = useTestApp();

/** A patrol unit put on patrol for the test (the n-th by id), with nothing assigned. */
async function freeUnit(n: number): Promise<number> {
  const { rows } = await t.db.query<{ id: number }>(
    `UPDATE patrol_units SET status = 'on_patrol'
     WHERE id = (SELECT id FROM patrol_units u WHERE NOT EXISTS (SELECT 1 FROM incidents i WHERE i.assigned_unit_id = u.id)
                 ORDER BY id OFFSET $1 LIMIT 1)
     RETURNING id`,
    [n],
  );
  return rows[0].id;
}

const unitStatus = async (id: number) =>
  (await t.db.query('SELECT status FROM patrol_units WHERE id = $1', [id])).rows[0].status as string;
const assignedTo = async (unit: number) =>
  (
    await t.db.query(
      `SELECT count(*)::int AS n FROM incidents WHERE assigned_unit_id = $1 AND status IN ('dispatched', 'escalated')`,
      [unit],
    )
  ).rows[0].n as number;

describe('dispatching a unit', () => {
  it('sends a unit to one of two incidents dispatched at the same moment; the other is a 409 with why', async () => {
    for (let round = 0; round < 4; round++) {
      const unit = await freeUnit(round);
      const [a, b] = [await accepted(t, round), await accepted(t, round + 10)];
      const results = await Promise.all([
        act(t, a, { action: 'dispatch', unit_id: unit, version: 2 }),
        act(t, b, { action: 'dispatch', unit_id: unit, version: 2 }, 'admin'),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const lost = results.find((r) => r.statusCode === 409)!;
      expect(lost.json().error.code).toBe('unit_unavailable');
      expect(lost.json().error.message).toMatch(/responding/);
      expect(await assignedTo(unit)).toBe(1);
      expect(await unitStatus(unit)).toBe('responding');
    }
  });

  it('refuses an off-duty unit with the reason, leaving the incident accepted', async () => {
    const unit = await freeUnit(8);
    await t.db.query(`UPDATE patrol_units SET status = 'off_duty' WHERE id = $1`, [unit]);
    const id = await accepted(t, 20);
    const res = await act(t, id, { action: 'dispatch', unit_id: unit, version: 2 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/off duty/);
    const { rows } = await t.db.query('SELECT status, assigned_unit_id FROM incidents WHERE id = $1', [id]);
    expect(rows[0]).toEqual({ status: 'accepted', assigned_unit_id: null });
    expect(await unitStatus(unit)).toBe('off_duty');
  });

  it('keeps a unit responding while it still works another incident when one is handled', async () => {
    const unit = await freeUnit(9);
    const a = await accepted(t, 21);
    const b = await accepted(t, 22);
    expect((await act(t, a, { action: 'dispatch', unit_id: unit, version: 2 })).statusCode).toBe(200);
    // Data from before the rule: a second incident on the same unit.
    await t.db.query(
      `UPDATE incidents SET status = 'dispatched', assigned_unit_id = $2, version = version + 1 WHERE id = $1`,
      [b, unit],
    );
    expect((await act(t, a, { action: 'handle', note: '已处置', version: 3 })).statusCode).toBe(200);
    expect(await unitStatus(unit)).toBe('responding');
    expect((await act(t, b, { action: 'handle', note: '已处置', version: 3 })).statusCode).toBe(200);
    expect(await unitStatus(unit)).toBe('on_patrol');
  });

  it('sends a unit again once it has handled its incident', async () => {
    const unit = await freeUnit(11);
    const a = await accepted(t, 23);
    const b = await accepted(t, 24);
    expect((await act(t, a, { action: 'dispatch', unit_id: unit, version: 2 })).statusCode).toBe(200);
    expect((await act(t, b, { action: 'dispatch', unit_id: unit, version: 2 })).statusCode).toBe(409);
    expect((await act(t, a, { action: 'handle', note: '已处置', version: 3 })).statusCode).toBe(200);
    expect((await act(t, b, { action: 'dispatch', unit_id: unit, version: 2 })).statusCode).toBe(200);
  });
});
