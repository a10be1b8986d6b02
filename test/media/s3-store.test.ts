/**
 * The S3-compatible media store, for set-ups of several servers, tested for real against s3rver
 * (an S3-protocol server writing to a temporary folder): the bucket made on first use, photos
 * and thumbnails stored under their sha256 once, read back through the API.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.ts';
import { mediaKey, S3Store } from '../../server/src/media/store.ts';
import { photo, upload, useMediaApp } from './helpers.ts';

const S3 = { bucket: 'gridboard-media', accessKey: 'S3RVER', secretKey: 'S3RVER', region: 'us-east-1' };
let s3: S3rver;
let dir: string;
const endpoint = { url: '' };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gridboard-s3rver-'));
  s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir });
  const { address, port } = await s3.run();
  endpoint.url = `http://${address}:${port}`;
});
afterAll(async () => {
  await s3?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

// The app reads the endpoint when it is built, after s3rver is listening (beforeAll order).
const ctx = useMediaApp({
  get mediaStore() {
    return { kind: 's3' as const, endpoint: endpoint.url, ...S3 };
  },
});

describe('S3 media store', () => {
  it('stores a photo and its thumbnail once in the bucket and serves both', async () => {
    const bytes = await photo('jpeg', { width: 900, height: 600, seed: 31 });
    const first = await upload(ctx, 'worker', bytes);
    expect(first.statusCode, first.body).toBe(201);
    const again = await upload(ctx, 'worker', bytes);
    expect(again.statusCode).toBe(200);
    const { id, sha256 } = first.json();
    expect(again.json().id).toBe(id);

    const store = new S3Store({ endpoint: endpoint.url, ...S3 });
    const { client } = await store.connect();
    const listed = await client.send(new ListObjectsV2Command({ Bucket: S3.bucket, Prefix: 'media/' }));
    const keys = (listed.Contents ?? []).map((o) => o.Key);
    expect(keys).toEqual(
      expect.arrayContaining([`media/${mediaKey(sha256)}`, `media/${mediaKey(sha256, '.thumb.jpg')}`]),
    );
    expect(keys.filter((k) => k === `media/${mediaKey(sha256)}`)).toHaveLength(1);

    const own = await ctx.app.inject({ url: `/api/media/${id}`, headers: ctx.auth('worker') });
    expect(own.rawPayload.equals(bytes)).toBe(true);
    const thumb = await ctx.app.inject({ url: `/api/media/${id}/thumb`, headers: ctx.auth('operator') });
    expect((await sharp(thumb.rawPayload).metadata()).width).toBe(480);
    // The stripped copy for other readers is made once and kept in the bucket too.
    const other = await ctx.app.inject({ url: `/api/media/${id}`, headers: ctx.auth('operator') });
    expect(other.statusCode).toBe(200);
    expect(await store.has(mediaKey(sha256, '.public'))).toBe(true);
  });

  it('is chosen by GRIDBOARD_MEDIA_STORE=s3, which needs the endpoint, bucket and keys', () => {
    expect(() => loadConfig({ GRIDBOARD_MEDIA_STORE: 's3', GRIDBOARD_S3_BUCKET: 'b' })).toThrow(
      /GRIDBOARD_S3_ENDPOINT, GRIDBOARD_S3_ACCESS_KEY, GRIDBOARD_S3_SECRET_KEY/,
    );
    const c = loadConfig({
      GRIDBOARD_MEDIA_STORE: 's3',
      GRIDBOARD_S3_ENDPOINT: 'http://minio:9000',
      GRIDBOARD_S3_BUCKET: 'b',
      GRIDBOARD_S3_ACCESS_KEY: 'k',
      GRIDBOARD_S3_SECRET_KEY: 's',
    });
    expect(c.mediaStore).toEqual({
      kind: 's3',
      endpoint: 'http://minio:9000',
      bucket: 'b',
      accessKey: 'k',
      secretKey: 's',
      region: 'us-east-1',
    });
    expect(loadConfig({}).mediaMaxBytes).toBe(20 * 1024 * 1024);
    expect(loadConfig({}).dataDir).toMatch(/\.data$/);
  });
});
