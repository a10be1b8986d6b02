/**
 * Open311 GeoReport v2 as a hotline system meets it: a key issued by an admin, the services, a
 * request filed (JSON and XML) and read back by id and by the specification's filters, contact
 * details kept from the public and shown to operators, the incident on the map with its grid,
 * closed by an operator; errors in the specification's form. Real HTTP against a listening server.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp, type App } from '../../server/src/app.ts';
import { testDatabaseUrl } from '../helpers/db.ts';
import { UNLIMITED } from '../helpers/app.ts';
import { atCurrentVersion } from '../helpers/incidents.ts';
import { Open311Client, parseXml } from './spec-client.ts';

const RATE = 25;
let app: App;
let base: string;
let db: pg.Pool;
const tokens: Record<string, string> = {};
let key: string;
let channelId: number;
let client: Open311Client;
let point: { lat: number; lon: number };

async function api(method: string, path: string, role: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${tokens[role]}`,
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

async function issue(name: string, source = 'hotline') {
  const r = await api('POST', '/api/channels', 'admin', { name, source });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { channel: { id: number; source: string; key_prefix: string }; key: string };
}

beforeAll(async () => {
  const url = testDatabaseUrl();
  app = await buildApp({ databaseUrl: url, live: true, ...UNLIMITED, open311RateLimit: RATE });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
  db = new pg.Pool({ connectionString: url, max: 2 });
  db.on('error', (err: Error & { code?: string }) => {
    if (err.code !== '57P01') throw err;
  });
  for (const [role, creds] of Object.entries(inject('users'))) {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(creds),
    });
    tokens[role] = ((await res.json()) as { token: string }).token;
  }
  const issued = await issue('12345 热线');
  key = issued.key;
  channelId = issued.channel.id;
  client = new Open311Client(`${base}/open311/v2`, key);
  const { rows } = await db.query<{ lat: number; lon: number }>(
    `SELECT ST_Y(p) AS lat, ST_X(p) AS lon FROM (SELECT ST_PointOnSurface(geom) AS p FROM grids ORDER BY id LIMIT 1) g`,
  );
  point = rows[0];
}, 60_000);

afterAll(async () => {
  await app?.close();
  await db?.end();
});

const contact = {
  first_name: '王',
  last_name: '小明',
  email: 'xiaoming@example.cn',
  phone: '13800138000',
  device_id: 'hotline-seat-7',
  account_id: 'acct-42',
};

describe('services', () => {
  it('lists the categories as services, in JSON and XML', async () => {
    const json = await client.services();
    expect(json.status).toBe(200);
    expect(json.contentType).toMatch(/application\/json/);
    const dispute = json.data.find((s) => s.service_code === 'dispute')!;
    expect(dispute).toMatchObject({
      metadata: false,
      type: 'realtime',
      service_name: expect.stringContaining('矛盾纠纷'),
    });
    expect(dispute.service_name).toContain('Dispute');
    expect(typeof dispute.keywords).toBe('string');
    expect(typeof dispute.group).toBe('string');

    const xml = await client.services('xml');
    expect(xml.contentType).toMatch(/text\/xml/);
    expect(xml.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(xml.data.map((s) => s.service_code)).toEqual(json.data.map((s) => s.service_code));
    expect(xml.data[0].metadata).toBe('false');
  });

  it('a service definition has no attributes; an unknown code is a 404 in the error form', async () => {
    const def = await client.service('dispute');
    expect(def.data).toEqual({ service_code: 'dispute', attributes: [] });
    expect((await client.service('dispute', 'xml')).data).toMatchObject({ service_code: 'dispute' });
    const missing = await client.service('potholes');
    expect(missing.status).toBe(404);
    expect(missing.data).toEqual([{ code: 404, description: expect.stringContaining('potholes') }]);
    const xml = await client.service('potholes', 'xml');
    expect(xml.status).toBe(404);
    expect(parseXml(xml.text)).toEqual({ root: 'errors', items: [{ code: '404', description: expect.any(String) }] });
  });
});

describe('a request filed by the hotline', () => {
  let id: string;

  it('is created (JSON) and answers service_request_id, service_notice, account_id', async () => {
    const r = await client.create({
      service_code: 'environment',
      lat: point.lat,
      long: point.lon,
      description: '小区门口垃圾堆放三天无人清运',
      address_string: '潇湘路 12 号',
      media_url: 'https://wx.example.cn/photo/1.jpg',
      'attribute[size]': 'big',
      ...contact,
    });
    expect(r.status, r.text).toBe(201);
    expect(r.data).toEqual([
      { service_request_id: expect.any(String), service_notice: expect.any(String), account_id: 'acct-42' },
    ]);
    id = r.data[0].service_request_id as string;
  });

  it('becomes an incident with the channel’s source, a grid, and its live event', async () => {
    const { rows } = await db.query(
      `SELECT i.source, i.grid_id, i.category, i.reported_by, r.channel_id
       FROM incidents i JOIN open311_requests r ON r.incident_id = i.id WHERE i.id = $1`,
      [id],
    );
    expect(rows[0]).toMatchObject({ source: 'hotline', category: 'environment', channel_id: channelId });
    expect(rows[0].grid_id).toBeGreaterThan(0);
    const ev = await db.query(
      `SELECT 1 FROM events WHERE type = 'incident.created' AND payload->'incident'->>'id' = $1`,
      [id],
    );
    expect(ev.rowCount).toBe(1);
  });

  it('reads back by id in JSON and XML, without any contact detail', async () => {
    const r = await client.request(id);
    expect(r.status).toBe(200);
    expect(r.data).toHaveLength(1);
    expect(r.data[0]).toMatchObject({
      service_request_id: id,
      status: 'open',
      service_code: 'environment',
      description: '小区门口垃圾堆放三天无人清运',
      address: '潇湘路 12 号',
      media_url: 'https://wx.example.cn/photo/1.jpg',
      lat: expect.closeTo(point.lat, 6),
      long: expect.closeTo(point.lon, 6),
      expected_datetime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      requested_datetime: expect.stringMatching(/Z$/),
    });
    for (const field of ['status_notes', 'service_name', 'agency_responsible', 'service_notice', 'updated_datetime'])
      expect(r.data[0]).toHaveProperty(field);
    const xml = await client.request(id, 'xml');
    expect(xml.data[0]).toMatchObject({ service_request_id: id, status: 'open', service_code: 'environment' });
    for (const text of [r.text, xml.text, (await client.requests()).text])
      for (const secret of ['xiaoming@example.cn', '13800138000', 'hotline-seat-7', 'acct-42', '小明'])
        expect(text).not.toContain(secret);
  });

  it('shows the contact to operators and admins on the incident card, to nobody else', async () => {
    for (const role of ['operator', 'admin']) {
      const card = await api('GET', `/api/incidents/${id}`, role);
      expect(card.body.contact).toMatchObject({ channel: '12345 热线', source: 'hotline', ...contact });
      expect(card.body.contact.media_url).toBe('https://wx.example.cn/photo/1.jpg');
    }
    for (const role of ['wall', 'planner']) {
      const card = await api('GET', `/api/incidents/${id}`, role);
      expect(card.status).toBe(200);
      expect(card.body).not.toHaveProperty('contact');
    }
  });

  it('is found by the specification’s filters', async () => {
    const ids = async (q: Record<string, string>) =>
      ((await client.requests(q)).data as { service_request_id: string }[]).map((x) => x.service_request_id);
    expect(await ids({})).toContain(id);
    expect(await ids({ status: 'open' })).toContain(id);
    expect(await ids({ status: 'closed' })).not.toContain(id);
    expect(await ids({ service_code: 'dispute,environment' })).toContain(id);
    expect(await ids({ service_code: 'dispute' })).not.toContain(id);
    const hourAgo = new Date(Date.now() - 3600_000).toISOString();
    const inAnHour = new Date(Date.now() + 3600_000).toISOString();
    expect(await ids({ start_date: hourAgo, end_date: inAnHour })).toContain(id);
    expect(await ids({ start_date: inAnHour })).not.toContain(id);
    expect(await ids({ end_date: hourAgo })).not.toContain(id);
    // Named ids override the other filters.
    expect(await ids({ service_request_id: `${id},not-an-id`, service_code: 'dispute' })).toEqual([id]);
    const xml = await client.requests({ service_code: 'environment' }, 'xml');
    expect(xml.data.map((x) => x.service_request_id)).toContain(id);
  });

  it('is closed by an operator: status closed with the operator’s note', async () => {
    const acted = await api(
      'POST',
      `/api/incidents/${id}/actions`,
      'operator',
      await atCurrentVersion(db, id, { action: 'reject', note: '属物业管理范围，已转物业处理' }),
    );
    expect(acted.status, JSON.stringify(acted.body)).toBe(200);
    const r = await client.request(id);
    expect(r.data[0]).toMatchObject({ status: 'closed', status_notes: '属物业管理范围，已转物业处理' });
    const closed = (await client.requests({ status: 'closed' })).data.map((x) => x.service_request_id);
    expect(closed).toContain(id);
  });

  it('files in XML, and as multipart form fields; a device’s retry returns the same id', async () => {
    const fields = {
      service_code: 'facilities',
      lat: point.lat,
      long: point.lon,
      description: '路灯不亮',
      device_id: 'wx-1',
    };
    const first = await client.create(fields, 'xml');
    expect(first.status, first.text).toBe(201);
    expect(first.text).toMatch(/^<\?xml[^>]*\?>\n<service_requests><request><service_request_id>/);
    const firstId = first.data[0].service_request_id;
    const again = await client.create(fields, 'xml');
    expect(again.status).toBe(200);
    expect(again.data[0].service_request_id).toBe(firstId);
    const other = await client.create({ ...fields, description: '路灯不亮，第二盏' });
    expect(other.data[0].service_request_id).not.toBe(firstId);

    const form = new FormData();
    for (const [k, v] of Object.entries({ ...fields, device_id: 'wx-2', api_key: key })) form.set(k, String(v));
    const res = await fetch(`${base}/open311/v2/requests.json`, { method: 'POST', body: form });
    expect(res.status).toBe(201);
    // A photo goes by media_url: a file in the form is refused, with the reason.
    form.set('device_id', 'wx-3');
    form.set('media', new Blob([new Uint8Array(2048)], { type: 'image/jpeg' }), 'p.jpg');
    const withFile = await fetch(`${base}/open311/v2/requests.json`, { method: 'POST', body: form });
    expect(withFile.status).toBe(400);
    expect(((await withFile.json()) as { description: string }[])[0].description).toMatch(/media_url/);
  });
});

describe('errors in the specification’s form', () => {
  const good = () => ({ service_code: 'dispute', lat: point.lat, long: point.lon, description: '邻里噪音纠纷' });

  it('400 for a missing or bad field, each problem named', async () => {
    const missing = await client.create({ lat: point.lat, long: point.lon });
    expect(missing.status).toBe(400);
    expect(missing.data).toEqual([{ code: 400, description: expect.stringContaining('service_code') }]);
    const bad = await client.create({ ...good(), lat: 'north', long: '181' });
    expect(bad.status).toBe(400);
    expect(bad.data).toHaveLength(2);
    expect((await client.create({ ...good(), lat: 95 })).status).toBe(400);
    expect((await client.create({ ...good(), description: '长'.repeat(4001) })).status).toBe(400);
    const unknown = await client.create({ ...good(), service_code: 'potholes' });
    expect(unknown.status).toBe(400);
    expect(unknown.data[0].description).toMatch(/potholes/);
    const addressOnly = await client.create({ service_code: 'dispute', address_string: '潇湘路 12 号' });
    expect(addressOnly.status).toBe(400);
    expect(addressOnly.data[0].description).toMatch(/does not geocode address_string/);
    const outside = await client.create({ ...good(), lat: 10, long: 10 });
    expect(outside.status).toBe(400);
    const nul = await client.create({ ...good(), description: 'a\u0000b' });
    expect(nul.status).toBe(400);
    // Past the body limit: still the specification's error list, never a 500.
    const huge = await client.create({ ...good(), description: 'x'.repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.data).toEqual([{ code: 413, description: expect.any(String) }]);
    const garbled = await fetch(client.url('requests', 'json'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"api_key": ',
    });
    expect(garbled.status).toBe(400);
    expect(await garbled.json()).toEqual([{ code: 400, description: expect.any(String) }]);
  });

  it('XML errors: <errors><error><code/><description/></error></errors>', async () => {
    const r = await client.create({ lat: point.lat, long: point.lon }, 'xml');
    expect(r.status).toBe(400);
    expect(r.contentType).toMatch(/text\/xml/);
    expect(r.text).toMatch(/<errors><error><code>400<\/code><description>/);
  });

  it('403 for no key, an unknown key and a revoked key', async () => {
    expect((await client.create(good(), 'json', '')).status).toBe(403);
    const wrong = await client.create(good(), 'json', 'gb311_not-a-key');
    expect(wrong.status).toBe(403);
    expect(wrong.data).toEqual([{ code: 403, description: expect.stringMatching(/api_key/) }]);
    const doomed = await issue('微信小程序', 'wechat');
    const wx = new Open311Client(client.endpoint, doomed.key);
    const filed = await wx.create(good());
    expect(filed.status).toBe(201);
    const { rows } = await db.query('SELECT source FROM incidents WHERE id = $1', [filed.data[0].service_request_id]);
    expect(rows[0].source).toBe('wechat');
    expect((await api('DELETE', `/api/channels/${doomed.channel.id}`, 'admin')).status).toBe(200);
    const refused = await wx.create(good());
    expect(refused.status).toBe(403);
    expect(refused.data[0].description).toMatch(/revoked/);
    // A read with a revoked key is refused too; without a key it is public.
    expect((await fetch(wx.url('requests', 'json', { api_key: doomed.key }))).status).toBe(403);
  });

  it(`429 once a key has made ${RATE} calls in a minute`, async () => {
    const busy = new Open311Client(client.endpoint, (await issue('busy')).key);
    const statuses: number[] = [];
    for (let i = 0; i <= RATE; i++) statuses.push((await busy.create({ description: 'no service_code' })).status);
    expect(statuses.slice(0, RATE).every((s) => s === 400)).toBe(true);
    const limited = await busy.create(good(), 'xml');
    expect(limited.status).toBe(429);
    expect(limited.text).toMatch(/<errors><error><code>429<\/code>/);
    // Another key is not held back.
    expect((await client.create(good())).status).toBe(201);
  });

  it('unknown format or resource: 404 in the error form', async () => {
    const r = await fetch(`${base}/open311/v2/services.csv`);
    expect(r.status).toBe(404);
    expect(await r.json()).toEqual([{ code: 404, description: expect.any(String) }]);
    const nothing = await fetch(`${base}/open311/v2/tokens/1.xml`);
    expect(nothing.status).toBe(404);
    expect((await client.request('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await client.request('not-a-uuid', 'xml')).status).toBe(404);
  });
});

describe('/api/channels', () => {
  it('admins list keys (prefix and count, never the key); other roles get 403', async () => {
    const list = await api('GET', '/api/channels', 'admin');
    expect(list.status).toBe(200);
    const hotline = list.body.find((c: { id: number }) => c.id === channelId);
    expect(hotline).toMatchObject({
      name: '12345 热线',
      source: 'hotline',
      revoked_at: null,
      key_prefix: key.slice(0, 10),
    });
    expect(hotline.requests).toBeGreaterThanOrEqual(4);
    expect(hotline.last_used_at).not.toBeNull();
    expect(JSON.stringify(list.body)).not.toContain(key);
    for (const role of ['planner', 'operator', 'wall', 'worker']) {
      expect((await api('GET', '/api/channels', role)).status).toBe(403);
      expect((await api('POST', '/api/channels', role, { name: `x-${role}` })).status).toBe(403);
      expect((await api('DELETE', `/api/channels/${channelId}`, role)).status).toBe(403);
    }
    expect((await api('POST', '/api/channels', 'admin', { name: '12345 热线' })).status).toBe(409);
    expect((await api('DELETE', '/api/channels/999999', 'admin')).status).toBe(404);
  });

  it('every Open311 route is in the OpenAPI document under the open311 tag', async () => {
    const doc = (await (await fetch(`${base}/api/docs/json`)).json()) as {
      paths: Record<string, Record<string, { tags?: string[] }>>;
    };
    const open311 = Object.entries(doc.paths).filter(([p]) => p.startsWith('/open311/v2/'));
    expect(open311.map(([p]) => p).sort()).toEqual([
      '/open311/v2/requests.{format}',
      '/open311/v2/requests/{id}.{format}',
      '/open311/v2/services.{format}',
      '/open311/v2/services/{code}.{format}',
    ]);
    for (const [, ops] of open311) for (const op of Object.values(ops)) expect(op.tags).toEqual(['open311']);
  });
});
