/**
 * The `live-fanout` client-count sweep: hub runs with more and more clients until one misses
 * p99 ≤ 250 ms (or loses events, or the write path falls behind), reported as the largest
 * count that held.
 */
import { round, type BenchResult } from './stats.ts';
import { hubRun, type HubContext, type HubRun } from './live-fanout-hub-run.ts';
import { RATE, log } from './live-fanout-shared.ts';

const LIMIT_P99 = 250; // ms, for the client-count sweep

export interface SweepPlan {
  /** The client counts to try, in order. */
  counts: number[];
  /** Seconds of events per step. */
  seconds: number;
  /** The main run's client count and seconds: its step reuses `main`. */
  mainClients: number;
  mainSeconds: number;
}

export async function sweepClientCounts(ctx: HubContext, main: HubRun, plan: SweepPlan): Promise<BenchResult> {
  const { counts: sweepCounts, seconds: sweepSeconds, mainClients, mainSeconds } = plan;
  const sweep: string[] = [];
  let best = 0;
  for (const n of sweepCounts) {
    let r: HubRun | { failed: string };
    if (n === mainClients) r = main;
    else {
      log(`sweep: ${n} clients, ${sweepSeconds} s…`);
      r = await hubRun(ctx, n, sweepSeconds);
    }
    if ('failed' in r) {
      sweep.push(`${n}: ${r.failed}`);
      break;
    }
    sweep.push(
      `${n}: p99 ${round(r.notify.p99)} ms${r.notify.lost ? `, ${r.notify.lost} lost` : ''}, ${r.notify.events}/${r.notify.events + r.post.failed} POSTs committed (CPU server ${round(r.serverCpu, 0)}%, clients ${round(r.notify.clientCpu, 0)}%, machine ${round(r.machineCpu, 0)}%)`,
    );
    log(`sweep ${sweep.at(-1)}`);
    // A step holds when p99 ≤ 250 ms, nothing is lost, and the write path kept up with 50/s.
    if (r.notify.p99 > LIMIT_P99 || r.notify.lost || r.post.failed) break;
    best = n;
  }
  const top = best === sweepCounts.at(-1);
  return {
    name: 'live-fanout-max-clients-p99-250ms',
    value: best,
    unit: 'clients',
    note: `${top ? 'the largest count tried (it may hold more); ' : ''}${RATE}/s, ${sweepSeconds} s per step (${mainSeconds} s at ${mainClients}): ${sweep.join('; ')}`,
  };
}
