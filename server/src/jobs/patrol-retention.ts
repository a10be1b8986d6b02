/**
 * Keeps the GPS track table to its retention setting: a server purges fixes older than
 * `patrol_fix_retention_days` (app_settings) soon after it starts and then every hour, so the
 * table stays sized for 10,000 units reporting every 10 s without anyone running a cron job.
 * Several processes may purge at once; the DELETE is idempotent.
 */
import type { FastifyInstance } from 'fastify';
import { purgeOldFixes } from '../repos/patrol-fixes.ts';
import type { Periodic } from './every.ts';

export function patrolRetention(app: FastifyInstance, everyMs: number): Periodic {
  return {
    name: 'patrol fix purge',
    everyMs,
    // Not at once: a starting server has better things to do in its first seconds.
    firstAfterMs: Math.min(everyMs, 60_000),
    run: async () => {
      const n = await purgeOldFixes(app.db);
      if (n > 0) app.log.info({ purged: n }, 'old patrol fixes purged');
    },
  };
}
