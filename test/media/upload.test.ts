/**
 * POST /api/media and GET /api/media/{id}[/thumb] against the real server and database: photos
 * made with sharp, EXIF read back with exifr, files looked for on disk.
 */
import { request as httpRequest } from 'node:http';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import exifr from 'exifr';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../server/src/app.ts';
import { testDatabaseUrl } from '../helpers/db.ts';
import { multipart, photo, upload, useMediaApp } from './helpers.ts';

const ctx = useMediaApp();
const TAKEN = new Date('2026-11-20T02:30:00Z');
const PLACE = { lon: 112.9388, lat: 28.2282 };

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile()) out.push(join(e.parentPath, e.name));
  return out;
}

describe('POST /api/media', () => {
  it('stores JPEG, PNG and WebP, judged by their bytes, with their size', async () => {
    for (const format of ['jpeg', 'png', 'webp'] as const) {
      const bytes = await photo(format, { width: 640, height: 480, seed: 2 });
      // The declared name and type do not matter: the bytes do.
      const res = await upload(ctx, 'worker', bytes, 'IMG_0001.bin', 'application/octet-stream');
      expect(res.statusCode, res.body).toBe(201);
      const m = res.json();
      expect(m).toMatchObject({ mime: `image/${format}`, bytes: bytes.length, width: 640, height: 480 });
      expect(m.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(m.taken_at).toBeUndefined();
    }
  });

  it('reads time taken, GPS position and device from the EXIF', async () => {
    const bytes = await photo('jpeg', { exif: { ...PLACE, takenAt: TAKEN, make: 'HUAWEI', model: 'P60' } });
    // What the phone wrote can be read back (the test's photo really carries the tags).
    const tags = await exifr.parse(bytes, { gps: true });
    expect(tags).toMatchObject({ Make: 'HUAWEI', Model: 'P60' });
    expect(tags.latitude).toBeCloseTo(PLACE.lat, 5);
    const res = await upload(ctx, 'worker', bytes);
    expect(res.statusCode).toBe(201);
    const m = res.json();
    expect(m.taken_at).toBe(TAKEN.toISOString()); // EXIF local time read in the city's zone (UTC+8)
    expect(m.lon).toBeCloseTo(PLACE.lon, 5);
    expect(m.lat).toBeCloseTo(PLACE.lat, 5);
    const { rows } = await ctx.db.query('SELECT device FROM media WHERE id = $1', [m.id]);
    expect(rows[0].device).toBe('HUAWEI P60');
  });

  it('stores the same bytes once however often they are sent (same id, one file)', async () => {
    const bytes = await photo('jpeg', { seed: 99 });
    const first = await upload(ctx, 'worker', bytes);
    const again = await upload(ctx, 'worker', bytes);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const sha = first.json().sha256 as string;
    const files = (await filesUnder(join(ctx.dataDir, 'media'))).filter((f) => f.includes(sha));
    // The original and its thumbnail, beside each other under ab/cd/.
    expect(files.map((f) => f.slice(ctx.dataDir.length))).toEqual(
      expect.arrayContaining([`/media/${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}`]),
    );
    expect(files.filter((f) => f.endsWith(sha))).toHaveLength(1);
    expect(files.some((f) => f.endsWith(`${sha}.thumb.jpg`))).toBe(true);
    expect(files.some((f) => f.endsWith('.tmp'))).toBe(false);
    const { rows } = await ctx.db.query('SELECT count(*)::int AS n FROM media WHERE sha256 = $1', [sha]);
    expect(rows[0].n).toBe(1);
  });

  it('refuses a text file named .jpg with 415 and a reason', async () => {
    const res = await upload(ctx, 'worker', Buffer.from('just some text, not a photo\n'.repeat(50)), 'x.jpg');
    expect(res.statusCode).toBe(415);
    expect(res.json().error.message).toMatch(/not a JPEG, PNG or WebP/);
  });

  it('refuses a HEIC this libvips cannot decode with 415 saying to send JPEG', async () => {
    // An ISO-BMFF header with the heic brand and nothing decodable after it.
    const heic = Buffer.concat([
      Buffer.from([0, 0, 0, 24]),
      Buffer.from('ftypheic\0\0\0\0mif1heic'),
      Buffer.alloc(200),
    ]);
    const res = await upload(ctx, 'worker', heic, 'IMG_1.HEIC', 'image/heic');
    expect(res.statusCode).toBe(415);
    expect(res.json().error.message).toMatch(/HEIC.*libvips.*JPEG/s);
  });

  it('refuses a truncated JPEG with 422 and stores nothing', async () => {
    const whole = await photo('jpeg', { seed: 7 });
    const res = await upload(ctx, 'worker', whole.subarray(0, Math.floor(whole.length * 0.6)));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toMatch(/truncated or corrupt/);
    const { rows } = await ctx.db.query('SELECT count(*)::int AS n FROM media WHERE bytes = $1', [
      Math.floor(whole.length * 0.6),
    ]);
    expect(rows[0].n).toBe(0);
  });

  it('refuses a 60 MB upload with 413 before reading it', async () => {
    const address = await ctx.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = new URL(address);
    const started = Date.now();
    let sent = 0;
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/media',
          headers: {
            ...ctx.auth('worker'),
            'content-type': 'multipart/form-data; boundary=x',
            'content-length': String(60 * 1024 * 1024),
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
          req.destroy();
        },
      );
      req.on('error', (err: NodeJS.ErrnoException) =>
        err.code === 'EPIPE' || err.code === 'ECONNRESET' ? null : reject(err),
      );
      // Only the first megabyte is ever sent: the answer must come without the rest.
      const chunk = Buffer.alloc(1024 * 1024, 1);
      req.write(chunk, () => (sent += chunk.length));
    });
    expect(status).toBe(413);
    expect(sent).toBeLessThan(60 * 1024 * 1024);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses a file over the limit sent without a declared length (the multipart backstop)', async () => {
    const small = await buildApp({
      databaseUrl: testDatabaseUrl(),
      poolSize: 1,
      dataDir: ctx.dataDir,
      mediaMaxBytes: 100_000,
    });
    try {
      const body = multipart(await photo('png', { width: 800, height: 800, seed: 5 }));
      expect(body.payload.length).toBeGreaterThan(200_000);
      const { Readable } = await import('node:stream');
      const res = await small.inject({
        method: 'POST',
        url: '/api/media',
        headers: { ...body.headers, ...ctx.auth('operator') },
        payload: Readable.from([body.payload.subarray(0, 100_000), body.payload.subarray(100_000)]),
      });
      expect(res.statusCode).toBe(413);
      expect(res.json().error.message).toMatch(/larger than 0\.1 MB/);
    } finally {
      await small.close();
    }
  });

  it('needs a token and the media:write permission', async () => {
    const body = multipart(await photo('jpeg', { width: 100, height: 100 }));
    const none = await ctx.app.inject({
      method: 'POST',
      url: '/api/media',
      headers: body.headers,
      payload: body.payload,
    });
    expect(none.statusCode).toBe(401);
    const wall = await upload(ctx, 'wall', await photo('jpeg', { width: 100, height: 100 }));
    expect(wall.statusCode).toBe(403);
  });
});

