import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { atCurrentVersion, pointInGrid, report, type GridPoint } from '../helpers/incidents.ts';

const t = useTestApp();
let here: GridPoint;
beforeAll(async () => {
  here = await pointInGrid(t.db, 11);
});

const post = (body: unknown, role: 'operator' | 'wall' | 'planner' | 'admin' = 'operator') =>
  t.app.inject({ method: 'POST', url: '/api/incidents', headers: t.auth(role), payload: body as object });
const act = async (id: string, body: unknown, role: 'operator' | 'wall' = 'operator') =>
  t.app.inject({
    method: 'POST',
    url: `/api/incidents/${id}/actions`,
    headers: t.auth(role),
    payload: await atCurrentVersion(t.db, id, body as object),
  });

async function counts(id: string) {
  const {
    rows: [r],
  } = await t.db.query(
    `SELECT (SELECT count(*)::int FROM incidents WHERE id = $1) AS incidents,
            (SELECT count(*)::int FROM incident_history WHERE incident_id = $1) AS history,
            (SELECT count(*)::int FROM events WHERE payload->'incident'->>'id' = $1::text) AS events`,
    [id],
  );
  return r;
}

describe('reporting', () => {
  it('stores a report with its grid and areas, its history and one outbox event', async () => {
    const body = report(here);
    const res = await post(body);
    expect(res.statusCode).toBe(201);
    const { incident, created } = res.json();
    expect(created).toBe(true);
    expect(incident).toMatchObject({
      id: body.id,
      status: 'reported',
      grid_id: here.gridId,
      community_id: here.communityId,
      district_id: here.districtId,
    });
    expect(await counts(body.id)).toEqual({ incidents: 1, history: 1, events: 1 });
    const { rows } = await t.db.query(`SELECT type FROM events WHERE payload->'incident'->>'id' = $1`, [body.id]);
    expect(rows[0].type).toBe('incident.created');
  });

  it('stores a retried report once', async () => {
    const body = report(here);
    expect((await post(body)).statusCode).toBe(201);
    const again = await post(body);
    expect(again.statusCode).toBe(200);
    expect(again.json().created).toBe(false);
    expect(await counts(body.id)).toEqual({ incidents: 1, history: 1, events: 1 });
  });

  it('refuses a different report under a used id', async () => {
    const body = report(here);
    await post(body);
    const res = await post({ ...body, category: 'dispute' });
    expect(res.statusCode).toBe(409);
    expect(await counts(body.id)).toEqual({ incidents: 1, history: 1, events: 1 });
  });

  it('refuses a retry whose description or grade differs', async () => {
    const body = report(here);
    await post(body);
    expect((await post({ ...body, description: '另一件事' })).statusCode).toBe(409);
    expect((await post({ ...body, grade: 'difficult' })).statusCode).toBe(409);
  });

  it('counts deadlines from arrival, not from the phone clock', async () => {
    const body = report(here, { reported_at: new Date(Date.now() - 3 * 86_400_000).toISOString() });
    const res = await post(body);
    expect(res.statusCode).toBe(201);
    expect(Date.parse(res.json().incident.due_at)).toBeGreaterThan(Date.now());
    expect(Date.parse(res.json().incident.reported_at)).toBeLessThan(Date.now() - 2 * 86_400_000);
  });

  it('suggests open incidents of the same category nearby as duplicates', async () => {
    const first = report(here, { category: 'fire_safety' });
    await post(first);
    const second = report({ ...here, lon: here.lon + 0.0003 }, { category: 'fire_safety' });
    const res = await post(second);
    const dup = res.json().duplicates.find((d: { id: string }) => d.id === first.id);
    expect(dup).toBeDefined();
    expect(dup.distance_m).toBeGreaterThan(10);
    expect(dup.distance_m).toBeLessThan(150);
    const other = report(here, { category: 'lost_found' });
    const res2 = await post(other);
    expect(res2.json().duplicates.map((d: { id: string }) => d.id)).not.toContain(first.id);
  });

  it.each([
    ['a point outside the city', { lon: 100, lat: 10 }, 400, /outside/],
    ['longitude out of range', { lon: 200 }, 400, /lon/],
    ['an unknown category', { category: 'noise' }, 400, /category/],
    ['a number as description', { description: 42 }, 400, /description/],
    ['a malformed id', { id: 'not-a-uuid' }, 400, /id/],
    ['a future time', { reported_at: new Date(Date.now() + 86_400_000).toISOString() }, 400, /future/],
  ])('refuses %s with the reason and stores nothing', async (_n, over, status, reason) => {
    const body = report(here, over);
    const res = await post(body);
    expect(res.statusCode).toBe(status);
    expect(res.json().error.message).toMatch(reason);
    if (typeof body.id === 'string' && body.id.length === 36) expect((await counts(body.id)).incidents).toBe(0);
  });

  it('lets a wall screen only read', async () => {
    const body = report(here);
    const res = await post(body, 'wall');
    expect(res.statusCode).toBe(403);
    expect((await counts(body.id)).incidents).toBe(0);
  });
});

