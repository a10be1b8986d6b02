/**
 * The audit trail in the database: rows are appended only through gb_audit_append() (which
 * chains them), searched newest first, verified with gb_audit_verify() and purged with
 * gb_audit_purge() (db/functions/gb_audit_*.sql).
 */
import type pg from 'pg';
import type { AuditAction } from '../domain/audit.ts';

export interface AuditEntry {
  actor_id?: number | null;
  actor?: string | null;
  role?: string | null;
  session_id?: string | null;
  ip?: string | null;
  user_agent?: string | null;
  action: AuditAction;
  method: string;
  route: string;
  target_kind?: string | null;
  target_ids?: (string | number)[];
  status: number;
  before?: unknown;
  after?: unknown;
  detail?: Record<string, unknown>;
}

export interface AuditRow {
  seq: number;
  at: string;
  actor_id: number | null;
  actor: string | null;
  role: string | null;
  session_id: string | null;
  ip: string | null;
  user_agent: string | null;
  action: string;
  method: string;
  route: string;
  target_kind: string | null;
  target_ids: (string | number)[];
  status: number;
  before: unknown;
  after: unknown;
  detail: Record<string, unknown>;
  hash: string;
}

export interface AuditQuery {
  from?: string;
  to?: string;
  user?: string;
  action?: string;
  q?: string;
  limit: number;
  before_seq?: number;
}

export async function appendAudit(db: pg.Pool | pg.ClientBase, entry: AuditEntry): Promise<number> {
  // jsonb cannot hold a NUL character, and a request that carried one must still be recorded: it
  // is written as U+FFFD, the replacement character.
  const text = JSON.stringify(entry, (_k, v: unknown) =>
    typeof v === 'string' ? v.replaceAll('\u0000', '\uFFFD') : v,
  );
  const { rows } = await db.query<{ seq: number }>('SELECT gb_audit_append($1::jsonb) AS seq', [text]);
  return rows[0].seq;
}

// $1 from, $2 to, $3 user (exact, case-insensitive), $4 action, $5 text anywhere in the row.
const WHERE = `($1::timestamptz IS NULL OR a.at >= $1) AND ($2::timestamptz IS NULL OR a.at < $2)
  AND ($3::text IS NULL OR lower(a.actor) = lower($3)) AND ($4::text IS NULL OR a.action = $4)
  AND ($5::text IS NULL OR concat_ws(' ', a.actor, a.role, a.ip, a.route, a.target_kind, a.target_ids::text,
       a.before::text, a.after::text, a.detail::text, a.user_agent) ILIKE '%' || $5 || '%')`;

const COLUMNS = `a.seq, iso_utc(a.at) AS at, a.actor_id, a.actor, a.role, a.session_id, a.ip, a.user_agent,
  a.action, a.method, a.route, a.target_kind, a.target_ids, a.status, a.before, a.after, a.detail, a.hash`;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function params(q: AuditQuery) {
  return [q.from ?? null, q.to ?? null, q.user ?? null, q.action ?? null, q.q ? escapeLike(q.q) : null];
}

/** One page, newest first, and how many rows match in all. */
export async function searchAudit(db: pg.Pool, q: AuditQuery): Promise<{ items: AuditRow[]; total: number }> {
  const p = params(q);
  const [page, count] = await Promise.all([
    db.query<AuditRow>(
      `SELECT ${COLUMNS} FROM audit_log a WHERE ${WHERE} AND ($6::bigint IS NULL OR a.seq < $6)
       ORDER BY a.seq DESC LIMIT $7`,
      [...p, q.before_seq ?? null, q.limit],
    ),
    db.query<{ n: number }>(`SELECT count(*) AS n FROM audit_log a WHERE ${WHERE}`, p),
  ]);
  return { items: page.rows, total: count.rows[0].n };
}

/** Every matching row, newest first, a page at a time (an export of six months must not sit in memory). */
export async function* auditPages(db: pg.Pool, q: Omit<AuditQuery, 'limit'>, batch = 2000): AsyncGenerator<AuditRow[]> {
  let before = q.before_seq ?? null;
  for (;;) {
    const { rows } = await db.query<AuditRow>(
      `SELECT ${COLUMNS} FROM audit_log a WHERE ${WHERE} AND ($6::bigint IS NULL OR a.seq < $6)
       ORDER BY a.seq DESC LIMIT $7`,
      [...params({ ...q, limit: batch }), before, batch],
    );
    if (rows.length) yield rows;
    if (rows.length < batch) return;
    before = rows[rows.length - 1].seq;
  }
}

export interface ChainStatus {
  ok: boolean;
  checked: number;
  first_broken_seq: number | null;
}

/** Walks the whole chain; `checked` counts the rows up to the break (or all of them). */
export async function verifyAudit(db: pg.Pool): Promise<ChainStatus> {
  const { rows } = await db.query<{ broken: number | null; checked: number }>(
    `WITH v AS (SELECT gb_audit_verify() AS broken)
     SELECT v.broken, (SELECT count(*) FROM audit_log WHERE v.broken IS NULL OR seq <= v.broken) AS checked FROM v`,
  );
  const { broken, checked } = rows[0];
  return { ok: broken === null, checked, first_broken_seq: broken };
}

/** Deletes rows older than `keepDays` (whole oldest prefix); returns how many. */
export async function purgeAudit(db: pg.Pool, keepDays: number, asOf?: Date): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT gb_audit_purge($1, coalesce($2::timestamptz, now())) AS n', [
    keepDays,
    asOf ?? null,
  ]);
  return rows[0].n;
}
