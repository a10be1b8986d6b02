/**
 * Photos: their rows (what was read from the bytes, who sent them) and the items that reports,
 * steps and visits store for them, with the flags an operator should see.
 */
import type pg from 'pg';
import type { Media, StoredPhoto } from '../contract/media.ts';
import type { Role } from '../domain/roles.ts';
import { photoFlags } from '../domain/photo-flags.ts';
import { appError } from '../errors.ts';
import { sql } from '../sql/index.ts';

type Db = pg.Pool | pg.ClientBase;

export interface MediaRow {
  id: string;
  sha256: string;
  mime: string;
  bytes: number;
  width: number;
  height: number;
  taken_at: Date | null;
  lon: number | null;
  lat: number | null;
  device: string | null;
  uploaded_by: number | null;
  created_at: Date;
}

export type NewMedia = Omit<MediaRow, 'id' | 'created_at'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID.test(s);

/** The API's view of a row (fields the photo does not have are left out). */
export function toMedia(r: MediaRow): Media {
  return {
    id: r.id,
    sha256: r.sha256,
    mime: r.mime,
    bytes: r.bytes,
    width: r.width,
    height: r.height,
    ...(r.taken_at ? { taken_at: r.taken_at.toISOString() } : {}),
    ...(r.lon !== null && r.lat !== null ? { lon: r.lon, lat: r.lat } : {}),
  };
}

export async function mediaByUploader(db: Db, userId: number, sha256: string): Promise<MediaRow | null> {
  const { rows } = await db.query<MediaRow>(sql('media/by-uploader'), [userId, sha256]);
  return rows[0] ?? null;
}

/** Records a photo once per uploader: `created` is false when they had already sent these bytes. */
export async function insertMedia(db: Db, m: NewMedia): Promise<{ row: MediaRow; created: boolean }> {
  const { rows } = await db.query<MediaRow>(sql('media/insert'), [
    m.sha256,
    m.mime,
    m.bytes,
    m.width,
    m.height,
    m.taken_at,
    m.lon,
    m.lat,
    m.device,
    m.uploaded_by,
  ]);
  if (rows.length) return { row: rows[0], created: true };
  const row = await mediaByUploader(db, m.uploaded_by!, m.sha256);
  if (!row) throw new Error(`media ${m.sha256} of user ${m.uploaded_by} neither inserted nor found`);
  return { row, created: false };
}

export async function mediaById(db: Db, id: string): Promise<MediaRow | null> {
  const { rows } = await db.query<MediaRow>(sql('media/by-ids'), [[id]]);
  return rows[0] ?? null;
}

export interface ResolveContext {
  /** The user attaching the photos (`request.user.sub`). */
  userId: number;
  role: Role;
  /** Where and when the report (or step, or visit) says it happened: the flags compare with these. */
  lon: number;
  lat: number;
  at: Date;
  /** 'before' for a report's photos (default), 'after' for a later step's. */
  stage?: 'before' | 'after';
}

/**
 * The items to store for `ids` (in the order given, each once), with their flags. An id that is
 * not a photo of this server is a 400 naming it; a worker may attach only photos they uploaded
 * (403), while operators and admins may attach anyone's (e.g. a photo a worker sent them).
 */
export async function resolvePhotos(db: Db, ids: readonly string[], ctx: ResolveContext): Promise<StoredPhoto[]> {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return [];
  const bad = wanted.find((id) => !isUuid(id));
  if (bad !== undefined) throw appError('bad_request', `photo id ${JSON.stringify(bad)} is not a UUID`);
  const { rows } = await db.query<MediaRow>(sql('media/by-ids'), [wanted]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const unknown = wanted.filter((id) => !byId.has(id.toLowerCase()));
  if (unknown.length)
    throw appError('bad_request', `unknown photo ${unknown.join(', ')}: upload it with POST /api/media first`);
  return wanted.map((id) => {
    const r = byId.get(id.toLowerCase())!;
    if (ctx.role === 'worker' && r.uploaded_by !== ctx.userId)
      throw appError('forbidden', `photo ${id} was uploaded by someone else; a worker attaches only their own photos`);
    return {
      id: r.id,
      sha256: r.sha256,
      mime: r.mime,
      width: r.width,
      height: r.height,
      taken_at: r.taken_at ? r.taken_at.toISOString() : null,
      lon: r.lon,
      lat: r.lat,
      stage: ctx.stage ?? 'before',
      flags: photoFlags({ takenAt: r.taken_at, lon: r.lon, lat: r.lat }, ctx),
    };
  });
}

/**
 * A report's `photos` as sent: `{id}` items are resolved (see resolvePhotos), legacy metadata-only
 * items (`{name, …}`, from the simulator and older phones) are kept as they came.
 */
export async function reportPhotos(db: Db, sent: readonly object[], ctx: ResolveContext): Promise<object[]> {
  const ids = sent.filter((p): p is { id: string } => 'id' in p).map((p) => p.id);
  const resolved = new Map((await resolvePhotos(db, ids, ctx)).map((p) => [p.id, p]));
  const out: object[] = [];
  for (const p of sent) {
    if (!('id' in p)) out.push(p);
    else {
      const item = resolved.get((p as { id: string }).id.toLowerCase());
      if (item && !out.includes(item)) out.push(item);
    }
  }
  return out;
}
