/**
 * Pure rules of the registers: the text search pattern, the optimistic-version check, the
 * last-admin rule, and what a database constraint error means to the client. No I/O.
 */
import type { Role } from '../contract/vocabulary.ts';

/** An ILIKE pattern matching `q` anywhere (its % _ \ taken literally), or null for no filter. */
export function searchPattern(q: string | undefined): string | null {
  const t = q?.trim();
  if (!t) return null;
  return `%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The reason a change based on `given` may not apply to a record now at `current`, or null. */
export function staleVersion(what: string, current: number, given: number): string | null {
  return current === given ? null : `${what} is at version ${current}, not ${given}; reload it and try again`;
}

export interface AdminState {
  role: Role;
  disabled: boolean;
}

/**
 * Why this change would leave the city without an enabled admin (nobody could then manage users
 * or undo the mistake), or null. `enabledAdmins` counts the enabled admins now, the target included.
 */
export function lastAdminProblem(before: AdminState, after: AdminState | null, enabledAdmins: number): string | null {
  const wasAdmin = before.role === 'admin' && !before.disabled;
  const staysAdmin = after !== null && after.role === 'admin' && !after.disabled;
  if (!wasAdmin || staysAdmin || enabledAdmins > 1) return null;
  const change = after === null ? 'deleted' : after.disabled ? 'disabled' : 'given another role';
  return `This is the last enabled admin; it cannot be ${change}. Make another user admin first`;
}

export interface PgErrorLike {
  code?: string;
  constraint?: string;
  detail?: string;
}

/**
 * What a constraint violation a client caused means: a duplicate (23505) or a row still in use
 * (23503 on delete) is a conflict, a reference to nothing (23503 on write) or a value the table
 * refuses (23514, 22001) is bad input. Null for anything else, which stays a server error.
 */
export function constraintProblem(
  err: unknown,
  what: string,
): { code: 'conflict' | 'bad_request'; message: string } | null {
  if (!err || typeof err !== 'object') return null;
  const e = err as PgErrorLike;
  const detail = e.detail ? ` (${e.detail})` : '';
  switch (e.code) {
    case '23505':
      if (e.constraint === 'grids_worker_once')
        return { code: 'conflict', message: `The worker already serves another grid; a worker serves one grid` };
      return { code: 'conflict', message: `${what}: that value is already used${detail}` };
    case '23503':
      return /is still referenced/.test(e.detail ?? '')
        ? { code: 'conflict', message: `${what} is still in use${detail}` }
        : { code: 'bad_request', message: `${what} refers to a record that does not exist${detail}` };
    case '23514':
    case '23502':
    case '22001':
    case '22P02':
      return { code: 'bad_request', message: `${what}: a value is not allowed${detail}` };
    default:
      return null;
  }
}
