/**
 * A dispatched task reaches the worker's phone live: a real socket.io client with the worker's
 * token, on a real listening server. The phone watches `event` of type `incident.updated` and
 * keeps the incidents whose `incident.assigned_unit_id` is its own unit.
 */
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import pg from 'pg';
import type { FixesReply } from '../../server/src/contract/events.ts';
import { testDatabaseUrl } from '../helpers/db.ts';
import { report } from '../helpers/incidents.ts';
import { loginToken, TestScreen } from '../helpers/live-client.ts';
import { useTestServer } from '../helpers/server.ts';
import { otherUnit, workerUnit, type WorkerUnit } from './helpers.ts';

const server = useTestServer();
const users = inject('users');
let db: pg.Pool;
let w: WorkerUnit;
let operator: string;
let phone: TestScreen;

beforeAll(async () => {
  db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
  w = await workerUnit(db);
  operator = await loginToken(server.url, users.operator);
  phone = new TestScreen(server.url, await loginToken(server.url, users.worker));
  await phone.connected();
});
afterAll(async () => {
  phone?.close();
  await db?.end();
});

async function call(path: string, body: object, token = operator) {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

describe('live tasks on the phone', () => {
  it("receives the operator's dispatch to its unit, with the unit on the incident", async () => {
    const r = report(w.here);
    expect((await call('/api/incidents', r)).status).toBe(201);
    expect((await call(`/api/incidents/${r.id}/actions`, { action: 'accept', version: 1 })).status).toBe(200);
    expect(
      (await call(`/api/incidents/${r.id}/actions`, { action: 'dispatch', unit_id: w.unitId, version: 2 })).status,
    ).toBe(200);
    await phone.waitFor((s) =>
      s.events.some(
        (e) =>
          e.type === 'incident.updated' &&
          e.incident?.id === r.id &&
          e.incident.status === 'dispatched' &&
          e.incident.assigned_unit_id === w.unitId,
      ),
    );
  });

  it("sends the phone's own fixes over the socket and refuses another unit's by index", async () => {
    const other = await otherUnit(db, w.unitId);
    const now = Date.now();
    const reply: FixesReply = await phone.socket.timeout(5000).emitWithAck('fixes', {
      fixes: [
        { unit: w.unitId, lon: w.here.lon, lat: w.here.lat, t: now - 3000 },
        { unit: other, lon: w.here.lon, lat: w.here.lat, t: now - 2000 },
        { unit: w.unitId, lon: w.here.lon, lat: 'x', t: now - 1000 },
      ],
    });
    expect(reply.ok).toBe(true);
    expect(reply.data).toMatchObject({
      received: 3,
      stored: 1,
      rejected: { not_your_unit: 1, malformed: 1 },
      invalid: [
        { index: 1, reason: expect.stringMatching(/^not_your_unit/) },
        { index: 2, reason: expect.stringMatching(/lat/) },
      ],
    });
  });
});
