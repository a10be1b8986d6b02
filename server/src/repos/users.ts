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
}

export async function findUser(db: pg.Pool | pg.ClientBase, username: string): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(
    'SELECT id, username, role, password_hash, disabled, unit_id FROM users WHERE username = $1',
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

export async function setPassword(db: pg.Pool | pg.ClientBase, username: string, password: string): Promise<boolean> {
  const hash = await hashPassword(password);
  const { rowCount } = await db.query('UPDATE users SET password_hash = $2 WHERE username = $1', [username, hash]);
  return (rowCount ?? 0) > 0;
}

export async function listUsers(db: pg.Pool | pg.ClientBase) {
  const { rows } = await db.query<{ username: string; role: Role; disabled: boolean; created_at: Date }>(
    'SELECT username, role, disabled, created_at FROM users ORDER BY username',
  );
  return rows;
}

/**
 * On first start there is no user: create `admin` with a random password and return it so
 * the caller can print it once. Returns null when any user already exists.
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
    `INSERT INTO users (username, role, password_hash) VALUES ('admin', 'admin', $1) ON CONFLICT (username) DO NOTHING`,
    [hash],
  );
  return res.rowCount ? { username: 'admin', password } : null;
}
