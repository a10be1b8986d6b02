/**
 * The listening side of the `live-fanout` benchmark, run in its own process so that the
 * clients' work stays off the server's and the producer's event loops:
 *
 *   node --import tsx scripts/bench/fanout-clients.ts --mode sio|ws --url URL [--token T] --clients N
 *
 * Opens N connections (socket.io-client over websocket, or bare `ws`) and records, for every
 * message, the receipt time (performance.timeOrigin + performance.now(): wall-clock based, so
 * comparable with the bench process on the same machine) keyed by the event's seq.
 *
 * Talks line-delimited JSON: writes {type:'ready'} once connecting is done, then answers
 * commands read from stdin:
 *   {cmd:'clock'}                 → {type:'clock', now}
 *   {cmd:'mark'}                  → {type:'mark'} (resets the CPU meter)
 *   {cmd:'expect', seqs}          → {type:'expect'} (progress counts receipts of these seqs)
 *   {cmd:'progress'}              → {type:'progress', received, expected, disconnected}
 *   {cmd:'report', commits}       → {type:'report', …} latencies against commits [[seq, t], …]
 *   {cmd:'close'}                 → closes everything and exits
 */
import readline from 'node:readline';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { args } from '../lib/args.ts';

const { values } = args({
  mode: { type: 'string', default: 'sio' },
  url: { type: 'string' },
  token: { type: 'string', default: '' },
  clients: { type: 'string', default: '100' },
  ramp: { type: 'string', default: '50' },
});
const mode = values.mode as 'sio' | 'ws';
const url = values.url!;
const want = Number(values.clients);
const ramp = Number(values.ramp);

const now = () => performance.timeOrigin + performance.now();
const send = (o: object) => process.stdout.write(JSON.stringify(o) + '\n');

/** Per client: the seqs it received and when, in arrival order. */
interface Rec {
  seqs: number[];
  times: number[];
}
const recs: Rec[] = [];
const closers: Array<() => void> = [];
let received = 0;
/** Seqs the bench waits for (set by `expect`), and how many (client, seq) receipts of them so far. */
let expected: Set<number> | null = null;
let receivedExpected = 0;
let disconnected = 0;
let closing = false;

function record(rec: Rec, seq: unknown) {
  if (typeof seq !== 'number') return;
  rec.seqs.push(seq);
  rec.times.push(now());
  received++;
  if (expected?.has(seq)) receivedExpected++;
}

function openSio(): Promise<void> {
  const rec: Rec = { seqs: [], times: [] };
  const socket: Socket = io(url, {
    auth: { token: values.token },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false, // a dropped client must show up as losses, not be papered over
    timeout: 20_000,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => {
      recs.push(rec);
      closers.push(() => socket.close());
      socket.on('event', (e: { seq?: unknown }) => record(rec, e?.seq));
      socket.on('disconnect', () => {
        if (!closing) disconnected++;
      });
      resolve();
    });
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

function openWs(): Promise<void> {
  const rec: Rec = { seqs: [], times: [] };
  const ws = new WebSocket(url, { perMessageDeflate: false });
  return new Promise((resolve, reject) => {
    ws.once('open', () => {
      recs.push(rec);
      closers.push(() => ws.close());
      // Parse each message as socket.io-client does: the comparison includes the client's work.
      ws.on('message', (data) => record(rec, (JSON.parse(String(data)) as { seq?: unknown })?.seq));
      ws.on('close', () => {
        if (!closing) disconnected++;
      });
      resolve();
    });
    ws.once('error', reject);
  });
}

async function connectAll(): Promise<{ connected: number; failed: number; error?: string }> {
  const open = mode === 'ws' ? openWs : openSio;
  let failed = 0;
  let error: string | undefined;
  for (let i = 0; i < want && !failed; i += ramp) {
    const batch = Array.from({ length: Math.min(ramp, want - i) }, () => open());
    const settled = await Promise.allSettled(batch);
    for (const s of settled) {
      if (s.status === 'rejected') {
        failed++;
        const e = s.reason as NodeJS.ErrnoException;
        error ??= e?.code ? `${e.code}: ${e.message}` : String(e?.message ?? e);
      }
    }
  }
  return { connected: recs.length, failed, error };
}

let cpuMark = process.cpuUsage();
let wallMark = now();

/** Latency of every (client, event) against the commit times; a sparse 0.01 ms histogram. */
function report(commits: Array<[number, number]>) {
  const commitAt = new Map(commits);
  const hist = new Map<number, number>();
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  let samples = 0;
  let missing = 0;
  let duplicates = 0;
  let extra = 0;
  let clientsMissing = 0;
  for (const rec of recs) {
    const seen = new Set<number>();
    for (let i = 0; i < rec.seqs.length; i++) {
      const seq = rec.seqs[i];
      const at = commitAt.get(seq);
      if (at === undefined) {
        extra++;
        continue;
      }
      if (seen.has(seq)) {
        duplicates++;
        continue;
      }
      seen.add(seq);
      const lat = rec.times[i] - at;
      const b = Math.round(lat * 100);
      hist.set(b, (hist.get(b) ?? 0) + 1);
      samples++;
      if (!(first.get(seq)! <= lat)) first.set(seq, lat);
      if (!(last.get(seq)! >= lat)) last.set(seq, lat);
    }
    const miss = commitAt.size - seen.size;
    missing += miss;
    if (miss) clientsMissing++;
  }
  const cpu = process.cpuUsage(cpuMark);
  return {
    type: 'report',
    clients: recs.length,
    samples,
    missing,
    clientsMissing,
    duplicates,
    extra,
    disconnected,
    hist: [...hist.entries()],
    first: [...first.values()],
    last: [...last.values()],
    cpuMs: (cpu.user + cpu.system) / 1000,
    wallMs: now() - wallMark,
  };
}

const ready = await connectAll();
send({ type: 'ready', ...ready });

const rl = readline.createInterface({ input: process.stdin });
rl.on('line', (line) => {
  const msg = JSON.parse(line) as { cmd: string; commits?: Array<[number, number]>; seqs?: number[] };
  switch (msg.cmd) {
    case 'clock':
      send({ type: 'clock', now: now() });
      break;
    case 'mark':
      cpuMark = process.cpuUsage();
      wallMark = now();
      send({ type: 'mark' });
      break;
    case 'expect':
      expected = new Set(msg.seqs ?? []);
      receivedExpected = 0;
      for (const r of recs) for (const q of r.seqs) if (expected.has(q)) receivedExpected++;
      send({ type: 'expect' });
      break;
    case 'progress':
      send({ type: 'progress', received, expected: receivedExpected, disconnected });
      break;
    case 'report':
      send(report(msg.commits ?? []));
      break;
    case 'close':
      closing = true;
      for (const c of closers) c();
      rl.close();
      setTimeout(() => process.exit(0), 200).unref();
      break;
  }
});
rl.on('close', () => {
  closing = true;
  for (const c of closers) c();
  setTimeout(() => process.exit(0), 200).unref();
});