describe('GET /api/media/{id}', () => {
  it('gives the uploader the original and others a copy without GPS or device tags', async () => {
    const bytes = await photo('jpeg', { exif: { ...PLACE, takenAt: TAKEN, make: 'Xiaomi', model: '14' }, seed: 11 });
    const id = (await upload(ctx, 'worker', bytes)).json().id;

    const own = await ctx.app.inject({ url: `/api/media/${id}`, headers: ctx.auth('worker') });
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('image/jpeg');
    expect(own.rawPayload.equals(bytes)).toBe(true);
    expect((await exifr.parse(own.rawPayload, { gps: true })).Make).toBe('Xiaomi');

    const admin = await ctx.app.inject({ url: `/api/media/${id}`, headers: ctx.auth('admin') });
    expect(admin.rawPayload.equals(bytes)).toBe(true);

    for (const role of ['operator', 'wall'] as const) {
      const other = await ctx.app.inject({ url: `/api/media/${id}`, headers: ctx.auth(role) });
      expect(other.statusCode).toBe(200);
      expect(other.headers['content-type']).toBe('image/jpeg');
      expect(other.headers['cache-control']).toMatch(/^private, max-age=\d+/);
      const tags = (await exifr.parse(other.rawPayload, { gps: true })) ?? {};
      expect(tags.Make).toBeUndefined();
      expect(tags.Model).toBeUndefined();
      expect(tags.latitude).toBeUndefined();
      expect(tags.GPSLatitude).toBeUndefined();
      expect((await sharp(other.rawPayload).metadata()).width).toBe(1200);
    }
  });

  it('serves a thumbnail at most 480 px wide without any location or device tags', async () => {
    const bytes = await photo('png', { width: 1600, height: 400, exif: { ...PLACE, make: 'OPPO' } });
    const id = (await upload(ctx, 'worker', bytes)).json().id;
    const res = await ctx.app.inject({ url: `/api/media/${id}/thumb`, headers: ctx.auth('worker') });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(res.rawPayload).metadata();
    expect(meta.width).toBe(480);
    expect(meta.height).toBe(120);
    expect(await exifr.parse(res.rawPayload, { gps: true })).toBeUndefined();
  });

  it('tags copies with the sha256 as ETag and answers 304 to a matching If-None-Match', async () => {
    const bytes = await photo('webp', { width: 300, height: 200, seed: 4 });
    const m = (await upload(ctx, 'operator', bytes)).json();
    const res = await ctx.app.inject({ url: `/api/media/${m.id}`, headers: ctx.auth('operator') });
    expect(res.headers.etag).toBe(`"${m.sha256}"`);
    expect(res.headers['content-type']).toBe('image/webp');
    const again = await ctx.app.inject({
      url: `/api/media/${m.id}`,
      headers: { ...ctx.auth('operator'), 'if-none-match': `"${m.sha256}"` },
    });
    expect(again.statusCode).toBe(304);
  });

  it('answers 401 without a token, 404 for an unknown id and 400 for a malformed one', async () => {
    const id = (await upload(ctx, 'worker', await photo('jpeg', { width: 50, height: 50 }))).json().id;
    expect((await ctx.app.inject({ url: `/api/media/${id}` })).statusCode).toBe(401);
    expect((await ctx.app.inject({ url: `/api/media/${id}/thumb` })).statusCode).toBe(401);
    const unknown = await ctx.app.inject({
      url: '/api/media/00000000-0000-4000-8000-000000000000',
      headers: ctx.auth('operator'),
    });
    expect(unknown.statusCode).toBe(404);
    const bad = await ctx.app.inject({ url: '/api/media/not-a-uuid/thumb', headers: ctx.auth('operator') });
    expect(bad.statusCode).toBe(400);
  });
});
