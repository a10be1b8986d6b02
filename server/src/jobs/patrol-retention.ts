/**
 * Keeps the GPS track table to its retention setting: a server purges fixes older than
 * `patrol_fix_retention_days` (app_settings) soon after it starts and then every hour, so the
 * table stays sized for 10,000 units reporting every 10 s without anyone running a cron job.
 * Several processes may purge at once; the DELETE is idempotent.
 */
import type { FastifyInstance } from 'fastify';
import { isDatabaseUnavailable } from '../errors.ts';
import { purgeOldFixes } from '../repos/patrol-fixes.ts';

export function startPatrolRetention(app: FastifyInstance, everyMs: number) {
  if (!(everyMs > 0)) return;
  const purge = () =>
    purgeOldFixes(app.db)
      .then((n) => n > 0 && app.log.info({ purged: n }, 'old patrol fixes purged'))
      .catch((err) => {
        if (!isDatabaseUnavailable(err)) app.log.error({ err }, 'patrol fix purge failed');
      });
  // Not at once: a starting server has better things to do in its first seconds.
  const first = setTimeout(purge, Math.min(everyMs, 60_000));
  const timer = setInterval(purge, everyMs);
  first.unref();
  timer.unref();
  app.addHook('preClose', async () => {
    clearTimeout(first);
    clearInterval(timer);
  });
}
