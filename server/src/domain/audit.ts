/**
 * Pure rules of the audit trail: which requests are recorded, under which action, and how a
 * route's pattern and a row's cells are written. The plugin (plugins/audit.ts) applies them.
 */

import { AUDIT_ACTIONS, type AuditAction } from '../contract/audit.ts';

export { AUDIT_ACTIONS, type AuditAction };

/**
 * What a route's `config.audit` says: an action its requests are recorded under (GET routes are
 * recorded only with one), or `false` for telemetry whose successful posts are not worth a row
 * each (GPS fixes: 10,000 units every 10 s, kept in their own table with unit and time).
 */
export type AuditMark = 'export' | 'login' | 'logout' | 'import' | 'wall_token' | false;

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Routes whose action is known by their pattern (defined elsewhere, without a mark of their own). */
const ROUTE_ACTIONS: Record<string, AuditAction> = { 'POST /api/auth/logout': 'logout' };

/** The action a request is recorded under, or null when it is not recorded. */
export function auditActionFor(
  method: string,
  mark: AuditMark | undefined,
  status: number,
  route = '',
): AuditAction | null {
  if (mark === false) return status >= 400 && WRITE_METHODS.has(method) ? 'write' : null;
  if (mark === 'login') return status === 200 ? 'login' : 'login_failed';
  if (mark) return mark;
  const known = ROUTE_ACTIONS[`${method} ${route}`];
  if (known) return known;
  return WRITE_METHODS.has(method) ? 'write' : null;
}

/** `/api/grids/:id/split` → `/api/grids/{id}/split` (the OpenAPI spelling reviewers read). */
export function routePattern(url: string): string {
  return url.replace(/:(\w+)/g, '{$1}');
}

/** The kind of thing a route acts on: the path segment after /api (`grids`, `users`, `wall`). */
export function targetKindOf(route: string): string | null {
  const m = /^\/(?:api|open311\/v2)\/([\w-]+)/.exec(route);
  return m ? m[1] : null;
}

/** Detail keys never stored, whatever a route passes: secrets do not belong in the trail. */
const SECRET_KEYS = /pass(word)?|token|secret|authorization|cookie|key$/i;

/** A copy of `detail` without secret-looking keys (at any depth), short enough for one row. */
export function scrubDetail(detail: Record<string, unknown>): Record<string, unknown> {
  const scrub = (v: unknown, depth: number): unknown => {
    if (Array.isArray(v)) return v.slice(0, 200).map((x) => scrub(x, depth + 1));
    if (v && typeof v === 'object' && depth < 4) {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>)
          .filter(([k]) => !SECRET_KEYS.test(k))
          .map(([k, x]) => [k, scrub(x, depth + 1)]),
      );
    }
    if (typeof v === 'string' && v.length > 500) return `${v.slice(0, 500)}…`;
    return v;
  };
  return scrub(detail, 0) as Record<string, unknown>;
}

/**
 * One CSV cell (RFC 4180 quoting). A cell that a spreadsheet would run as a formula (= + - @,
 * tab, CR) gets a leading apostrophe: the trail holds text users typed.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
