/**
 * The `live-fanout` baseline: a bare `ws` server broadcasting the hub run's event payloads, at
 * the same rate, to the same number of bare `ws` clients.
 */
import { WebSocketServer, type WebSocket } from 'ws';
import type { LiveEvent } from '../../server/src/contract/events.ts';
import { ClientProcess, type Report } from './live-fanout-client-process.ts';
import { summarize, type Latency } from './live-fanout-latency.ts';
import { RATE, now, sleep } from './live-fanout-shared.ts';

/** A bare ws broadcast of `events` (their JSON as the hub sent it) at RATE per second. */
export async function wsBaseline(events: LiveEvent[], clients: number): Promise<{ latency: Latency }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const port = (wss.address() as { port: number }).port;
  const { proc, connected, error } = await ClientProcess.start('ws', `ws://127.0.0.1:${port}`, clients);
  try {
    if (connected < clients)
      throw new Error(`live-fanout baseline: ${connected} of ${clients} ws clients connected (${error})`);
    // Warm up as the hub run did (negative seqs: not measured).
    for (let i = 0; i < Math.min(RATE / 2, events.length); i++) {
      const data = JSON.stringify({ ...events[i], seq: -1 - i });
      for (const ws of wss.clients as Set<WebSocket>) ws.send(data);
      await sleep(1000 / RATE);
    }
    await sleep(1000);
    await proc.ask({ cmd: 'mark' });
    const commits: Array<[number, number]> = [];
    const t0 = now() + 20;
    for (let i = 0; i < events.length; i++) {
      const wait = t0 + (i * 1000) / RATE - now();
      if (wait > 0) await sleep(wait);
      const e = events[i];
      const t = now();
      const data = JSON.stringify(e);
      for (const ws of wss.clients as Set<WebSocket>) ws.send(data);
      commits.push([e.seq, t]);
    }
    await proc.drain(
      events.map((e) => e.seq),
      clients,
    );
    return { latency: summarize(await proc.ask<Report>({ cmd: 'report', commits }), events.length) };
  } finally {
    await proc.close();
    for (const ws of wss.clients) ws.terminate();
    await new Promise<void>((r) => wss.close(() => r()));
  }
}
