/**
 * Keeps the audit trail to its retention (GRIDBOARD_AUDIT_RETENTION_DAYS, at least six months):
 * a server deletes the oldest rows past it soon after it starts and then every hour. The
 * function deletes a whole oldest prefix and moves the chain's recorded start, so the rows kept
 * still verify; several processes purging at once wait for each other on the chain's lock.
 */
import type { FastifyInstance } from 'fastify';
import { purgeAudit } from '../repos/audit.ts';
import type { Periodic } from './every.ts';

export function auditRetention(app: FastifyInstance, everyMs: number, keepDays: number): Periodic {
  return {
    name: 'audit retention',
    everyMs,
    firstAfterMs: Math.min(everyMs, 90_000),
    run: async () => {
      const n = await purgeAudit(app.db, keepDays);
      if (n > 0) app.log.info({ purged: n, keepDays }, 'audit rows past their retention deleted');
    },
  };
}
