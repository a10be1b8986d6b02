/**
 * Records requests in the audit trail (issue #13): every POST/PUT/PATCH/DELETE, refused ones
 * included, and every GET route marked `config: { audit: 'export' }` — who (user, role, session),
 * from where (address, user agent), what (route pattern, parameters, target ids before and after),
 * the status. A route adds what only it knows with `request.audit({...})`.
 *
 * Rows are written in onResponse, after the reply has gone, so a slow trail never holds up a user.
 * A failed write is logged as an error and the request is not affected; `app.auditSettled()` waits
 * for the writes under way (tests, and the app's close, so none is cut off).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import {
  auditActionFor,
  routePattern,
  scrubDetail,
  targetKindOf,
  type AuditAction,
  type AuditMark,
} from '../domain/audit.ts';
import { appendAudit, type AuditEntry } from '../repos/audit.ts';

/** What a route says about its request. Never passwords or tokens (scrubbed anyway). */
export interface AuditNote {
  action?: AuditAction;
  /** Who, when the request carries no token (a login names the account it opened). */
  actor?: { id: number | null; username: string; role: string | null };
  target?: { kind: string; ids: (string | number)[] };
  before?: unknown;
  after?: unknown;
  detail?: Record<string, unknown>;
}

declare module 'fastify' {
  interface FastifyRequest {
    audit(note: AuditNote): void;
    auditNote: AuditNote | null;
  }
  interface FastifyInstance {
    /** Resolves once every audit row under way is written (or has failed and been logged). */
    auditSettled(): Promise<void>;
  }
  interface FastifyContextConfig {
    audit?: AuditMark;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const mergeObjects = (a: unknown, b: unknown): unknown =>
  b === undefined ? a : isObject(a) && isObject(b) ? { ...a, ...b } : b;

/** The optional session id another part of the auth may add to the token (`sid`). */
const sessionOf = (request: FastifyRequest): string | null => {
  const sid = (request.user as { sid?: unknown } | undefined)?.sid;
  return typeof sid === 'string' || typeof sid === 'number' ? String(sid) : null;
};

function entryFor(request: FastifyRequest, status: number, action: AuditAction): AuditEntry {
  const note = request.auditNote ?? {};
  const route = request.routeOptions.url ? routePattern(request.routeOptions.url) : request.url.split('?')[0];
  const user = request.user as { sub?: number; username?: string; role?: string } | undefined;
  const params = (request.params ?? {}) as Record<string, unknown>;
  // A request refused before validation has its ids as text: written as numbers either way.
  const paramIds = Object.values(params)
    .filter((v): v is string | number => typeof v === 'number' || typeof v === 'string')
    .map((v) => (typeof v === 'string' && /^\d{1,15}$/.test(v) ? Number(v) : v));
  const detail: Record<string, unknown> = { ...note.detail };
  if (Object.keys(params).length && !('params' in detail)) detail.params = params;
  return {
    actor_id: note.actor?.id ?? user?.sub ?? null,
    actor: note.actor?.username ?? user?.username ?? null,
    role: note.actor?.role ?? user?.role ?? null,
    session_id: sessionOf(request),
    ip: request.ip ?? null,
    user_agent: request.headers['user-agent'] ?? null,
    action: note.action && !(action === 'login_failed' && note.action === 'login') ? note.action : action,
    method: request.method,
    route,
    target_kind: note.target?.kind ?? targetKindOf(route),
    // Whatever a route or a hostile path handed over, the row holds a flat list of numbers and text.
    target_ids: ((note.target?.ids ?? paramIds) as unknown[])
      .flat(4)
      .map((v) => (typeof v === 'number' && Number.isFinite(v) ? v : String(v))),
    status,
    before: note.before ?? null,
    after: note.after ?? null,
    detail: scrubDetail(detail),
  };
}

export default fp(
  async (app: FastifyInstance) => {
    const pending = new Set<Promise<void>>();
    app.decorateRequest('auditNote', null);
    app.decorateRequest('audit', function (this: FastifyRequest, note: AuditNote) {
      // Notes add up: a hook's role change and the handler's new version both reach the row.
      const prev = this.auditNote ?? {};
      this.auditNote = {
        ...prev,
        ...note,
        before: mergeObjects(prev.before, note.before),
        after: mergeObjects(prev.after, note.after),
        detail: { ...prev.detail, ...note.detail },
      };
    });
    app.decorate('auditSettled', async () => {
      await Promise.all([...pending]);
    });

    app.addHook('onResponse', async (request, reply) => {
      const mark = request.routeOptions.config?.audit;
      const status = reply.statusCode;
      const route = request.routeOptions.url ? routePattern(request.routeOptions.url) : '';
      const action = auditActionFor(request.method, mark, status, route);
      if (!action) return;
      // A login's account name comes from the body (never its password); a refused login has no token.
      if (mark === 'login') {
        const username = (request.body as { username?: unknown } | undefined)?.username;
        if (typeof username === 'string') request.audit({ detail: { username: username.slice(0, 64) } });
      }
      const entry = entryFor(request, status, action);
      const write = appendAudit(app.db, entry)
        .then(() => undefined)
        .catch((err: unknown) => {
          request.log.error({ err, audit: { action: entry.action, route: entry.route } }, 'audit row not written');
        });
      pending.add(write);
      void write.finally(() => pending.delete(write));
    });

    app.addHook('preClose', async () => {
      await Promise.all([...pending]);
    });
  },
  { name: 'audit', dependencies: ['db'] },
);
