/** Household and building visits (走访) logged from the phone, stored once by their phone-chosen id. */
import type pg from 'pg';
import type { Visit } from '../contract/field.ts';
import type { Role } from '../domain/roles.ts';
import { appError } from '../errors.ts';
import { sql } from '../sql/index.ts';
import { resolvePhotos } from './media.ts';

export interface NewVisit {
  id: string;
  unitId: number;
  userId: number | null;
  who: string;
  found: string;
  household?: string;
  buildingId?: number;
  photos: { id: string }[];
  role: Role;
  lon: number;
  lat: number;
  visitedAt: Date;
}

type VisitRow = Omit<Visit, 'visited_at' | 'received_at'> & { visited_at: Date; received_at: Date; total: number };

const toVisit = ({ total: _total, ...r }: VisitRow): Visit => ({
  ...r,
  photos: Array.isArray(r.photos) ? r.photos : [],
  visited_at: r.visited_at.toISOString(),
  received_at: r.received_at.toISOString(),
});

/** Stores a visit; a resend of the same id returns the stored one with `already_stored`. */
export async function createVisit(db: pg.Pool, v: NewVisit): Promise<{ visit: Visit; already_stored: boolean }> {
  if (v.buildingId !== undefined) {
    const { rowCount } = await db.query('SELECT 1 FROM buildings WHERE id = $1', [v.buildingId]);
    if (!rowCount) throw appError('bad_request', `building_id ${v.buildingId} is not a known building`);
  }
  const existing = await getVisit(db, v.id);
  if (existing) return sameVisit(existing, v);
  // Each photo must be an upload of this server (a worker's own): stored with its flags.
  const photos = await resolvePhotos(
    db,
    v.photos.map((p) => p.id),
    { userId: v.userId ?? 0, role: v.role, lon: v.lon, lat: v.lat, at: v.visitedAt, stage: 'before' },
  );
  const { rows } = await db.query(sql('field/visit-insert'), [
    v.id,
    v.unitId,
    v.userId,
    v.buildingId ?? null,
    v.household ?? null,
    v.who,
    v.found,
    JSON.stringify(photos),
    v.visitedAt,
    v.lon,
    v.lat,
  ]);
  const stored = (await getVisit(db, v.id))!;
  return rows.length ? { visit: stored, already_stored: false } : sameVisit(stored, v);
}

/** A resend must be the same visit; another unit's visit under this id is a conflict. */
function sameVisit(existing: Visit, v: NewVisit): { visit: Visit; already_stored: boolean } {
  if (existing.unit_id !== v.unitId || existing.who !== v.who || existing.found !== v.found)
    throw appError('conflict', `Visit id ${v.id} is already used by another visit`);
  return { visit: existing, already_stored: true };
}

export async function getVisit(db: pg.Pool, id: string): Promise<Visit | null> {
  const { rows } = await db.query<VisitRow>(sql('field/visits'), [null, 'UTC', null, null, 1, id]);
  return rows[0] ? toVisit(rows[0]) : null;
}

export interface VisitFilter {
  day: string | null;
  timeZone: string;
  unit: number | null;
  grid: number | null;
  limit: number;
}

export async function listVisits(db: pg.Pool, f: VisitFilter): Promise<{ visits: Visit[]; total: number }> {
  const { rows } = await db.query<VisitRow>(sql('field/visits'), [f.day, f.timeZone, f.unit, f.grid, f.limit, null]);
  return { visits: rows.map(toVisit), total: rows[0]?.total ?? 0 };
}
