/**
 * Issue #13 item 8: incident actions without `version` silently overrode each other (accept and
 * reject both 200). Every state change now names the version it was decided on: without it 400,
 * and of two steps on the same version exactly one wins, the other is a 409.
 */
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { act, reported } from './helpers.ts';

const t = useTestApp();

const stored = async (id: string) =>
  (await t.db.query('SELECT status, version FROM incidents WHERE id = $1', [id])).rows[0] as {
    status: string;
    version: number;
  };

describe('incident actions name their version', () => {
  it('refuses a step without a version with 400 "version is required", and changes nothing', async () => {
    const id = await reported(t);
    for (const payload of [{ action: 'accept' }, { action: 'reject', note: '不属于本平台' }]) {
      const res = await act(t, id, payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toBe('version is required');
    }
    expect(await stored(id)).toEqual({ status: 'reported', version: 1 });
  });

  it('lets one of accept and reject on the same version through, the other is a 409', async () => {
    for (let round = 0; round < 4; round++) {
      const id = await reported(t, round);
      const [accept, reject] = await Promise.all([
        act(t, id, { action: 'accept', version: 1 }),
        act(t, id, { action: 'reject', note: '重复上报', version: 1 }, 'admin'),
      ]);
      const codes = [accept.statusCode, reject.statusCode].sort();
      expect(codes).toEqual([200, 409]);
      const winner = accept.statusCode === 200 ? 'accepted' : 'rejected';
      expect(await stored(id)).toEqual({ status: winner, version: 2 });
      const { rows } = await t.db.query('SELECT count(*)::int AS n FROM incident_history WHERE incident_id = $1', [id]);
      expect(rows[0].n).toBe(2); // the report and the one step that won
    }
  });

  it('refuses a stale version with 409 naming the current one', async () => {
    const id = await reported(t, 5);
    expect((await act(t, id, { action: 'accept', version: 1 })).statusCode).toBe(200);
    const stale = await act(t, id, { action: 'reject', note: 'x', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.version).toBe(2);
  });
});
