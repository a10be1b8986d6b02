/** Playback data for a window equals what was ingested; incidents of the window come with their times. */
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { pointInGrid, report } from '../helpers/incidents.ts';
import { offDutyWorker, offset } from './helpers.ts';

const t = useTestApp();

describe('GET /api/patrols/playback', () => {
  it('returns exactly the ingested track of a window, in time order, with the incidents reported in it', async () => {
    const u = await offDutyWorker(t.db, 6);
    const t0 = Date.now() - 20 * 60_000;
    const sent = Array.from({ length: 60 }, (_, k) => {
      const [lon, lat] = offset([u.lon, u.lat], 8 * k, 3 * Math.sin(k));
      return { unit: u.id, lon: Math.round(lon * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6, t: t0 + k * 10_000 };
    });
    const ing = await t.app.inject({
      method: 'POST',
      url: '/api/patrols/fixes',
      headers: t.auth('operator'),
      payload: { fixes: sent },
    });
    expect(ing.json().stored).toBe(60);
    const incident = report(await pointInGrid(t.db, 3));
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/incidents', headers: t.auth('operator'), payload: incident }))
        .statusCode,
    ).toBe(201);

    // A window that cuts the track: fixes 10..49.
    const from = new Date(t0 + 10 * 10_000).toISOString();
    const to = new Date(t0 + 49 * 10_000).toISOString();
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/patrols/playback?from=${from}&to=${to}&unit=${u.id}`,
      headers: t.auth('wall'),
    });
    expect(res.statusCode).toBe(200);
    const trip = res.json().trips.find((x: { id: number }) => x.id === u.id);
    const want = sent.slice(10, 50);
    expect(trip.times).toEqual(want.map((f) => f.t));
    expect(trip.path).toEqual(want.map((f) => [f.lon, f.lat]));

    const all = await t.app.inject({
      method: 'GET',
      url: `/api/patrols/playback?from=${new Date(t0).toISOString()}&to=${new Date(Date.now() + 1000).toISOString()}`,
      headers: t.auth('wall'),
    });
    const inc = all.json().incidents.find((i: { id: string }) => i.id === incident.id);
    expect(inc).toBeTruthy();
    expect(Math.abs(inc.t - Date.now())).toBeLessThan(60_000);
    expect(all.json().trips.length).toBeGreaterThan(1);
  });

  it.each([
    ['to before from', 'from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z', 400],
    ['a window over 24 h', 'from=2026-01-01T00:00:00Z&to=2026-01-03T00:00:00Z', 400],
    ['a malformed time', 'from=yesterday&to=2026-01-01T00:00:00Z', 400],
  ])('answers 400 for %s', async (_n, qs, status) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/patrols/playback?${qs}`, headers: t.auth('wall') });
    expect(res.statusCode).toBe(status);
  });
});
