/**
 * Users as a register (admins only). The password hash never leaves this file. Every change of
 * a role, of `disabled` or a deletion first locks the enabled admins, so two admins demoting
 * each other at once cannot leave the city with none. A role change, disabling, a password reset
 * and a deletion end the user's sessions in the same transaction: the old tokens stop working
 * the moment the change commits.
 */
import type pg from 'pg';
import { hashPassword } from '../auth/password.ts';
import { checkNewPassword } from '../auth/password-policy.ts';
import type { ListQueryT, User, UserInput } from '../contract/registers.ts';
import type { Role } from '../contract/vocabulary.ts';
import { lastAdminProblem } from '../domain/registers.ts';
import { appError } from '../errors.ts';
import { endUserSessions } from './sessions.ts';
import { iso, listPage, lockVersioned, registerWrite, type Db } from './register-common.ts';

const SELECT = `SELECT u.id, u.username, u.role, u.unit_id, u.disabled, u.created_at, u.version, u.updated_at FROM users u`;
const SEARCH = `($1::text IS NULL OR u.username ILIKE $1 OR u.role ILIKE $1)`;
const LOCK = `SELECT id, username, role, unit_id, disabled, version FROM users WHERE id = $1 FOR UPDATE`;
const ADMINS = `SELECT id FROM users WHERE role = 'admin' AND NOT disabled ORDER BY id FOR UPDATE`;

interface Row {
  id: number;
  username: string;
  role: Role;
  unit_id: number | null;
  disabled: boolean;
  created_at: Date;
  version: number;
  updated_at: Date;
}
interface Locked {
  id: number;
  username: string;
  role: Role;
  unit_id: number | null;
  disabled: boolean;
  version: number;
}

/** A password the policy refuses is a 400 with the policy's reason. */
function refuseWeakPassword(password: string, username: string): void {
  const reason = checkNewPassword(password, username);
  if (reason) throw appError('bad_request', reason);
}

const toUser = (r: Row): User => ({ ...r, created_at: iso(r.created_at), updated_at: iso(r.updated_at) });

async function get(db: Db, id: number): Promise<User | null> {
  const { rows } = await db.query<Row>(`${SELECT} WHERE u.id = $1`, [id]);
  return rows[0] ? toUser(rows[0]) : null;
}

/**
 * The unit a user with this role is linked to: a worker needs one that exists and has no other
 * account (one phone per unit); the other roles have none.
 */
async function unitFor(client: pg.ClientBase, role: Role, unitId: number | null, userId: number | null) {
  if (role !== 'worker') {
    if (unitId !== null) throw appError('bad_request', `unit_id is for worker accounts, not for a ${role}`);
    return null;
  }
  if (unitId === null) throw appError('bad_request', 'A worker account needs unit_id: the patrol unit it acts for');
  const { rows: unit } = await client.query('SELECT 1 FROM patrol_units WHERE id = $1', [unitId]);
  if (!unit.length) throw appError('bad_request', `unit ${unitId} does not exist`);
  const { rows: taken } = await client.query<{ username: string }>(
    'SELECT username FROM users WHERE unit_id = $1 AND id IS DISTINCT FROM $2',
    [unitId, userId],
  );
  if (taken.length) throw appError('conflict', `Unit ${unitId} already has an account (${taken[0].username})`);
  return unitId;
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
    refuseWeakPassword(b.password, b.username);
    const hash = await hashPassword(b.password);
    return registerWrite(db, 'The user', async (client) => {
      const { rows: taken } = await client.query('SELECT 1 FROM users WHERE username = $1', [b.username]);
      if (taken.length) throw appError('conflict', `User ${b.username} already exists`);
      const unit = await unitFor(client, b.role as Role, b.unit_id ?? null, null);
      const { rows } = await client.query<{ id: number }>(
        'INSERT INTO users (username, role, password_hash, disabled, unit_id) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [b.username, b.role, hash, b.disabled ?? false, unit],
      );
      return (await get(client, rows[0].id))!;
    });
  },

  async update(
    db: pg.Pool,
    id: number,
    b: { version: number; role?: Role; disabled?: boolean; unit_id?: number | null },
    by = 'admin',
  ): Promise<User> {
    return registerWrite(db, 'The user', async (client) => {
      const cur = await lockUser(client, id, b.version);
      const role = b.role ?? cur.role;
      // A role changed away from worker drops the unit unless the request names one.
      const wanted = b.unit_id !== undefined ? b.unit_id : role === 'worker' ? cur.unit_id : null;
      const next = {
        ...cur,
        role,
        disabled: b.disabled ?? cur.disabled,
        unit_id: await unitFor(client, role, wanted, id),
      };
      await guardLastAdmin(client, cur, next);
      await client.query(
        'UPDATE users SET role = $2, disabled = $3, unit_id = $4, version = version + 1, updated_at = now() WHERE id = $1',
        [id, next.role, next.disabled, next.unit_id],
      );
      // Tokens carry the role and unit: a token issued before the change must not outlive it.
      if (next.disabled && !cur.disabled) await endUserSessions(client, id, by, 'account disabled');
      else if (next.role !== cur.role || next.unit_id !== cur.unit_id)
        await endUserSessions(client, id, by, 'role changed');
      return (await get(client, id))!;
    });
  },

  /** An admin's reset: the owner must choose their own password at the next sign-in. */
  async setPassword(db: pg.Pool, id: number, password: string, version: number, by = 'admin'): Promise<User> {
    // User names never change, so the name read before the lock is the one the password is checked against.
    const current = await get(db, id);
    if (!current) throw appError('not_found', `No user with id ${id}`);
    refuseWeakPassword(password, current.username);
    const hash = await hashPassword(password);
    return registerWrite(db, 'The user', async (client) => {
      await lockVersioned<Locked>(client, LOCK, [id], 'user', version);
      await client.query(
        `UPDATE users SET password_hash = $2, must_change_password = true, version = version + 1, updated_at = now()
          WHERE id = $1`,
        [id, hash],
      );
      await endUserSessions(client, id, by, 'password reset');
      return (await get(client, id))!;
    });
  },

  async remove(db: pg.Pool, id: number, version: number, by = 'admin'): Promise<void> {
    await registerWrite(db, 'The user', async (client) => {
      const cur = await lockUser(client, id, version);
      await guardLastAdmin(client, cur, null);
      // The rows go with the user (ON DELETE CASCADE); ending them first keeps the order plain.
      await endUserSessions(client, id, by, 'account deleted');
      await client.query('DELETE FROM users WHERE id = $1', [id]);
    });
  },
};
