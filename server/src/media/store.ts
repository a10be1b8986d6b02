/**
 * Where photo bytes live: a content-addressed store keyed by sha256 (`ab/cd/<sha256>` plus
 * suffixes for derived copies such as the thumbnail). The disk store is the default; an
 * S3-compatible bucket lets several servers behind one load balancer share the same photos.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type * as S3Sdk from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';

// The S3 SDK takes most of a second to load: only a server that uses the S3 store loads it.
type Sdk = typeof S3Sdk;

export interface MediaStore {
  /** Stores `bytes` under `key` unless something is already there (content-addressed: same key, same bytes). */
  put(key: string, bytes: Buffer, mime: string): Promise<void>;
  /** The bytes under `key`, or null when there are none. */
  get(key: string): Promise<Buffer | null>;
  has(key: string): Promise<boolean>;
}

/** `ab/cd/<sha256><suffix>`: two levels of folders keep any one folder small. */
export function mediaKey(sha256: string, suffix = ''): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
  return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}${suffix}`;
}

const isMissing = (err: unknown) => (err as { code?: string }).code === 'ENOENT';

/** Files under `<root>` (the data directory's `media/`). */
export class DiskStore implements MediaStore {
  constructor(readonly root: string) {}

  path(key: string): string {
    return join(this.root, key);
  }

  async has(key: string): Promise<boolean> {
    try {
      await stat(this.path(key));
      return true;
    } catch (err) {
      if (isMissing(err)) return false;
      throw err;
    }
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const path = this.path(key);
    if (await this.has(key)) return;
    await mkdir(dirname(path), { recursive: true });
    // Written whole to a temporary name, then renamed: a reader (or a crash) never sees half a file,
    // and two uploads of the same bytes at once both end with the one complete file.
    const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(tmp, bytes, { flag: 'wx' });
      await rename(tmp, path);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.path(key));
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }
}

export interface S3Options {
  endpoint: string;
  bucket: string;
  accessKey: string;
  secretKey: string;
  region: string;
}

/** An S3-compatible bucket (MinIO, Ceph, s3rver, AWS), addressed by path style as most on-premise ones need. */
export class S3Store implements MediaStore {
  private sdk: Promise<{ m: Sdk; client: S3Client }> | null = null;
  private ready: Promise<void> | null = null;

  constructor(readonly o: S3Options) {}

  /** The SDK and a client for this bucket's endpoint (path-style addressing, as MinIO and Ceph need). */
  connect(): Promise<{ m: Sdk; client: S3Client }> {
    this.sdk ??= import('@aws-sdk/client-s3').then((m) => ({
      m,
      client: new m.S3Client({
        endpoint: this.o.endpoint,
        region: this.o.region,
        forcePathStyle: true,
        credentials: { accessKeyId: this.o.accessKey, secretAccessKey: this.o.secretKey },
      }),
    }));
    return this.sdk;
  }

  private objectKey(key: string) {
    return `media/${key}`;
  }

  /** Makes the bucket on first use when it is missing (a fresh MinIO has none). */
  private ensureBucket(): Promise<void> {
    this.ready ??= (async () => {
      const { m, client } = await this.connect();
      try {
        await client.send(new m.HeadBucketCommand({ Bucket: this.o.bucket }));
      } catch {
        await client.send(new m.CreateBucketCommand({ Bucket: this.o.bucket }));
      }
    })().catch((err) => {
      this.ready = null; // try again on the next request rather than failing forever
      throw err;
    });
    return this.ready;
  }

  async has(key: string): Promise<boolean> {
    await this.ensureBucket();
    const { m, client } = await this.connect();
    try {
      await client.send(new m.HeadObjectCommand({ Bucket: this.o.bucket, Key: this.objectKey(key) }));
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  async put(key: string, bytes: Buffer, mime: string): Promise<void> {
    if (await this.has(key)) return;
    const { m, client } = await this.connect();
    // One PUT is atomic in S3: the object appears whole or not at all.
    await client.send(
      new m.PutObjectCommand({ Bucket: this.o.bucket, Key: this.objectKey(key), Body: bytes, ContentType: mime }),
    );
  }

  async get(key: string): Promise<Buffer | null> {
    await this.ensureBucket();
    const { m, client } = await this.connect();
    try {
      const out = await client.send(new m.GetObjectCommand({ Bucket: this.o.bucket, Key: this.objectKey(key) }));
      return out.Body ? Buffer.from(await out.Body.transformToByteArray()) : null;
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }
}

function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
}
