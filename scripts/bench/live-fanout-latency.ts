/**
 * The `live-fanout` latency maths: a client report's histogram and samples summed up as
 * percentiles, and the one-line description of such a summary that the bench logs.
 */
import { percentile, round } from './stats.ts';
import type { Report } from './live-fanout-client-process.ts';

function histPercentile(hist: Array<[number, number]>, p: number): number {
  const sorted = [...hist].sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((s, [, c]) => s + c, 0);
  if (!total) return NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (const [b, c] of sorted) {
    seen += c;
    if (seen >= rank) return b / 100;
  }
  return sorted.at(-1)![0] / 100;
}

export interface Latency {
  clients: number;
  events: number;
  samples: number;
  lost: number;
  duplicates: number;
  disconnected: number;
  p50: number;
  p99: number;
  max: number;
  firstP50: number; // the first client to get each event
  lastP50: number; // the last client to get each event
  lastP99: number;
  clientCpu: number; // % of one core, over the window
}

export function summarize(r: Report, events: number): Latency {
  return {
    clients: r.clients,
    events,
    samples: r.samples,
    lost: r.missing,
    duplicates: r.duplicates,
    disconnected: r.disconnected,
    p50: histPercentile(r.hist, 50),
    p99: histPercentile(r.hist, 99),
    max: histPercentile(r.hist, 100),
    firstP50: percentile(r.first, 50),
    lastP50: percentile(r.last, 50),
    lastP99: percentile(r.last, 99),
    clientCpu: (100 * r.cpuMs) / r.wallMs,
  };
}

export function describe(label: string, l: Latency) {
  return `${label}: p50 ${round(l.p50)} ms, p99 ${round(l.p99)} ms, max ${round(l.max)} ms, ${l.samples} samples, ${l.lost} lost`;
}
