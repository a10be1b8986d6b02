/**
 * Issue #13, item 5: hostile numbers, impossible dates and malformed coordinates are the client's
 * mistake — a 4xx with a reason that says what was wrong, and nothing in the database changes.
 * Batches judge each item: a bad one is listed by index, the others are stored.
 */
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { pointInGrid } from '../helpers/incidents.ts';
import { offDutyWorker } from '../patrols/helpers.ts';

const t = useTestApp();

const get = (url: string) => t.app.inject({ method: 'GET', url, headers: t.auth('admin') });
const count = async (table: string) =>
  (await t.db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;

/** A 4xx whose error body names a reason (not the generic "malformed" alone). */
function expectRefused(res: { statusCode: number; body: string }, status: number, reason: RegExp) {
  expect(res.statusCode, res.body).toBe(status);
  const err = JSON.parse(res.body).error;
  expect(err.message).toMatch(reason);
}

describe('numbers beyond int4, Infinity and NaN in query strings and paths', () => {
  it.each([
    ['/api/incidents?grid=2147483648', /grid/],
    ['/api/incidents?grid=Infinity', /grid/],
    ['/api/cameras?grid=1e309', /grid/],
    ['/api/queue?community=2147483648', /community/],
    ['/api/patrols/routes?unit=NaN', /unit/],
    ['/api/patrols/playback?from=2024-01-01T00:00:00Z&to=2024-01-02T00:00:00Z&unit=-2147483649', /unit/],
    ['/api/imports/2147483648', /id/],
    ['/api/patrols/routes/1e309', /id/],
    ['/api/communities/1/versions/Infinity', /version/],
    ['/api/grids/0', /id/],
  ])('%s → 400 naming the parameter', async (url, reason) => {
    expectRefused(await get(url), 400, reason);
  });

  it('a streamed export refuses a bad filter before it starts streaming', async () => {
    const res = await get('/api/cameras/export?community=2147483648');
    expectRefused(res, 400, /community/);
  });
});

describe('impossible dates', () => {
  it.each([
    '/api/patrols/assessment?day=2024-02-30',
    '/api/patrols/assessment?day=2023-02-29',
    '/api/visits?day=2024-13-01',
    '/api/patrols/routes?from=2024-02-30T00:00:00Z',
  ])('%s → 400', async (url) => {
    expectRefused(await get(url), 400, /day|date|from/);
  });

  it('a leap day that exists is read as that day', async () => {
    // A real day that is merely too old for the kept GPS fixes is refused for that reason, not as a date.
    const res = await get('/api/patrols/assessment?day=2024-02-29');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/before the kept GPS fixes/);
  });
});

describe('malformed coordinates', () => {
  it.each([
    ['/api/patrols/path?from=1.2.3,4&to=111.6,26.2', /from/],
    ['/api/patrols/path?from=111.6,26.2&to=181,0', /to longitude/],
    ['/api/patrols/path?from=111.6,26.2&to=1,2,3', /to/],
    ['/api/grids?bbox=1,2,3,Infinity', /bbox/],
    ['/api/coverage/explain?lon=1e309&lat=26.2', /lon/],
  ])('%s → 400 with the reason', async (url, reason) => {
    expectRefused(await get(url), 400, reason);
  });
});

describe('tile layers are looked up by name only', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    '/tiles/%s/0/0/0.mvt → 404 listing the layers',
    async (layer) => {
      const res = await get(`/tiles/${layer}/0/0/0.mvt`);
      expectRefused(res, 404, /layers are .*grids/);
    },
  );
});

