/**
 * One `live-fanout` hub run: N socket.io clients (in the client process) listen while incidents
 * are POSTed at RATE per second; latency from commit, and from request start, to every client,
 * with POST times, CPU and the server's pool load.
 */
import type pg from 'pg';
import { toLiveEvent } from '../../server/src/repos/outbox.ts';
import type { LiveEvent } from '../../server/src/contract/events.ts';
import type { ServerProcess } from '../lib/server-process.ts';
import { percentile } from './stats.ts';
import { ClientProcess, type Report } from './live-fanout-client-process.ts';
import { summarize, type Latency } from './live-fanout-latency.ts';
import { activitySampler, cpuMeter } from './live-fanout-load-meters.ts';
import { produce, statusSummary, type Point } from './live-fanout-producer.ts';
import { RATE, sleep } from './live-fanout-shared.ts';

export interface HubRun {
  notify: Latency; // from commit (NOTIFY seen by the bench's own LISTEN)
  fromRequest: Latency; // from the POST request's start
  post: { p50: number; p99: number; failed: number; statuses: string };
  rate: number;
  serverCpu: number;
  machineCpu: number;
  pool: { busyAvg: number; busyMax: number; lockAvg: number };
  clock: { offset: number; rtt: number };
  events: LiveEvent[];
}

/** What the hub runs of one bench share; `produced` and `created` grow with every run. */
export interface HubContext {
  databaseUrl: string;
  db: pg.Client;
  server: ServerProcess;
  wallToken: string;
  opToken: string;
  points: Point[];
  commitAt: Map<number, number>;
  /** Incidents POSTed so far (numbers the next ones' descriptions and picks their points). */
  produced: number;
  /** Ids of the incidents POSTed so far, for the cleanup. */
  created: string[];
}

export async function hubRun(ctx: HubContext, clients: number, seconds: number): Promise<HubRun | { failed: string }> {
  const { databaseUrl, db, server, wallToken, opToken, points, commitAt, created } = ctx;
  const { proc, connected, error } = await ClientProcess.start('sio', server.url, clients, wallToken);
  try {
    if (connected < clients) return { failed: `${connected} of ${clients} connected (${error})` };
    const clock = await proc.clockOffset();
    // Warm the fan-out path with these clients listening; not measured.
    const warm = await produce(server.url, opToken, points, RATE / 2, ctx.produced);
    ctx.produced += warm.length;
    created.push(...warm.map((s) => s.id));
    await sleep(1000);
    const {
      rows: [{ seq: startSeq }],
    } = await db.query<{ seq: string }>('SELECT coalesce(max(seq), 0) seq FROM events');
    await proc.ask({ cmd: 'mark' });
    const meter = cpuMeter(server.pid);
    const sampling = await activitySampler(databaseUrl);
    const sent = await produce(server.url, opToken, points, RATE * seconds, ctx.produced);
    const pool = await sampling();
    ctx.produced += sent.length;
    created.push(...sent.map((s) => s.id));
    const ok = sent.filter((s) => s.status === 201);
    const { rows } = await db.query(
      `SELECT seq, type, payload, district_id, community_id, created_at FROM events
       WHERE seq > $1 AND type = 'incident.created' AND payload->'incident'->>'id' = ANY($2::text[]) ORDER BY seq`,
      [startSeq, ok.map((s) => s.id)],
    );
    const events = rows.map((r) => toLiveEvent({ ...r, seq: Number(r.seq) })); // bigint arrives as a string here
    await proc.drain(
      events.map((e) => e.seq),
      clients,
    );
    const cpu = meter();
    const byId = new Map(sent.map((s) => [s.id, s]));
    const fromCommit: Array<[number, number]> = [];
    for (const e of events) {
      const t = commitAt.get(e.seq);
      if (t === undefined) throw new Error(`live-fanout: no NOTIFY seen for seq ${e.seq}`);
      fromCommit.push([e.seq, t]);
    }
    const fromRequest = events.map((e): [number, number] => [e.seq, byId.get(e.incident!.id)!.start]);
    const notify = summarize(await proc.ask<Report>({ cmd: 'report', commits: fromCommit }), events.length);
    const request = summarize(await proc.ask<Report>({ cmd: 'report', commits: fromRequest }), events.length);
    const posts = sent.map((s) => s.end - s.start);
    const span = (sent.at(-1)!.start - sent[0].start) / 1000;
    return {
      notify,
      fromRequest: request,
      post: {
        p50: percentile(posts, 50),
        p99: percentile(posts, 99),
        failed: sent.length - events.length,
        statuses: statusSummary(sent),
      },
      rate: span > 0 ? (sent.length - 1) / span : NaN,
      serverCpu: cpu.process,
      machineCpu: cpu.machine,
      pool,
      clock,
      events,
    };
  } finally {
    await proc.close();
  }
}