describe('the closed loop', () => {
  it('runs report → evaluation, recording who, when and what at each step', async () => {
    const body = report(here, { grade: 'key' });
    await post(body);
    const steps = [
      { action: 'accept', note: '已受理' },
      { action: 'dispatch', note: '派网格员', unit_id: 1 },
      { action: 'handle', note: '已清理', lon: here.lon, lat: here.lat },
      { action: 'verify', note: '核查通过' },
      { action: 'archive' },
      { action: 'evaluate', evaluation: 5 },
    ];
    for (const s of steps) {
      const res = await act(body.id, s);
      expect(res.statusCode, res.body).toBe(200);
    }
    const res = await t.app.inject({ method: 'GET', url: `/api/incidents/${body.id}`, headers: t.auth('wall') });
    const { incident, history, allowed } = res.json();
    expect(incident.status).toBe('evaluated');
    expect(incident.closed_at).not.toBeNull();
    expect(allowed).toEqual([]);
    expect(history.map((h: { to_status: string }) => h.to_status)).toEqual([
      'reported',
      'accepted',
      'dispatched',
      'handled',
      'verified',
      'archived',
      'evaluated',
    ]);
    expect(history.every((h: { actor: string }) => h.actor === 'test-operator')).toBe(true);
    expect(history[3].lon).toBeCloseTo(here.lon, 6);
    expect(await counts(body.id)).toEqual({ incidents: 1, history: 7, events: 7 });
  });

  it('answers an illegal transition with 409 naming the allowed actions, and changes nothing', async () => {
    const body = report(here);
    await post(body);
    const res = await act(body.id, { action: 'verify' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('illegal_transition');
    expect(res.json().error.allowed).toEqual(['accept', 'reject', 'mark_duplicate']);
    expect(await counts(body.id)).toEqual({ incidents: 1, history: 1, events: 1 });
  });

  it('refuses an action based on a stale version', async () => {
    const body = report(here);
    await post(body);
    expect((await act(body.id, { action: 'accept', version: 1 })).statusCode).toBe(200);
    const stale = await act(body.id, { action: 'dispatch', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.version).toBe(2);
  });

  it('reopens when verification fails and escalates to a department', async () => {
    const body = report(here, { grade: 'difficult' });
    await post(body);
    for (const action of ['accept', 'dispatch', 'handle', 'reopen'])
      expect((await act(body.id, { action })).statusCode).toBe(200);
    const esc = await act(body.id, { action: 'escalate', department: '城管局', note: '吹哨报到' });
    expect(esc.json().incident.status).toBe('escalated');
    expect(esc.json().allowed).toEqual(['dispatch']);
  });

  it('marks duplicates only with a real original', async () => {
    const original = report(here);
    const copy = report(here);
    await post(original);
    await post(copy);
    expect((await act(copy.id, { action: 'mark_duplicate' })).statusCode).toBe(400);
    expect((await act(copy.id, { action: 'mark_duplicate', duplicate_of: randomUUID() })).statusCode).toBe(400);
    const ok = await act(copy.id, { action: 'mark_duplicate', duplicate_of: original.id });
    expect(ok.json().incident).toMatchObject({ status: 'duplicate', duplicate_of: original.id });
  });

  it('refuses duplicate chains: the original must be a live incident', async () => {
    const a = report(here);
    const b = report(here);
    await post(a);
    await post(b);
    expect((await act(a.id, { action: 'mark_duplicate', duplicate_of: b.id })).statusCode).toBe(200);
    const back = await act(b.id, { action: 'mark_duplicate', duplicate_of: a.id });
    expect(back.statusCode).toBe(400);
    expect(back.json().error.message).toMatch(/itself duplicate/);
  });

  it.each([
    ['evaluation with dispatch', { action: 'accept', evaluation: 5 }, /evaluation does not go with accept/],
    [
      'duplicate_of with accept',
      { action: 'accept', duplicate_of: '00000000-0000-4000-8000-000000000000' },
      /duplicate_of does not go/,
    ],
    ['lon without lat', { action: 'accept', lon: 111.6 }, /lon does not go with accept/],
  ])('refuses fields that do not belong to the action: %s', async (_n, body, reason) => {
    const inc = report(here);
    await post(inc);
    const res = await act(inc.id, body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(reason);
    expect(await counts(inc.id)).toEqual({ incidents: 1, history: 1, events: 1 });
  });

  it('needs lon and lat together on a field step', async () => {
    const inc = report(here);
    await post(inc);
    for (const action of ['accept', 'dispatch']) await act(inc.id, { action });
    const res = await act(inc.id, { action: 'handle', lon: here.lon });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/together/);
  });

  it('answers 404 for an unknown incident and 403 for the wall role', async () => {
    expect((await act(randomUUID(), { action: 'accept' })).statusCode).toBe(404);
    const body = report(here);
    await post(body);
    expect((await act(body.id, { action: 'accept' }, 'wall')).statusCode).toBe(403);
  });
});

describe('the queue', () => {
  it('puts overdue first, then higher grades', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/queue?limit=300', headers: t.auth('operator') });
    const list = res.json().incidents as { overdue: boolean; grade: string; closed_at: string | null }[];
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((i) => i.closed_at === null)).toBe(true);
    const firstNotOverdue = list.findIndex((i) => !i.overdue);
    if (firstNotOverdue > 0) expect(list.slice(firstNotOverdue).every((i) => !i.overdue)).toBe(true);
    const rank = { difficult: 3, key: 2, routine: 1 } as Record<string, number>;
    const overdue = list.filter((i) => i.overdue);
    for (let k = 1; k < overdue.length; k++)
      expect(rank[overdue[k - 1].grade]).toBeGreaterThanOrEqual(rank[overdue[k].grade]);
  });
});
