/**
 * Keeps the sessions table small: sessions that ended or expired more than SESSION_KEEP_DAYS ago
 * are deleted, on the same schedule as the GPS fix purge. Several processes may purge at once;
 * the DELETE is idempotent.
 */
import type { FastifyInstance } from 'fastify';
import { purgeOldSessions } from '../repos/sessions.ts';
import type { Periodic } from './every.ts';

/** How long an ended session stays on record (who was signed in, from where, who ended it). */
export const SESSION_KEEP_DAYS = 90;

export function sessionRetention(app: FastifyInstance, everyMs: number): Periodic {
  return {
    name: 'session purge',
    everyMs,
    firstAfterMs: Math.min(everyMs, 60_000),
    run: async () => {
      const n = await purgeOldSessions(app.db, SESSION_KEEP_DAYS);
      if (n > 0) app.log.info({ purged: n }, 'old sessions purged');
    },
  };
}
