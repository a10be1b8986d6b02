/**
 * Users as a register (admins only). The password hash never leaves this file. Every change of
 * a role, of `disabled` or a deletion first locks the enabled admins, so two admins demoting
 * each other at once cannot leave the city with none.
 */
import type pg from 'pg';
import { hashPassword } from '../auth/password.ts';
import type { ListQueryT, User, UserInput } from '../contract/registers.ts';
import type { Role } from '../contract/vocabulary.ts';
import { lastAdminProblem } from '../domain/registers.ts';
import { appError } from '../errors.ts';
import { iso, listPage, lockVersioned, registerWrite, type Db } from './register-common.ts';

const SELECT = `SELECT u.id, u.username, u.role, u.disabled, u.created_at, u.version, u.updated_at FROM users u`;
const SEARCH = `($1::text IS NULL OR u.username ILIKE $1 OR u.role ILIKE $1)`;
const LOCK = `SELECT id, username, role, disabled, version FROM users WHERE id = $1 FOR UPDATE`;
const ADMINS = `SELECT id FROM users WHERE role = 'admin' AND NOT disabled ORDER BY id FOR UPDATE`;

interface Row {
  id: number;
  username: string;
  role: Role;
  disabled: boolean;
  created_at: Date;
  version: number;
  updated_at: Date;
}
interface Locked {
  id: number;
  username: string;
  role: Role;
  disabled: boolean;
  version: number;
}

const toUser = (r: Row): User => ({ ...r, created_at: iso(r.created_at), updated_at: iso(r.updated_at) });

async function get(db: Db, id: number): Promise<User | null> {
  const { rows } = await db.query<Row>(`${SELECT} WHERE u.id = $1`, [id]);
  return rows[0] ? toUser(rows[0]) : null;
}

/** Refuses a change that would leave no enabled admin (the admins are locked until commit). */
async function guardLastAdmin(client: pg.ClientBase, before: Locked, after: Locked | null) {
  const { rows } = await client.query<{ id: number }>(ADMINS);
  const problem = lastAdminProblem(before, after, rows.length);
  if (problem) throw appError('conflict', problem);
}

/** Lock order: the admins first, then the user — the same order for every writer, so no deadlock. */
async function lockUser(client: pg.ClientBase, id: number, version: number): Promise<Locked> {
  await client.query(ADMINS);
  return lockVersioned<Locked>(client, LOCK, [id], 'user', version);
}

export const users = {
  list: (db: Db, q: ListQueryT) =>
    listPage(
      db,
      `${SELECT} WHERE ${SEARCH} ORDER BY u.username LIMIT $2 OFFSET $3`,
      `SELECT count(*)::int AS n FROM users u WHERE ${SEARCH}`,
      q,
      toUser,
    ),
  get,

  async create(db: pg.Pool, b: UserInput): Promise<User> {
    const hash = await hashPassword(b.password);
    return registerWrite(db, 'The user', async (client) => {
      const { rows: taken } = await client.query('SELECT 1 FROM users WHERE username = $1', [b.username]);
      if (taken.length) throw appError('conflict', `User ${b.username} already exists`);
      const { rows } = await client.query<{ id: number }>(
        'INSERT INTO users (username, role, password_hash, disabled) VALUES ($1, $2, $3, $4) RETURNING id',
        [b.username, b.role, hash, b.disabled ?? false],
      );
      return (await get(client, rows[0].id))!;
    });
  },

  async update(db: pg.Pool, id: number, b: { version: number; role?: Role; disabled?: boolean }): Promise<User> {
    return registerWrite(db, 'The user', async (client) => {
      const cur = await lockUser(client, id, b.version);
      const next = { ...cur, role: b.role ?? cur.role, disabled: b.disabled ?? cur.disabled };
      await guardLastAdmin(client, cur, next);
      await client.query(
        'UPDATE users SET role = $2, disabled = $3, version = version + 1, updated_at = now() WHERE id = $1',
        [id, next.role, next.disabled],
      );
      return (await get(client, id))!;
    });
  },

  async setPassword(db: pg.Pool, id: number, password: string, version: number): Promise<User> {
    const hash = await hashPassword(password);
    return registerWrite(db, 'The user', async (client) => {
      await lockVersioned<Locked>(client, LOCK, [id], 'user', version);
      await client.query(
        'UPDATE users SET password_hash = $2, version = version + 1, updated_at = now() WHERE id = $1',
        [id, hash],
      );
      return (await get(client, id))!;
    });
  },

  async remove(db: pg.Pool, id: number, version: number): Promise<void> {
    await registerWrite(db, 'The user', async (client) => {
      const cur = await lockUser(client, id, version);
      await guardLastAdmin(client, cur, null);
      await client.query('DELETE FROM users WHERE id = $1', [id]);
    });
  },
};
