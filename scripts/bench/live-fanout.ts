/**
 * `live-fanout`: incidents created through the HTTP API at 50/s while N socket.io clients (in
 * another process, scripts/bench/fanout-clients.ts) listen; latency from commit to receipt at
 * every client. Baseline in the same run: a bare `ws` server broadcasting the very same event
 * payloads, at the same rate, to the same number of bare `ws` clients. Then a sweep of client
 * counts for the largest one that holds p99 ≤ 250 ms.
 *
 * Commit time: the moment a LISTEN connection of this (bench) process receives the NOTIFY that
 * the outbox row's trigger sends; PostgreSQL delivers it at commit, to the hub's listener and
 * to this one alike. For the baseline the equivalent is the moment the broadcaster is handed
 * the payload. Receipt time: when the client's `event` handler runs. Both are
 * performance.timeOrigin + performance.now() on the same machine (the offset between the two
 * processes' clocks is measured and reported).
 */
import { startServerProcess } from '../lib/server-process.ts';
import { round, type BenchResult } from './stats.ts';
import { closeDbFixture, openDbFixture } from './live-fanout-db-fixture.ts';
import { hubRun, type HubContext } from './live-fanout-hub-run.ts';
import { describe } from './live-fanout-latency.ts';
import { login, produce } from './live-fanout-producer.ts';
import { mainRunResults } from './live-fanout-results.ts';
import { RATE, log, type Creds } from './live-fanout-shared.ts';
import { sweepClientCounts } from './live-fanout-sweep.ts';
import { wsBaseline } from './live-fanout-ws-baseline.ts';

export async function benchLiveFanout(databaseUrl: string, creds: Creds, quick: boolean): Promise<BenchResult[]> {
  const mainClients = quick ? 100 : 500;
  const mainSeconds = quick ? 3 : 10;
  const sweepSeconds = quick ? 3 : 5;
  const sweepCounts = quick ? [100, 250, 500] : [250, 500, 1000, 1500, 2000];

  const fx = await openDbFixture(databaseUrl);
  const created: string[] = [];
  const server = await startServerProcess(databaseUrl, { quiet: true });
  const results: BenchResult[] = [];
  try {
    const wallToken = await login(server.url, creds);
    const opToken = await login(server.url, fx.operator);
    const ctx: HubContext = {
      databaseUrl,
      db: fx.db,
      server,
      wallToken,
      opToken,
      points: fx.points,
      commitAt: fx.commitAt,
      produced: 0,
      created,
    };

    // Warm the write path (JIT, plans, pool) before anyone listens.
    const warm = await produce(server.url, opToken, ctx.points, RATE / 2, ctx.produced);
    ctx.produced += warm.length;
    created.push(...warm.map((s) => s.id));

    // The main run.
    log(`${mainClients} socket.io clients, ${RATE}/s for ${mainSeconds} s…`);
    const main = await hubRun(ctx, mainClients, mainSeconds);
    if ('failed' in main) throw new Error(`live-fanout: ${main.failed}`);
    log(describe('hub', main.notify));
    log(
      `POST p50 ${round(main.post.p50)} ms, p99 ${round(main.post.p99)} ms: ${main.post.statuses}; pool busy avg ${round(main.pool.busyAvg, 1)} max ${main.pool.busyMax}, lock waiters avg ${round(main.pool.lockAvg, 1)}; first client p50 ${round(main.notify.firstP50)} ms`,
    );

    // The baseline: the same payloads, rate and client count over bare ws.
    log(`baseline: bare ws, ${mainClients} clients…`);
    const base = await wsBaseline(main.events, mainClients);
    log(describe('ws', base.latency));
    results.push(...mainRunResults(main, base.latency, mainClients));

    // The sweep.
    results.push(
      await sweepClientCounts(ctx, main, { counts: sweepCounts, seconds: sweepSeconds, mainClients, mainSeconds }),
    );
  } finally {
    await server.stop();
    await closeDbFixture(fx, created);
  }
  return results;
}
