/**
 * Photos attached to reports and steps: `photos: [{id}]` resolved to the stored items with their
 * flags, on the incident card and on the history row of `handle`; bad ids refused with nothing
 * written; the report's retry stored once.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { atCurrentVersion, pointInGrid, report, type GridPoint } from '../helpers/incidents.ts';
import { photo, upload, useMediaApp, type ExifSpec } from './helpers.ts';
import type { Role } from '../../server/src/domain/roles.ts';

const ctx = useMediaApp();

/** POST /api/incidents as `role` (a worker's phone, unless said). */
const fileReport = (payload: object, role: Role = 'worker') =>
  ctx.app.inject({ method: 'POST', url: '/api/incidents', headers: ctx.auth(role), payload });
let place: GridPoint;

beforeAll(async () => {
  place = await pointInGrid(ctx.db, 3);
});

async function uploaded(role: 'worker' | 'operator', exif: ExifSpec, seed: number): Promise<string> {
  const res = await upload(ctx, role, await photo('jpeg', { width: 400, height: 300, exif, seed }));
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json().id;
}

async function incidentCount(id: string): Promise<number> {
  const { rows } = await ctx.db.query('SELECT count(*)::int AS n FROM incidents WHERE id = $1', [id]);
  return rows[0].n;
}

describe('photos on incidents', () => {
  it('stores the report’s photos with their flags and shows them on the card', async () => {
    const now = new Date();
    const near = await uploaded(
      'worker',
      { lon: place.lon, lat: place.lat, takenAt: new Date(now.getTime() - 60_000) },
      21,
    );
    // 0.02° of longitude at ~28° N is about 2 km away.
    const far = await uploaded(
      'worker',
      { lon: place.lon + 0.02, lat: place.lat, takenAt: new Date(now.getTime() - 60_000) },
      22,
    );
    const body = report(place, { photos: [{ id: near }, { id: far }], reported_at: now.toISOString() });
    const res = await fileReport(body);
    expect(res.statusCode, res.body).toBe(201);

    const card = await ctx.app.inject({ url: `/api/incidents/${body.id}`, headers: ctx.auth('operator') });
    expect(card.statusCode).toBe(200);
    const photos = card.json().photos;
    expect(photos.map((p: { id: string }) => p.id)).toEqual([near, far]);
    expect(photos[0]).toMatchObject({ stage: 'before', flags: [], mime: 'image/jpeg', width: 400, height: 300 });
    expect(photos[1]).toMatchObject({ stage: 'before', flags: ['far_from_report'] });
    expect(photos[1].lon).toBeCloseTo(place.lon + 0.02, 5);

    // The phone's outbox sends the same report again: stored once, same photos.
    const retry = await fileReport(body);
    expect(retry.statusCode).toBe(200);
    expect(retry.json().created).toBe(false);
    expect(await incidentCount(body.id)).toBe(1);
  });

  it('flags photos taken long before or after the report, and still files it', async () => {
    const at = new Date(Date.now() - 60 * 60_000);
    const old = await uploaded('worker', { takenAt: new Date(at.getTime() - 5 * 3600_000) }, 23);
    const later = await uploaded('worker', { takenAt: new Date(at.getTime() + 30 * 60_000) }, 24);
    const body = report(place, { photos: [{ id: old }, { id: later }], reported_at: at.toISOString() });
    const res = await fileReport(body);
    expect(res.statusCode, res.body).toBe(201);
    const { rows } = await ctx.db.query('SELECT photos FROM incidents WHERE id = $1', [body.id]);
    expect(rows[0].photos.map((p: { flags: string[] }) => p.flags)).toEqual([['taken_long_before'], ['taken_after']]);
  });

  it('keeps a handle step’s “after” photo on its history row and on the incident', async () => {
    const body = report(place);
    expect(
      (await ctx.app.inject({ method: 'POST', url: '/api/incidents', headers: ctx.auth('operator'), payload: body }))
        .statusCode,
    ).toBe(201);
    const act = async (payload: object) =>
      ctx.app.inject({
        method: 'POST',
        url: `/api/incidents/${body.id}/actions`,
        headers: ctx.auth('operator'),
        payload: await atCurrentVersion(ctx.db, body.id, payload),
      });
    const { rows } = await ctx.db.query('SELECT id FROM patrol_units ORDER BY id LIMIT 1');
    expect((await act({ action: 'accept' })).statusCode).toBe(200);
    expect((await act({ action: 'dispatch', unit_id: rows[0].id })).statusCode).toBe(200);
    const after = await uploaded('worker', { lon: place.lon, lat: place.lat, takenAt: new Date() }, 25);
    const handled = await act({ action: 'handle', note: '已清理', photos: [{ id: after }] });
    expect(handled.statusCode, handled.body).toBe(200);
    expect(handled.json().history.photos).toMatchObject([{ id: after, stage: 'after', flags: [] }]);

    const card = (await ctx.app.inject({ url: `/api/incidents/${body.id}`, headers: ctx.auth('wall') })).json();
    const row = card.history.find((h: { action: string }) => h.action === 'handle');
    expect(row.photos).toMatchObject([{ id: after, stage: 'after' }]);
    expect(card.history.find((h: { action: string }) => h.action === 'accept').photos).toEqual([]);
    expect(card.photos).toMatchObject([{ id: after, stage: 'after' }]);
  });

  it('refuses an unknown photo id with 400 naming it, and writes nothing', async () => {
    const ghost = randomUUID();
    const body = report(place, { photos: [{ id: ghost }] });
    const res = await fileReport(body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain(ghost);
    expect(await incidentCount(body.id)).toBe(0);
  });

  it('lets a worker attach only photos they uploaded', async () => {
    const theirs = await uploaded('operator', {}, 26);
    const body = report(place, { photos: [{ id: theirs }] });
    const res = await fileReport(body);
    expect(res.statusCode).toBe(403);
    expect(await incidentCount(body.id)).toBe(0);
  });

  it('still accepts the legacy metadata-only photo form', async () => {
    const body = report(place, { photos: [{ name: 'IMG_1.jpg', mime: 'image/jpeg', bytes: 1234 }] });
    const res = await fileReport(body, 'operator');
    expect(res.statusCode, res.body).toBe(201);
    const card = (await ctx.app.inject({ url: `/api/incidents/${body.id}`, headers: ctx.auth('operator') })).json();
    expect(card.photos).toEqual([{ name: 'IMG_1.jpg', mime: 'image/jpeg', bytes: 1234 }]);
  });
});
