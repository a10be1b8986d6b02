/**
 * Media test helpers: an app of this file's own with its media in a temporary data directory
 * (or an S3 store), tokens per role, photos made with sharp (with EXIF when asked), and a
 * multipart upload as a phone sends it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import sharp from 'sharp';
import { afterAll, beforeAll, inject } from 'vitest';
import { buildApp, type App, type AppOptions } from '../../server/src/app.ts';
import type { Role } from '../../server/src/domain/roles.ts';
import { testDatabaseUrl } from '../helpers/db.ts';
import { UNLIMITED } from '../helpers/app.ts';

export interface MediaContext {
  app: App;
  db: pg.Pool;
  dataDir: string;
  auth(role: Role): { authorization: string };
  userId(role: Role): Promise<number>;
}

export function useMediaApp(opts: Partial<AppOptions> = {}): MediaContext {
  const ctx = {} as MediaContext;
  const tokens = new Map<Role, string>();
  beforeAll(async () => {
    ctx.dataDir = await mkdtemp(join(tmpdir(), 'gridboard-media-'));
    const url = testDatabaseUrl();
    ctx.app = await buildApp({ databaseUrl: url, poolSize: 4, ...UNLIMITED, dataDir: ctx.dataDir, ...opts });
    ctx.db = new pg.Pool({ connectionString: url, max: 2 });
    ctx.db.on('error', (err: Error & { code?: string }) => {
      if (err.code !== '57P01') throw err; // the file's database dropped at teardown
    });
    const users = inject('users');
    for (const [role, creds] of Object.entries(users)) {
      const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: creds });
      if (res.statusCode !== 200) throw new Error(`login as ${role} failed: ${res.body}`);
      tokens.set(role as Role, res.json().token);
    }
    ctx.auth = (role) => ({ authorization: `Bearer ${tokens.get(role)}` });
    ctx.userId = async (role) => {
      const { rows } = await ctx.db.query('SELECT id FROM users WHERE username = $1', [users[role].username]);
      return rows[0].id;
    };
  }, 60_000);
  afterAll(async () => {
    await ctx.app?.close();
    await ctx.db?.end();
    if (ctx.dataDir) await rm(ctx.dataDir, { recursive: true, force: true });
  });
  return ctx;
}

/** A multipart/form-data body with one `file` part, as a phone's form sends it. */
export function multipart(bytes: Buffer, filename = 'photo.jpg', type = 'image/jpeg') {
  const boundary = `----gridboard${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, bytes, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export async function upload(
  ctx: MediaContext,
  role: Role,
  bytes: Buffer,
  filename = 'photo.jpg',
  type = 'image/jpeg',
) {
  const body = multipart(bytes, filename, type);
  return ctx.app.inject({
    method: 'POST',
    url: '/api/media',
    headers: { ...body.headers, ...ctx.auth(role) },
    payload: body.payload,
  });
}

export interface ExifSpec {
  lon?: number;
  lat?: number;
  /** Written as the phone does: local wall time of Asia/Shanghai (UTC+8), no offset. */
  takenAt?: Date;
  make?: string;
  model?: string;
}

const dms = (v: number) => {
  const a = Math.abs(v);
  const d = Math.floor(a);
  const m = Math.floor((a - d) * 60);
  const s = Math.round(((a - d) * 60 - m) * 60 * 1000);
  return `${d}/1 ${m}/1 ${s}/1000`;
};

/** EXIF as sharp's withExif takes it (IFD0 device, IFD2 time, IFD3 GPS). */
export function exifTags(e: ExifSpec) {
  const tags: Record<string, Record<string, string>> = { IFD0: {} };
  if (e.make) tags.IFD0.Make = e.make;
  if (e.model) tags.IFD0.Model = e.model;
  if (e.takenAt) {
    const local = new Date(e.takenAt.getTime() + 8 * 3600_000).toISOString();
    tags.IFD2 = { DateTimeOriginal: `${local.slice(0, 10).replaceAll('-', ':')} ${local.slice(11, 19)}` };
  }
  if (e.lon !== undefined && e.lat !== undefined) {
    tags.IFD3 = {
      GPSLatitudeRef: e.lat < 0 ? 'S' : 'N',
      GPSLatitude: dms(e.lat),
      GPSLongitudeRef: e.lon < 0 ? 'W' : 'E',
      GPSLongitude: dms(e.lon),
    };
  }
  return tags;
}

/** A small picture (a gradient, so that formats do not collapse it), in `format`, optionally with EXIF. */
export async function photo(
  format: 'jpeg' | 'png' | 'webp',
  o: { width?: number; height?: number; exif?: ExifSpec; seed?: number } = {},
): Promise<Buffer> {
  const width = o.width ?? 1200;
  const height = o.height ?? 900;
  const seed = o.seed ?? 1;
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      raw[i] = (x * 255) / width;
      raw[i + 1] = (y * 255) / height;
      raw[i + 2] = (seed * 37 + x + y) & 255;
    }
  let img = sharp(raw, { raw: { width, height, channels: 3 } });
  if (o.exif) img = img.withExif(exifTags(o.exif));
  if (format === 'png') return img.png().toBuffer();
  if (format === 'webp') return img.webp().toBuffer();
  return img.jpeg({ quality: 85 }).toBuffer();
}
