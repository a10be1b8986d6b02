/**
 * Every background job of a server, started in one place (from buildApp) and stopped when the
 * app closes. Each runs one at a time per process and logs its failures (jobs/every.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { Deadlines } from '../domain/workflow.ts';
import { auditRetention } from './audit-retention.ts';
import { every, type Periodic } from './every.ts';
import { overdueCheck } from './overdue.ts';
import { patrolRetention } from './patrol-retention.ts';
import { patrolSnapper } from './patrol-snapper.ts';
import { sessionRetention } from './session-retention.ts';

export interface JobOptions {
  /** Run the jobs that only serving processes need (overdue announcements, fix retention). */
  live: boolean;
  deadlines: Deadlines;
  /** How often (ms) to snap moved patrol units to their street crossing; 0 = never. */
  snapEveryMs: number;
  /** How often (ms) to look for newly overdue steps; 0 = never. Runs with `live`. */
  overdueEveryMs: number;
  /** How often (ms) to purge GPS fixes and old sessions past their retention; 0 = never. Runs with `live`. */
  retentionEveryMs: number;
  /** Days the audit trail is kept (purged on the retention schedule). */
  auditRetentionDays: number;
}

export function startJobs(app: FastifyInstance, opts: JobOptions): void {
  const jobs: Periodic[] = [];
  if (opts.snapEveryMs > 0) jobs.push(patrolSnapper(app, opts.snapEveryMs));
  if (opts.live && opts.overdueEveryMs > 0) jobs.push(overdueCheck(app, opts.overdueEveryMs, opts.deadlines));
  if (opts.live && opts.retentionEveryMs > 0) jobs.push(patrolRetention(app, opts.retentionEveryMs));
  if (opts.live && opts.retentionEveryMs > 0) jobs.push(sessionRetention(app, opts.retentionEveryMs));
  if (opts.live && opts.retentionEveryMs > 0)
    jobs.push(auditRetention(app, opts.retentionEveryMs, opts.auditRetentionDays));
  const stops = jobs.map((job) => every(app.log, job));
  app.addHook('preClose', async () => {
    for (const stop of stops) stop();
  });
}
