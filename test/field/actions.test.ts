/**
 * A grid worker works the tasks dispatched to their unit from the phone, through the same
 * actions route as the console: acknowledge, handle, request_help, send_back — and nothing else.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { atCurrentVersion, pointInGrid, report } from '../helpers/incidents.ts';
import { dispatchedTo, otherUnit, workerUnit, type WorkerUnit } from './helpers.ts';

const t = useTestApp();
let w: WorkerUnit;
let other: number;
beforeAll(async () => {
  w = await workerUnit(t.db);
  other = await otherUnit(t.db, w.unitId);
});

const act = async (id: string, payload: object, role: 'worker' | 'operator' = 'worker') =>
  t.app.inject({
    method: 'POST',
    url: `/api/incidents/${id}/actions`,
    headers: t.auth(role),
    payload: await atCurrentVersion(t.db, id, payload),
  });
const card = (id: string, role: 'worker' | 'operator' | 'wall' = 'worker') =>
  t.app.inject({ method: 'GET', url: `/api/incidents/${id}`, headers: t.auth(role) });
const unitStatus = async (id: number) =>
  (await t.db.query('SELECT status FROM patrol_units WHERE id = $1', [id])).rows[0].status as string;

describe('a worker on their own task', () => {
  it('sees only the field actions, while the console keeps every action', async () => {
    const inc = await dispatchedTo(t, w.here, w.unitId);
    expect((await card(inc.id)).json().allowed).toEqual(['handle', 'acknowledge', 'request_help', 'send_back']);
    const op = (await card(inc.id, 'operator')).json().allowed;
    expect(op).toEqual(expect.arrayContaining(['escalate', 'handle', 'send_back']));
    expect((await card(inc.id, 'wall')).json().allowed).toEqual([]);
  });

  it('acknowledges (status kept, history and event written) and then handles it, freeing the unit', async () => {
    const inc = await dispatchedTo(t, w.here, w.unitId);
    const ack = await act(inc.id, { action: 'acknowledge' });
    expect(ack.statusCode).toBe(200);
    expect(ack.json().incident.status).toBe('dispatched');
    expect(ack.json().history).toMatchObject({
      action: 'acknowledge',
      from_status: 'dispatched',
      actor: 'test-worker',
    });
    expect(ack.json().allowed).toContain('handle');
    const done = await act(inc.id, { action: 'handle', note: '已清理', lon: w.here.lon, lat: w.here.lat });
    expect(done.statusCode).toBe(200);
    expect(done.json().incident.status).toBe('handled');
    expect(done.json().allowed).toEqual([]);
    expect(await unitStatus(w.unitId)).toBe('on_patrol');
  });

  it('asks for help: the status stays, the note is required, an event reaches every screen', async () => {
    const inc = await dispatchedTo(t, w.here, w.unitId);
    expect((await act(inc.id, { action: 'request_help' })).statusCode).toBe(400);
    const res = await act(inc.id, { action: 'request_help', note: '现场有人阻挠，需要民警协助' });
    expect(res.statusCode).toBe(200);
    expect(res.json().incident.status).toBe('dispatched');
    const { rows } = await t.db.query(
      `SELECT type, payload->'history'->>'action' AS action, payload->'history'->>'note' AS note, district_id
       FROM events WHERE payload->'incident'->>'id' = $1 ORDER BY seq DESC LIMIT 1`,
      [inc.id],
    );
    expect(rows[0]).toMatchObject({
      type: 'incident.updated',
      action: 'request_help',
      note: '现场有人阻挠，需要民警协助',
    });
  });

  it('sends it back: back to accepted, unit cleared and on patrol again, history kept', async () => {
    const inc = await dispatchedTo(t, w.here, w.unitId);
    expect(await unitStatus(w.unitId)).toBe('responding');
    expect((await act(inc.id, { action: 'send_back', note: '  ' })).statusCode).toBe(400);
    const res = await act(inc.id, { action: 'send_back', note: '不在本网格，请改派' });
    expect(res.statusCode).toBe(200);
    expect(res.json().incident).toMatchObject({ status: 'accepted', assigned_unit_id: null });
    expect(await unitStatus(w.unitId)).toBe('on_patrol');
    const history = (await card(inc.id, 'operator')).json().history.map((h: { action: string }) => h.action);
    expect(history).toEqual(['report', 'accept', 'dispatch', 'send_back']);
    const { rows } = await t.db.query(
      `SELECT payload->'unit'->>'status' AS status FROM events
       WHERE type = 'unit.changed' AND payload->'unit'->>'incident_id' = $1 ORDER BY seq`,
      [inc.id],
    );
    // The unit may already have been responding to an earlier task; the send-back frees it with its own event.
    expect(rows.at(-1)?.status).toBe('on_patrol');
    // It is no longer the worker's: any further step is refused.
    expect((await act(inc.id, { action: 'acknowledge' })).statusCode).toBe(403);
  });

  it('the console may send back too', async () => {
    const inc = await dispatchedTo(t, w.here, other);
    const res = await act(inc.id, { action: 'send_back', note: '改派' }, 'operator');
    expect(res.statusCode).toBe(200);
    expect(res.json().incident.assigned_unit_id).toBeNull();
  });
});

describe('what a worker may not do', () => {
  it("refuses another unit's task with a reason", async () => {
    const inc = await dispatchedTo(t, w.here, other);
    for (const action of ['acknowledge', 'handle']) {
      const res = await act(inc.id, { action });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toMatch(/not assigned to your unit/);
    }
    expect((await card(inc.id)).json().allowed).toEqual([]);
  });

  it("refuses the console's actions on their own task", async () => {
    const inc = await dispatchedTo(t, w.here, w.unitId);
    for (const payload of [
      { action: 'escalate', department: '城管' },
      { action: 'reject', note: 'x' },
    ]) {
      const res = await act(inc.id, payload);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toMatch(/console/);
    }
  });

  it('a wall screen still may not act', async () => {
    const inc = await dispatchedTo(t, w.here, w.unitId);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/incidents/${inc.id}/actions`,
      headers: t.auth('wall'),
      payload: { action: 'handle' },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('a worker reports from the field', () => {
  it('files a report as grid_worker under their own name, idempotent by id', async () => {
    const at = await pointInGrid(t.db, 2);
    const body = report(at, { source: 'hotline', id: randomUUID() });
    const post = () =>
      t.app.inject({ method: 'POST', url: '/api/incidents', headers: t.auth('worker'), payload: body });
    const res = await post();
    expect(res.statusCode).toBe(201);
    expect(res.json().incident.source).toBe('grid_worker');
    const { rows } = await t.db.query('SELECT reported_by FROM incidents WHERE id = $1', [body.id]);
    expect(rows[0].reported_by).toBe('test-worker');
    expect((await post()).statusCode).toBe(200);
  });
});
