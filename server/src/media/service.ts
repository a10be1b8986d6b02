/**
 * The media service: stores an upload (checked, content-addressed, with its thumbnail) and hands
 * out the copies each reader may see. Routes call this; it calls the store and the repository.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type pg from 'pg';
import type { MediaStoreConfig } from '../config.ts';
import { insertMedia, mediaByUploader, type MediaRow } from '../repos/media.ts';
import { analyse, thumbnail, withoutMetadata } from './image.ts';
import { DiskStore, mediaKey, S3Store, type MediaStore } from './store.ts';

/** Suffixes of the derived copies kept beside an original. */
export const THUMB = '.thumb.jpg';
export const PUBLIC = '.public';

export function makeStore(config: MediaStoreConfig, dataDir: string): MediaStore {
  return config.kind === 's3' ? new S3Store(config) : new DiskStore(join(dataDir, 'media'));
}

export const sha256Of = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * Stores one upload for `userId`: the original and its thumbnail are in the store before the row
 * is written, so a row always means "stored with thumbnails". Sending the same bytes again
 * returns the row already made (`created: false`) without decoding them a second time.
 */
export async function storeUpload(
  db: pg.Pool,
  store: MediaStore,
  upload: Buffer,
  userId: number,
  timeZone: string,
): Promise<{ row: MediaRow; created: boolean }> {
  const uploadSha = sha256Of(upload);
  const seen = await mediaByUploader(db, userId, uploadSha);
  if (seen && (await store.has(mediaKey(seen.sha256, THUMB)))) return { row: seen, created: false };
  const a = await analyse(upload, timeZone);
  const sha256 = a.original === upload ? uploadSha : sha256Of(a.original);
  await store.put(mediaKey(sha256), a.original, a.mime);
  await store.put(mediaKey(sha256, THUMB), a.thumb, 'image/jpeg');
  return insertMedia(db, {
    sha256,
    mime: a.mime,
    bytes: a.original.length,
    width: a.width,
    height: a.height,
    taken_at: a.takenAt,
    lon: a.lon,
    lat: a.lat,
    device: a.device,
    uploaded_by: userId,
  });
}

export type Variant = 'original' | 'public' | 'thumb';

/**
 * The bytes of one copy. The public copy (no EXIF, GPS or device tags) and a lost thumbnail are
 * made from the original on first need and kept in the store.
 */
export async function readVariant(store: MediaStore, row: MediaRow, variant: Variant): Promise<Buffer | null> {
  if (variant === 'original') return store.get(mediaKey(row.sha256));
  const key = mediaKey(row.sha256, variant === 'thumb' ? THUMB : PUBLIC);
  const kept = await store.get(key);
  if (kept) return kept;
  const original = await store.get(mediaKey(row.sha256));
  if (!original) return null;
  const made = variant === 'thumb' ? await thumbnail(original) : await withoutMetadata(original, row.mime);
  await store.put(key, made, variant === 'thumb' ? 'image/jpeg' : row.mime);
  return made;
}
