/**
 * Sign-in failures and lockouts (db/migrations/026_login_throttle.sql); the rules that turn the
 * counts into waits are in domain/login-throttle.ts.
 */
import type pg from 'pg';
import { LOCK_S, LOCK_WINDOW_S, locksPair, retryAfterSeconds, WINDOW_S } from '../domain/login-throttle.ts';

type Db = pg.Pool | pg.ClientBase;

export interface Lockout {
  id: number;
  username: string;
  address: string;
  failures: number;
  locked_at: string;
  until: string;
}

/** What stops a sign-in before the password is even checked, or null when it may go ahead. */
export type LoginBlock = { kind: 'locked'; retryAfterS: number } | { kind: 'backoff'; retryAfterS: number };

export async function loginBlock(
  db: Db,
  username: string,
  address: string,
  now = new Date(),
): Promise<LoginBlock | null> {
  const { rows: locked } = await db.query<{ until: Date }>(
    'SELECT until FROM login_lockouts WHERE username = $1 AND address = $2 AND until > $3',
    [username, address, now],
  );
  if (locked[0]) {
    return { kind: 'locked', retryAfterS: Math.ceil((locked[0].until.getTime() - now.getTime()) / 1000) };
  }
  const { rows } = await db.query<{ n: number; last: Date | null }>(
    `SELECT count(*)::int AS n, max(at) AS last FROM login_failures
      WHERE username = $1 AND at > $2::timestamptz - make_interval(secs => $3)`,
    [username, now, WINDOW_S],
  );
  const wait = retryAfterSeconds(rows[0].n, rows[0].last, now);
  return wait > 0 ? { kind: 'backoff', retryAfterS: wait } : null;
}

/** Records a failed sign-in; locks the (account, address) pair when it has failed too often. */
export async function recordFailure(db: pg.Pool, username: string, address: string): Promise<void> {
  // Old rows go first, for this name only: cheap (the index) and keeps the table a day long.
  await db.query(`DELETE FROM login_failures WHERE username = $1 AND at < now() - make_interval(secs => $2)`, [
    username,
    Math.max(LOCK_WINDOW_S, WINDOW_S),
  ]);
  await db.query('INSERT INTO login_failures (username, address) VALUES ($1, $2)', [username, address]);
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM login_failures
      WHERE username = $1 AND address = $2 AND at > now() - make_interval(secs => $3)`,
    [username, address, LOCK_WINDOW_S],
  );
  if (locksPair(rows[0].n)) {
    await db.query(
      `INSERT INTO login_lockouts (username, address, failures, until)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4))
       ON CONFLICT (username, address) DO UPDATE
         SET failures = EXCLUDED.failures, locked_at = now(), until = EXCLUDED.until`,
      [username, address, rows[0].n, LOCK_S],
    );
  }
}

/** A successful sign-in clears the account's failures (lockouts of other addresses stay). */
export async function clearFailures(db: Db, username: string): Promise<void> {
  await db.query('DELETE FROM login_failures WHERE username = $1', [username]);
}

const toLockout = (r: Omit<Lockout, 'locked_at' | 'until'> & { locked_at: Date; until: Date }): Lockout => ({
  ...r,
  locked_at: r.locked_at.toISOString(),
  until: r.until.toISOString(),
});

/** Lockouts still in force, newest first. */
export async function listLockouts(db: Db): Promise<Lockout[]> {
  const { rows } = await db.query(
    `SELECT id, username, address, failures, locked_at, until FROM login_lockouts
      WHERE until > now() ORDER BY locked_at DESC, id DESC`,
  );
  return rows.map(toLockout);
}

/**
 * Lifts lockouts (one by id, or every one of a user name) and forgets the failures behind them,
 * so that the next mistake does not lock the pair again at once. Returns the lifted lockouts.
 */
export async function liftLockouts(db: pg.Pool, by: { id: number } | { username: string }): Promise<Lockout[]> {
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query(
      `DELETE FROM login_lockouts WHERE ${'id' in by ? 'id = $1' : 'username = $1'}
       RETURNING id, username, address, failures, locked_at, until`,
      ['id' in by ? by.id : by.username],
    );
    for (const r of rows) {
      await client.query('DELETE FROM login_failures WHERE username = $1 AND address = $2', [r.username, r.address]);
    }
    await client.query('COMMIT');
    return rows.map(toLockout);
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}
