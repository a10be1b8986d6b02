/**
 * What an uploaded photo is, read from its bytes alone (never its name or declared type): the
 * format by magic number, its size and EXIF (time, place, device), a full decode that finds a
 * truncated file, and the copies the server hands out (thumbnail; a copy without metadata).
 */
import sharp, { type Metadata } from 'sharp';
import exifr from 'exifr';
import { appError } from '../errors.ts';

export type ImageKind = 'jpeg' | 'png' | 'webp' | 'heif';
export const MIME: Record<Exclude<ImageKind, 'heif'>, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};
export const THUMB_WIDTH = 480;

const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1', 'avif', 'avis']);

/** The image format from the first bytes, or null for anything else. */
export function sniff(b: Buffer): ImageKind | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'png';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  if (b.length >= 12 && b.toString('latin1', 4, 8) === 'ftyp' && HEIF_BRANDS.has(b.toString('latin1', 8, 12)))
    return 'heif';
  return null;
}

export interface ExifFacts {
  takenAt: Date | null;
  lon: number | null;
  lat: number | null;
  device: string | null;
}

export interface Analysed extends ExifFacts {
  /** The bytes to keep: the upload itself, or a JPEG made from a HEIC/HEIF photo. */
  original: Buffer;
  mime: string;
  width: number;
  height: number;
  thumb: Buffer;
}

/** UTC instant of a wall-clock time in `timeZone` (EXIF times usually carry no offset). */
export function zonedTime(parts: number[], timeZone: string): Date {
  const [y, mo, d, h, mi, s] = parts;
  const guess = Date.UTC(y, mo - 1, d, h, mi, s);
  const offsetAt = (t: number) => {
    const f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    }).formatToParts(new Date(t));
    const n = (type: string) => Number(f.find((p) => p.type === type)!.value);
    return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - t;
  };
  // Twice: the offset at the first guess may differ from the offset at the answer across a DST change.
  let t = guess - offsetAt(guess);
  t = guess - offsetAt(t);
  return new Date(t);
}

/** "2026:12:03 10:00:00" (+ "+08:00" when the phone wrote OffsetTimeOriginal) → a Date. */
export function exifTime(raw: unknown, offset: unknown, timeZone: string): Date | null {
  if (typeof raw !== 'string') return null;
  const m = /^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(raw.trim());
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts[0] < 1990 || parts[1] < 1 || parts[1] > 12 || parts[2] < 1 || parts[2] > 31) return null;
  const off = typeof offset === 'string' ? /^([+-])(\d{2}):?(\d{2})$/.exec(offset.trim()) : null;
  if (off) {
    const mins = (off[1] === '-' ? -1 : 1) * (Number(off[2]) * 60 + Number(off[3]));
    const [y, mo, d, h, mi, s] = parts;
    return new Date(Date.UTC(y, mo - 1, d, h, mi, s) - mins * 60_000);
  }
  return zonedTime(parts, timeZone);
}

/** Time taken, GPS position and device from the EXIF; nulls where the photo does not say. */
export async function readExif(bytes: Buffer, timeZone: string): Promise<ExifFacts> {
  const none: ExifFacts = { takenAt: null, lon: null, lat: null, device: null };
  let tags: Record<string, unknown> | undefined;
  try {
    tags = await exifr.parse(bytes, {
      tiff: true,
      exif: true,
      gps: true,
      reviveValues: false,
      pick: [
        'DateTimeOriginal',
        'CreateDate',
        'OffsetTimeOriginal',
        'Make',
        'Model',
        'GPSLatitude',
        'GPSLatitudeRef',
        'GPSLongitude',
        'GPSLongitudeRef',
      ],
    });
  } catch {
    return none; // unreadable EXIF is no reason to refuse a photo: it just carries no facts
  }
  if (!tags) return none;
  const takenAt = exifTime(tags.DateTimeOriginal ?? tags.CreateDate, tags.OffsetTimeOriginal, timeZone);
  const lat = dms(tags.GPSLatitude, tags.GPSLatitudeRef, 'S', 90);
  const lon = dms(tags.GPSLongitude, tags.GPSLongitudeRef, 'W', 180);
  const hasFix = lat !== null && lon !== null && !(lat === 0 && lon === 0);
  const device = [tags.Make, tags.Model]
    .filter((v): v is string => typeof v === 'string' && v.trim() !== '')
    .map((v) => v.trim())
    .join(' ')
    .slice(0, 200);
  return { takenAt, lon: hasFix ? lon : null, lat: hasFix ? lat : null, device: device || null };
}

function dms(v: unknown, ref: unknown, negative: string, max: number): number | null {
  const parts = Array.isArray(v) ? v.map(Number) : typeof v === 'number' ? [v] : null;
  if (!parts?.length || parts.some((p) => !Number.isFinite(p))) return null;
  const [d, m = 0, s = 0] = parts;
  const value = (d + m / 60 + s / 3600) * (typeof ref === 'string' && ref.trim().toUpperCase() === negative ? -1 : 1);
  return Math.abs(value) <= max ? value : null;
}

/**
 * The whole check of one upload: 415 for what is not a photo (or a HEIC this libvips cannot
 * decode), 422 for a photo that does not decode to the end. The thumbnail is made here, so that
 * decoding the full image is what proves it whole.
 */
export async function analyse(upload: Buffer, timeZone: string): Promise<Analysed> {
  const kind = sniff(upload);
  if (!kind)
    throw appError(
      'unsupported_media_type',
      'The file is not a JPEG, PNG or WebP photo (judged by its bytes, not its name)',
    );
  let original = upload;
  let format: Exclude<ImageKind, 'heif'> = kind === 'heif' ? 'jpeg' : kind;
  if (kind === 'heif') {
    try {
      // Keep the EXIF (time, place) for the uploader's own copy; the public copies drop it later.
      original = await sharp(upload, { failOn: 'truncated' }).rotate().keepMetadata().jpeg({ quality: 90 }).toBuffer();
    } catch (err) {
      throw appError(
        'unsupported_media_type',
        `HEIC/HEIF is not supported by this server's libvips (${(err as Error).message.split('\n')[0]}); ` +
          'set the phone to send JPEG ("Most Compatible")',
      );
    }
    format = 'jpeg';
  }
  let meta: Metadata;
  let thumb: Buffer;
  try {
    meta = await sharp(original).metadata();
    thumb = await thumbnail(original);
  } catch (err) {
    throw appError(
      'unreadable_image',
      `The ${format.toUpperCase()} file is truncated or corrupt: ${(err as Error).message}`,
    );
  }
  const oriented = meta.autoOrient ?? { width: meta.width, height: meta.height };
  const exif = await readExif(upload, timeZone);
  return { original, mime: MIME[format], width: oriented.width, height: oriented.height, thumb, ...exif };
}

/** At most 480 px wide, upright, JPEG, with no metadata at all (sharp writes none unless asked). */
export function thumbnail(bytes: Buffer): Promise<Buffer> {
  return sharp(bytes, { failOn: 'truncated' })
    .rotate()
    .resize({ width: THUMB_WIDTH, withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 78, mozjpeg: false })
    .toBuffer();
}

/** The full image without EXIF, GPS or device tags, turned upright, in its own format. */
export function withoutMetadata(bytes: Buffer, mime: string): Promise<Buffer> {
  const img = sharp(bytes).rotate();
  if (mime === 'image/png') return img.png().toBuffer();
  if (mime === 'image/webp') return img.webp({ quality: 85 }).toBuffer();
  return img.jpeg({ quality: 88 }).toBuffer();
}
