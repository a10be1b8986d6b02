/**
 * The transactional outbox. appendEvent() runs inside the transaction of the change it
 * describes; the row's NOTIFY fires on commit. A transaction-scoped advisory lock makes events
 * commit in seq order, so a listener that has seen seq N has seen every committed seq below N.
 */
import type pg from 'pg';
import type { EventType, LiveEvent } from '../contract/events.ts';

export const OUTBOX_LOCK = 727_002;

export interface NewEvent {
  type: EventType;
  payload: Record<string, unknown>;
  districtId?: number | null;
  communityId?: number | null;
}

/**
 * Appends the event; call it as the last statement before COMMIT. The lock is taken in the
 * same statement as the insert, so it is held for one round trip plus the commit, not more.
 */
export async function appendEvent(client: pg.ClientBase, e: NewEvent): Promise<number> {
  const { rows } = await client.query<{ seq: number }>(
    `INSERT INTO events (type, payload, district_id, community_id)
     SELECT $1, $2, $3, $4 FROM (SELECT pg_advisory_xact_lock($5)) AS ordered
     RETURNING seq`,
    [e.type, e.payload, e.districtId ?? null, e.communityId ?? null, OUTBOX_LOCK],
  );
  return rows[0].seq;
}

export interface EventRow {
  seq: number;
  type: EventType;
  payload: Record<string, unknown>;
  district_id: number | null;
  community_id: number | null;
  created_at: Date;
}

export function toLiveEvent(r: EventRow): LiveEvent {
  return {
    ...r.payload,
    seq: r.seq,
    type: r.type,
    at: r.created_at.toISOString(),
    district_id: r.district_id,
    community_id: r.community_id,
  };
}

/** Events after `since`, in order, at most `limit` (optionally only one area's). */
export async function eventsSince(
  db: pg.Pool | pg.ClientBase,
  since: number,
  limit: number,
  area: { district?: number; community?: number } = {},
): Promise<LiveEvent[]> {
  const { rows } = await db.query<EventRow>(
    `SELECT seq, type, payload, district_id, community_id, created_at FROM events
     WHERE seq > $1 AND ($3::int IS NULL OR district_id = $3) AND ($4::int IS NULL OR community_id = $4)
     ORDER BY seq LIMIT $2`,
    [since, limit, area.district ?? null, area.community ?? null],
  );
  return rows.map(toLiveEvent);
}

/** How many events came after `since` (bounded by `cap`, to stay cheap). */
export async function countSince(db: pg.Pool, since: number, cap: number): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM (SELECT 1 FROM events WHERE seq > $1 LIMIT $2) x',
    [since, cap],
  );
  return rows[0].n;
}

export async function latestSeq(db: pg.Pool | pg.ClientBase): Promise<number> {
  const { rows } = await db.query<{ seq: number | null }>('SELECT max(seq) AS seq FROM events');
  return rows[0].seq ?? 0;
}
