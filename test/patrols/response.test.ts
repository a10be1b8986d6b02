/**
 * Response: dispatching a unit makes it responding (with a unit.changed event, in the same
 * transaction as the incident step); handling the incident puts it back on patrol. Live: fixes
 * sent over the socket are stored like HTTP ones and reach screens as a batched `patrols` message.
 */
import { io } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import type { PatrolPositionBatch } from '../../server/src/contract/events.ts';
import { useTestApp } from '../helpers/app.ts';
import { atCurrentVersion, pointInGrid, report } from '../helpers/incidents.ts';
import { useTestServer } from '../helpers/server.ts';
import { offDutyWorker, offset } from './helpers.ts';

const t = useTestApp();
const server = useTestServer();
const sockets: ReturnType<typeof io>[] = [];
afterAll(() => {
  for (const s of sockets) s.close();
});

async function act(id: string, body: object) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/incidents/${id}/actions`,
    headers: t.auth('operator'),
    payload: await atCurrentVersion(t.db, id, body),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('dispatch and unit status', () => {
  it('sets the nearest unit responding on dispatch and back on patrol when handled, each with an event', async () => {
    const at = await pointInGrid(t.db, 12);
    const inc = report(at, { grade: 'key' });
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/incidents', headers: t.auth('operator'), payload: inc }))
        .statusCode,
    ).toBe(201);
    await act(inc.id, { action: 'accept', note: 'ok' });
    const near = (
      await t.app.inject({
        method: 'GET',
        url: `/api/patrols/nearest?lon=${at.lon}&lat=${at.lat}&limit=3`,
        headers: t.auth('operator'),
      })
    ).json();
    const unit = near.units[0];
    expect(unit.status).toBe('on_patrol');
    await act(inc.id, { action: 'dispatch', note: 'go', unit_id: unit.id });

    const status = async () =>
      (await t.db.query('SELECT status FROM patrol_units WHERE id = $1', [unit.id])).rows[0].status;
    expect(await status()).toBe('responding');
    const { rows: ev } = await t.db.query(
      `SELECT payload FROM events WHERE type = 'unit.changed' AND (payload->'unit'->>'id')::int = $1 ORDER BY seq`,
      [unit.id],
    );
    expect(ev.at(-1).payload.unit).toMatchObject({ status: 'responding', incident_id: inc.id });
    // The unit now shows as responding to this incident, and is no longer offered for the next one.
    const units = (await t.app.inject({ method: 'GET', url: '/api/patrols/units', headers: t.auth('wall') })).json()
      .units;
    expect(units.find((u: { id: number }) => u.id === unit.id)).toMatchObject({
      status: 'responding',
      responding_to: inc.id,
    });
    const again = (
      await t.app.inject({
        method: 'GET',
        url: `/api/patrols/nearest?lon=${at.lon}&lat=${at.lat}&limit=3`,
        headers: t.auth('operator'),
      })
    ).json();
    expect(again.units.map((u: { id: number }) => u.id)).not.toContain(unit.id);

    await act(inc.id, { action: 'handle', note: 'done' });
    expect(await status()).toBe('on_patrol');
  });
});

describe('live positions', () => {
  it('stores fixes sent over the socket and pushes the moved position to screens in a batch', async () => {
    const url = server.url;
    const u = await offDutyWorker(t.db, 7);
    const screen = io(url, { auth: { token: t.token('wall') }, transports: ['websocket'] });
    const device = io(url, { auth: { token: t.token('operator') }, transports: ['websocket'] });
    sockets.push(screen, device);
    await Promise.all([screen, device].map((s) => new Promise((r) => s.on('connect', () => r(null)))));
    const got = new Promise<PatrolPositionBatch>((resolve) => {
      screen.on('patrols', (b: PatrolPositionBatch) => {
        if (b.units.some((r) => r[0] === u.id)) resolve(b);
      });
    });
    const [lon, lat] = offset([u.lon, u.lat], 10, 0);
    const reply = await device
      .timeout(5000)
      .emitWithAck('fixes', { fixes: [{ unit: u.id, lon, lat, t: Date.now() - 1000, accuracy: 4 }] });
    expect(reply).toMatchObject({ ok: true, data: { stored: 1, moved: 1 } });
    const batch = await got;
    const row = batch.units.find((r) => r[0] === u.id)!;
    expect(row[1]).toBeCloseTo(lon, 6);
    expect(row[4]).toBe('off_duty');

    // A wall screen may not send fixes.
    const refused = await screen
      .timeout(5000)
      .emitWithAck('fixes', { fixes: [{ unit: u.id, lon, lat, t: Date.now() }] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const bad = await device.timeout(5000).emitWithAck('fixes', { fixes: [{ unit: 'x' }] });
    // Judged item by item, as over HTTP: the malformed fix is listed by its index, not a refusal of the batch.
    expect(bad).toMatchObject({ ok: true, data: { stored: 0, invalid: [{ index: 0, reason: expect.any(String) }] } });
  });
});
