/**
 * Sessions: the rows every token points at (its `sid`). Ending one (logout, an admin, a password
 * or role change) is an UPDATE; the check that refuses tokens of ended sessions is in
 * auth/session-check.ts.
 */
import type pg from 'pg';
import type { Role } from '../domain/roles.ts';

type Db = pg.Pool | pg.ClientBase;

export type SessionKind = 'login' | 'wall';

export interface NewSession {
  userId: number;
  kind: SessionKind;
  screen?: string | null;
  expiresAt: Date;
  ip?: string | null;
  userAgent?: string | null;
}

export async function createSession(db: Db, s: NewSession): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO sessions (user_id, kind, screen, expires_at, ip, user_agent)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [s.userId, s.kind, s.screen ?? null, s.expiresAt, s.ip ?? null, s.userAgent?.slice(0, 512) ?? null],
  );
  return rows[0].id;
}

/** What the check needs: whether the session is live, and whether its user must change the password. */
export interface SessionState {
  live: boolean;
  mustChangePassword: boolean;
}

/** The state of each of `ids` (a missing row, e.g. of a deleted user, counts as ended). */
export async function sessionStates(db: Db, ids: string[]): Promise<Map<string, SessionState>> {
  const { rows } = await db.query<{ id: string; live: boolean; must_change_password: boolean }>(
    `SELECT s.id, (s.ended_at IS NULL AND s.expires_at > now() AND NOT u.disabled) AS live, u.must_change_password
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id = ANY($1::uuid[])`,
    [ids],
  );
  const out = new Map<string, SessionState>();
  for (const id of ids) out.set(id, { live: false, mustChangePassword: false });
  for (const r of rows) out.set(r.id, { live: r.live, mustChangePassword: r.must_change_password });
  return out;
}

export async function touchSessions(db: Db, ids: string[]): Promise<void> {
  if (ids.length) await db.query('UPDATE sessions SET last_seen_at = now() WHERE id = ANY($1::uuid[])', [ids]);
}

/** Ends one session; false when it was not live (already ended, or no such session). */
export async function endSession(db: Db, id: string, by: string, reason: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE sessions SET ended_at = now(), ended_by = $2, end_reason = $3 WHERE id = $1 AND ended_at IS NULL`,
    [id, by, reason],
  );
  return (rowCount ?? 0) > 0;
}

/**
 * Ends every live session of a user (but `except`, the caller's own, when given). Call it in the
 * transaction that changes the user, so the change and the end commit together.
 */
export async function endUserSessions(
  db: Db,
  userId: number,
  by: string,
  reason: string,
  except: string | null = null,
): Promise<number> {
  const { rowCount } = await db.query(
    `UPDATE sessions SET ended_at = now(), ended_by = $2, end_reason = $3
      WHERE user_id = $1 AND ended_at IS NULL AND id IS DISTINCT FROM $4::uuid`,
    [userId, by, reason, except],
  );
  return rowCount ?? 0;
}

export interface SessionRow {
  id: string;
  user_id: number;
  username: string;
  role: Role;
  kind: SessionKind;
  screen: string | null;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

const LIVE = `SELECT s.id, s.user_id, u.username, u.role, s.kind, s.screen, s.created_at, s.last_seen_at,
                     s.expires_at, s.ip, s.user_agent
                FROM sessions s JOIN users u ON u.id = s.user_id
               WHERE s.ended_at IS NULL AND s.expires_at > now()`;

const toIso = (r: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v])) as never;

/** Every live session, the most recently seen first (kind narrows it to login or wall sessions). */
export async function liveSessions(db: Db, kind?: SessionKind): Promise<SessionRow[]> {
  const { rows } = await db.query(
    `${LIVE} AND ($1::text IS NULL OR s.kind = $1) ORDER BY s.last_seen_at DESC, s.created_at DESC LIMIT 5000`,
    [kind ?? null],
  );
  return rows.map(toIso);
}

export async function liveSession(db: Db, id: string): Promise<SessionRow | null> {
  const { rows } = await db.query(`${LIVE} AND s.id = $1`, [id]);
  return rows[0] ? toIso(rows[0]) : null;
}

/**
 * Deletes sessions that ended or expired more than `keepDays` ago (kept that long to answer
 * "who was signed in, from where, and who ended it"). Returns how many went.
 */
export async function purgeOldSessions(db: Db, keepDays: number): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM sessions
      -- least() skips a NULL: a session that never ended counts from its expiry
      WHERE least(ended_at, expires_at) < now() - make_interval(days => $1)`,
    [keepDays],
  );
  return rowCount ?? 0;
}
