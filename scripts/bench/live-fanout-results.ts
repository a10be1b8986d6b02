/**
 * The `live-fanout` main run's results as BenchResults: p50 and p99 against the bare `ws`
 * baseline, and the deliveries lost, with notes that say how they were measured.
 */
import { round, type BenchResult } from './stats.ts';
import type { HubRun } from './live-fanout-hub-run.ts';
import type { Latency } from './live-fanout-latency.ts';

export function mainRunResults(main: HubRun, b: Latency, mainClients: number): BenchResult[] {
  const results: BenchResult[] = [];
  const m = main.notify;
  const where =
    `first client p50 ${round(m.firstP50)} ms, last client p50 ${round(m.lastP50)} / p99 ${round(m.lastP99)} ms ` +
    `(ws: ${round(b.firstP50)} / ${round(b.lastP50)} / ${round(b.lastP99)} ms)`;
  const context =
    `${mainClients} socket.io clients (websocket) in another process; ${m.events + main.post.failed} POST /api/incidents at ${round(main.rate, 1)}/s, ${m.events} committed; ` +
    `latency from commit (our own LISTEN receives the outbox NOTIFY) to each client's event handler; ` +
    `baseline: bare ws server broadcasting the same event JSON to ${mainClients} ws clients at the same rate, from hand-off to receipt; ` +
    `CPU: server ${round(main.serverCpu, 0)}% of a core, clients ${round(m.clientCpu, 0)}%, machine ${round(main.machineCpu, 0)}% of 2 cores; ` +
    `clock offset client−bench ${round(main.clock.offset, 3)} ms (rtt ${round(main.clock.rtt, 2)})`;
  results.push({
    name: 'live-fanout-p50',
    value: round(m.p50),
    unit: 'ms',
    baseline: round(b.p50),
    ratio: round(m.p50 / b.p50),
    note: `${context}; ${where}; from request start instead: p50 ${round(main.fromRequest.p50)} ms`,
  });
  results.push({
    name: 'live-fanout-p99',
    value: round(m.p99),
    unit: 'ms',
    baseline: round(b.p99),
    ratio: round(m.p99 / b.p99),
    target: 'p99 ≤ 100 ms, ratio ≤ 2',
    note:
      `same run as live-fanout-p50; max ${round(m.max)} ms (ws ${round(b.max)}); from request start instead: p99 ${round(main.fromRequest.p99)} ms; ` +
      `POST /api/incidents p50 ${round(main.post.p50)} / p99 ${round(main.post.p99)} ms, ${main.post.statuses}; ` +
      `server pool connections in use avg ${round(main.pool.busyAvg, 1)} / max ${main.pool.busyMax} of 16 (1 held by the socket.io adapter), ` +
      `avg ${round(main.pool.lockAvg, 1)} waiting for the outbox advisory lock`,
  });
  results.push({
    name: 'live-fanout-lost',
    value: m.lost,
    unit: 'events',
    target: '0',
    note:
      `(client, event) pairs missed out of ${m.clients} × ${m.events}; ${m.duplicates} duplicates, ${m.disconnected} disconnects, ` +
      `${main.post.failed} of ${main.post.failed + m.events} POSTs without an event (${main.post.statuses}); ws baseline lost ${b.lost}`,
  });
  return results;
}
