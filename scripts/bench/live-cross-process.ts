/**
 * `live-cross-process`: an incident reported to one server process reaches a screen connected
 * to another (through PostgreSQL: the outbox's NOTIFY and the socket.io adapter), from the
 * POST's start to the screen's `event` handler. Two server processes as `npm start --workers 2`
 * runs them, one socket.io screen, one report every 200 ms. Target: within 2 s, every one
 * (test/live/socket.test.ts checks that they arrive; live-fanout measures one process's fan-out
 * to many screens).
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { io } from 'socket.io-client';
import type { LiveEvent } from '../../server/src/contract/events.ts';
import { startServerProcess } from '../lib/server-process.ts';
import { percentile, round, type BenchResult } from './stats.ts';
import { cityPoints, login, removeScratch, report, scratchUser, type Creds } from './scratch.ts';

const log = (m: string) => process.stderr.write(`[bench] live-cross-process: ${m}\n`);
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const TARGET_MS = 2000;
const GIVE_UP_MS = 10_000;

export async function benchLiveCrossProcess(databaseUrl: string, creds: Creds, quick: boolean): Promise<BenchResult[]> {
  const n = quick ? 20 : 100;
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const operator = await scratchUser(db, 'operator', 'op-xproc');
  const points = await cityPoints(db, n);
  const ids: string[] = [];
  const [a, b] = await Promise.all([
    startServerProcess(databaseUrl, { quiet: true }),
    startServerProcess(databaseUrl, { quiet: true }),
  ]);
  const received = new Map<string, number>();
  const screen = io(b.url, { auth: { token: await login(b.url, creds) }, transports: ['websocket'] });
  try {
    await new Promise<void>((resolve, reject) => {
      screen.once('connect', () => resolve());
      screen.once('connect_error', reject);
    });
    screen.on('event', (e: LiveEvent) => {
      if (e.incident && !received.has(e.incident.id)) received.set(e.incident.id, now());
    });
    const token = await login(a.url, operator);
    const sent: { id: string; at: number; status: number }[] = [];
    // One warm-up report (plans, JIT, the adapter's first message), not measured.
    for (let i = -1; i < n; i++) {
      const at = points[Math.max(0, i)];
      const id = randomUUID();
      ids.push(id);
      const t0 = now();
      const status = await report(a.url, token, {
        id,
        grade: 'routine',
        description: `[bench live-cross-process] 路灯不亮 #${i}`,
        ...at,
      });
      if (i >= 0) sent.push({ id, at: t0, status });
      await sleep(200);
    }
    const end = Date.now() + GIVE_UP_MS;
    while (sent.some((s) => !received.has(s.id)) && Date.now() < end) await sleep(50);
    const ok = sent.filter((s) => s.status === 201);
    const latencies = ok.filter((s) => received.has(s.id)).map((s) => received.get(s.id)! - s.at);
    const lost = ok.length - latencies.length;
    const max = latencies.length ? Math.max(...latencies) : NaN;
    log(
      `${latencies.length} of ${sent.length} reports reached the other process's screen (${sent.length - ok.length} refused): ` +
        `p50 ${round(percentile(latencies, 50))} ms, p99 ${round(percentile(latencies, 99))} ms, max ${round(max)} ms`,
    );
    const note =
      `${n} POST /api/incidents to process A, one every 200 ms; one socket.io screen on process B; from the POST's start to the screen's event handler; ` +
      `${lost} of ${ok.length} not received within ${GIVE_UP_MS / 1000} s, ${sent.length - ok.length} refused`;
    return [
      {
        name: 'live-cross-process-p50',
        value: round(percentile(latencies, 50)),
        unit: 'ms',
        note: 'same run as live-cross-process-max',
      },
      { name: 'live-cross-process-max', value: round(max), unit: 'ms', target: `≤ ${TARGET_MS} ms, none lost`, note },
    ];
  } finally {
    screen.close();
    await Promise.all([a.stop(), b.stop()]);
    await removeScratch(db, ids, [operator], log);
    await db.end();
  }
}
