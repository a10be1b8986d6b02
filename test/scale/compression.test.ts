/**
 * Issue #14: big answers travel compressed. A browser that accepts brotli gets brotli, one that
 * accepts only gzip gets gzip, and either inflates to exactly the uncompressed answer; vector
 * tiles are compressed too; tiny answers and clients that accept nothing are sent as they are;
 * a gzip-encoded request body is not inflated (the body limit judges the bytes that arrive).
 */
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';

const t = useTestApp();

const get = (url: string, encoding?: string) =>
  t.app.inject({
    method: 'GET',
    url,
    headers: { ...t.auth('admin'), ...(encoding ? { 'accept-encoding': encoding } : {}) },
  });

describe('compressed answers', () => {
  it('sends the area tree as brotli to a browser, and it inflates to the plain answer', async () => {
    const plain = await get('/api/areas');
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await get('/api/areas', 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    const inflated = brotliDecompressSync(br.rawPayload).toString('utf8');
    expect(JSON.parse(inflated)).toEqual(JSON.parse(plain.body));
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
  });

  it('falls back to gzip for a client without brotli', async () => {
    const plain = await get('/api/areas');
    const gz = await get('/api/areas', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString('utf8'))).toEqual(JSON.parse(plain.body));
  });

  it('compresses vector tiles and keeps their ETag', async () => {
    const { rows } = await t.db.query(
      `SELECT ST_X(c) AS lon, ST_Y(c) AS lat FROM (SELECT ST_Centroid(ST_Extent(geom)) AS c FROM grids) s`,
    );
    const z = 12;
    const n = 2 ** z;
    const x = Math.floor(((rows[0].lon + 180) / 360) * n);
    const rad = (rows[0].lat * Math.PI) / 180;
    const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
    const url = `/tiles/grids/${z}/${x}/${y}.mvt`;
    const plain = await get(url);
    expect(plain.statusCode).toBe(200);
    expect(plain.rawPayload.length).toBeGreaterThan(1024);
    const br = await get(url, 'br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.etag).toBe(plain.headers.etag);
    expect(Buffer.compare(brotliDecompressSync(br.rawPayload), plain.rawPayload)).toBe(0);
  });

  it('sends small answers as they are', async () => {
    const res = await get('/api/health', 'br');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
  });

  it('does not inflate a gzip-encoded request body: a clear 4xx, nothing written', async () => {
    const before = (await t.db.query('SELECT count(*)::int AS n FROM incidents')).rows[0].n;
    const body = gzipSync(JSON.stringify({ category: 'dispute', description: 'x', lon: 0, lat: 0 }));
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/incidents',
      headers: { ...t.auth('operator'), 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: body,
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect((await t.db.query('SELECT count(*)::int AS n FROM incidents')).rows[0].n).toBe(before);
  });
});
