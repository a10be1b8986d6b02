/** A periodic background task: one run at a time, errors logged (a database outage only once it is over). */
import type { FastifyBaseLogger } from 'fastify';
import { isDatabaseUnavailable } from '../errors.ts';

export interface Periodic {
  /** Name used in the log when a run fails. */
  name: string;
  everyMs: number;
  /** Delay before the first run (default: everyMs). */
  firstAfterMs?: number;
  run: () => Promise<unknown>;
}

/** Starts `job` and returns the function that stops it. A run still going when the next is due is not overlapped. */
export function every(log: FastifyBaseLogger, job: Periodic): () => void {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    job
      .run()
      .catch((err) => {
        // While the database is down every job fails; the pool and health check report that.
        if (!isDatabaseUnavailable(err)) log.error({ err, job: job.name }, `${job.name} failed`);
      })
      .finally(() => {
        running = false;
      });
  };
  const first =
    job.firstAfterMs !== undefined && job.firstAfterMs !== job.everyMs ? setTimeout(tick, job.firstAfterMs) : null;
  const timer = setInterval(tick, job.everyMs);
  first?.unref();
  timer.unref();
  return () => {
    if (first) clearTimeout(first);
    clearInterval(timer);
  };
}
