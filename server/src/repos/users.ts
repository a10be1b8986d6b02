/** Users and their password hashes. */
import type pg from 'pg';
import { hashPassword, randomPassword } from '../auth/password.ts';
import type { Role } from '../domain/roles.ts';

export interface UserRow {
  id: number;
  username: string;
  role: Role;
  password_hash: string;
  disabled: boolean;
  /** The patrol unit a `worker` account acts for; null for the other roles. */
  unit_id: number | null;
  /** Set for a password someone else chose: only a password change is allowed until then. */
  must_change_password: boolean;
}

export async function findUser(db: pg.Pool | pg.ClientBase, username: string): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(
    'SELECT id, username, role, password_hash, disabled, unit_id, must_change_password FROM users WHERE username = $1',
    [username],
  );
  return rows[0] ?? null;
}

export async function createUser(
  db: pg.Pool | pg.ClientBase,
  username: string,
  role: Role,
  password: string,
  unitId: number | null = null,
): Promise<number> {
  const hash = await hashPassword(password);
  const { rows } = await db.query<{ id: number }>(
    'INSERT INTO users (username, role, password_hash, unit_id) VALUES ($1, $2, $3, $4) RETURNING id',
    [username, role, hash, unitId],
  );
  return rows[0].id;
}

/**
 * Sets a password (the CLI's passwd, scripts) and ends the user's sessions in the same
 * transaction: whoever held the old password is signed out. `mustChange` makes the owner choose
 * their own at the next sign-in.
 */
export async function setPassword(
  db: pg.Pool | pg.ClientBase,
  username: string,
  password: string,
  opts: { mustChange?: boolean; by?: string } = {},
): Promise<boolean> {
  const hash = await hashPassword(password);
  const { rows } = await db.query<{ n: number }>(
    `WITH u AS (
       UPDATE users SET password_hash = $2, must_change_password = $3, version = version + 1, updated_at = now()
        WHERE username = $1 RETURNING id),
     ended AS (
       UPDATE sessions SET ended_at = now(), ended_by = $4, end_reason = 'password changed'
        WHERE user_id IN (SELECT id FROM u) AND ended_at IS NULL)
     SELECT count(*)::int AS n FROM u`,
    [username, hash, opts.mustChange ?? false, opts.by ?? 'command line'],
  );
  return rows[0].n > 0;
}

/** The owner's own change (POST /api/auth/password): clears must_change_password. */
export async function changeOwnPassword(db: pg.ClientBase, userId: number, password: string): Promise<void> {
  const hash = await hashPassword(password);
  await db.query(
    `UPDATE users SET password_hash = $2, must_change_password = false, version = version + 1, updated_at = now()
      WHERE id = $1`,
    [userId, hash],
  );
}

export async function listUsers(db: pg.Pool | pg.ClientBase) {
  const { rows } = await db.query<{ username: string; role: Role; disabled: boolean; created_at: Date }>(
    'SELECT username, role, disabled, created_at FROM users ORDER BY username',
  );
  return rows;
}

/**
 * On first start there is no user: create `admin` with a random password and return it so
 * the caller can print it once. The password is printed in a terminal (and may sit in its
 * scrollback or a log): the admin must replace it at the first sign-in. Returns null when any user already exists.
 */
export async function ensureFirstAdmin(
  db: pg.Pool | pg.ClientBase,
): Promise<{ username: string; password: string } | null> {
  const { rows } = await db.query('SELECT 1 FROM users LIMIT 1');
  if (rows.length) return null;
  const password = randomPassword();
  // ON CONFLICT: two processes starting together must not both create (and print) an admin.
  const hash = await hashPassword(password);
  const res = await db.query(
    `INSERT INTO users (username, role, password_hash, must_change_password) VALUES ('admin', 'admin', $1, true)
     ON CONFLICT (username) DO NOTHING`,
    [hash],
  );
  return res.rowCount ? { username: 'admin', password } : null;
}