describe('text the database cannot store', () => {
  it('a NUL character in a search or a name is a 400 from the database, without SQL, and stores nothing', async () => {
    const search = await get('/api/workers?q=a%00b');
    expectRefused(search, 400, /refused a value/);
    expect(search.body).not.toMatch(/SELECT|WHERE|\$1/);
    const before = await count('departments');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/departments',
      headers: t.auth('admin'),
      payload: { code: 'NUL-1', name: 'a\u0000b', name_zh: '部门' },
    });
    expectRefused(res, 400, /0x00/);
    expect(await count('departments')).toBe(before);
  });

  it('Infinity written as 1e309 in a JSON body is refused by validation', async () => {
    const before = await count('key_places');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/key-places',
      headers: { ...t.auth('admin'), 'content-type': 'application/json' },
      payload: '{"code":"KP-INF","kind":"school","name":"x","name_zh":"x","lon":1e309,"lat":26.2}',
    });
    expectRefused(res, 400, /lon/);
    expect(await count('key_places')).toBe(before);
  });

  it('an id beyond int4 in a body is a 400, and the route stores nothing', async () => {
    const before = await count('patrol_routes');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/patrols/routes',
      headers: t.auth('admin'),
      payload: { unit_id: 2147483648, name: 'x', checkpoints: [] },
    });
    expectRefused(res, 400, /unit_id/);
    expect(await count('patrol_routes')).toBe(before);
  });
});

describe('Content-Disposition', () => {
  it('a grid code in Chinese gives an ASCII filename and a UTF-8 filename* (RFC 6266/5987)', async () => {
    const { rows } = await t.db.query<{ id: number }>(
      `UPDATE grids SET code = '潇湘网格一' WHERE id = (SELECT min(id) FROM grids) RETURNING id`,
    );
    const res = await get(`/api/grids/${rows[0]!.id}/print.pdf`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    const cd = res.headers['content-disposition'] as string;
    expect(cd).toMatch(/^inline; filename="grid-\?+\.pdf"; filename\*=UTF-8''grid-/);
    expect(decodeURIComponent(cd.split("UTF-8''")[1]!)).toBe('grid-潇湘网格一.pdf');
  });
});

describe('batches judge each item', () => {
  it('a camera import stores the good camera and lists the impossible date by index', async () => {
    const at = await pointInGrid(t.db, 5);
    const cam = (code: string, props: object = {}) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [at.lon, at.lat] },
      properties: { code, range_m: 40, ...props },
    });
    // bearing_deg 1e309 is written into the JSON text: JSON.parse reads it as Infinity.
    const features = [
      cam('SEC-IN-1'),
      cam('SEC-IN-2', { installed_at: '2026-02-30' }),
      cam('SEC-IN-3', { bearing_deg: 7 }),
    ];
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/import/cameras',
      headers: { ...t.auth('admin'), 'content-type': 'application/json' },
      payload: JSON.stringify({ type: 'FeatureCollection', features }).replace(
        '"bearing_deg":7',
        '"bearing_deg":1e309',
      ),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().inserted).toBe(1);
    expect(res.json().rejected).toEqual([
      { index: 1, reason: expect.stringMatching(/installed_at "2026-02-30"/) },
      { index: 2, reason: expect.stringMatching(/bearing_deg/) },
    ]);
    expect((await t.db.query(`SELECT code FROM cameras WHERE code LIKE 'SEC-IN-%'`)).rows).toEqual([
      { code: 'SEC-IN-1' },
    ]);
  });

  it('a fixes batch refuses speed 3.5e38 and a unit beyond int4 by index and stores the good fix', async () => {
    const u = await offDutyWorker(t.db, 2);
    const now = Date.now();
    const fix = (over: object) => ({ unit: u.id, lon: u.lon, lat: u.lat, t: now - 30_000, accuracy: 5, ...over });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/patrols/fixes',
      headers: t.auth('operator'),
      payload: { fixes: [fix({ speed: 3.5e38 }), fix({ unit: 2147483648 }), fix({ t: now - 20_000 })] },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ received: 3, stored: 1 });
    expect(res.json().invalid).toEqual([
      { index: 0, reason: expect.stringMatching(/speed/) },
      { index: 1, reason: expect.stringMatching(/unit/) },
    ]);
  });
});
