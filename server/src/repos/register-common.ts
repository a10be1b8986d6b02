/**
 * What every register's repository shares: a page of a list with its total, locking one record
 * for a versioned change, and turning constraint violations into 409/400 instead of a 500.
 */
import type pg from 'pg';
import type { ListQueryT } from '../contract/registers.ts';
import { constraintProblem, searchPattern, staleVersion } from '../domain/registers.ts';
import { appError } from '../errors.ts';
import { inTransaction } from './transaction.ts';

export type Db = pg.Pool | pg.ClientBase;

/**
 * One page of a register. `select` and `count` take $1 = the ILIKE pattern or null, then the
 * caller's `extra` parameters; `select` takes limit and offset after those.
 */
export async function listPage<R, T>(
  db: Db,
  select: string,
  count: string,
  q: ListQueryT,
  toItem: (r: R) => T,
  extra: unknown[] = [],
): Promise<{ items: T[]; total: number }> {
  const pattern = searchPattern(q.q);
  const [{ rows }, { rows: n }] = await Promise.all([
    db.query(select, [pattern, ...extra, q.limit, q.offset]),
    db.query<{ n: number }>(count, [pattern, ...extra]),
  ]);
  return { items: rows.map((r) => toItem(r as R)), total: n[0].n };
}

/**
 * Locks the record (FOR UPDATE in `lockSql`, $1 = id) and checks the version the change was
 * based on: 404 when there is no such record, 409 (with the current version) when it moved on.
 */
export async function lockVersioned<R extends { version: number }>(
  client: pg.ClientBase,
  lockSql: string,
  params: [number, ...unknown[]],
  label: string,
  version: number,
): Promise<R> {
  const { rows } = await client.query<R>(lockSql, params);
  if (!rows.length) throw appError('not_found', `No ${label} with id ${params[0]}`);
  const stale = staleVersion(`${label[0].toUpperCase()}${label.slice(1)} ${params[0]}`, rows[0].version, version);
  if (stale) throw appError('conflict', stale, { version: rows[0].version });
  return rows[0];
}

/** Runs a register write in one transaction; a constraint it trips is the client's 409 or 400. */
export async function registerWrite<T>(db: pg.Pool, what: string, fn: (client: pg.PoolClient) => Promise<T>) {
  try {
    return await inTransaction(db, fn);
  } catch (err) {
    const p = constraintProblem(err, what);
    if (p) throw appError(p.code, p.message);
    throw err;
  }
}

export const iso = (d: Date | string): string => (d instanceof Date ? d.toISOString() : d);

/** A joined {id, code, name} or null when the join found nothing. */
export function ref(id: number | null, code: string | null, name: string | null) {
  return id === null || code === null ? null : { id, code, name: name ?? code };
}
