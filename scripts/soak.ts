/**
 * `npm run soak [-- --minutes 10] [--rate 5] [--speed 5] [--screens 4] [--restart-every 60]
 *   [--db gridboard_soak] [--fresh] [--seed N]`
 *
 * A reliability run: the server in a child process on its own database, N wall screens on
 * socket.io (TestScreen: resync by seq after every reconnect), the simulator reporting and
 * working incidents through HTTP, and every `--restart-every` seconds the server is killed with
 * SIGKILL and started again on the same port. (PostgreSQL is never stopped: the local cluster
 * is shared.) At the end it checks that every acknowledged report is stored exactly once, that
 * histories, versions and outbox events agree, and that every screen shows the database's status
 * for every incident that changed during the run. Prints a summary; exits 1 on any mismatch.
 */
import net from 'node:net';
import pg from 'pg';
import type { LiveEvent, ResyncReply } from '../server/src/contract/events.ts';
import { createUser, findUser, setPassword } from '../server/src/repos/users.ts';
import { randomPassword } from '../server/src/auth/password.ts';
import { loginToken, TestScreen } from '../test/helpers/live-client.ts';
import { args } from './lib/args.ts';
import { databaseName, resolveDatabaseUrl } from './lib/db.ts';
import { prepareDatabase } from './lib/prepare.ts';
import { startServerProcess, type ServerProcess } from './lib/server-process.ts';
import { Simulator } from './simulate/engine.ts';
import { connectSimulator, ensureSimulatorUser } from './simulate/setup.ts';
import { formatFindings, verifyRun, type Finding } from './simulate/verify.ts';

const { values } = args({
  minutes: { type: 'string', default: '10' },
  rate: { type: 'string', default: '5' },
  speed: { type: 'string', default: '5' },
  screens: { type: 'string', default: '4' },
  'restart-every': { type: 'string', default: '60' },
  db: { type: 'string', default: 'gridboard_soak' },
  fresh: { type: 'boolean', default: false },
  seed: { type: 'string' },
});
const minutes = Number(values.minutes);
const rate = Number(values.rate);
const speed = Number(values.speed);
const nScreens = Math.max(0, Math.floor(Number(values.screens)));
const restartEveryS = Number(values['restart-every']);
const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);
for (const [k, v] of Object.entries({ minutes, rate, speed, 'restart-every': restartEveryS })) {
  if (!Number.isFinite(v) || v <= 0) {
    console.error(`--${k} must be a positive number`);
    process.exit(2);
  }
}

const t0 = Date.now();
const log = (m: string) =>
  process.stderr.write(`[soak ${String(Math.round((Date.now() - t0) / 1000)).padStart(4)} s] ${m}\n`);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

// ------------------------------------------------------------------ database and users
const url = await resolveDatabaseUrl(values.db);
log(`database ${databaseName(url)}${values.fresh ? ' (fresh)' : ''}`);
await prepareDatabase(url, { fresh: values.fresh, size: 'small', log });
const db = new pg.Pool({ connectionString: url, max: 3, application_name: 'gridboard-soak' });
db.on('error', () => {});
const simUser = 'simulator';
const simPassword = await ensureSimulatorUser(db, simUser, log);
const wall = { username: 'soak-wall', password: randomPassword() };
if (await findUser(db, wall.username)) await setPassword(db, wall.username, wall.password);
else await createUser(db, wall.username, 'wall', wall.password);

// ------------------------------------------------------------------ server
const port = await freePort();
let server: ServerProcess = await startServerProcess(url, { port });
log(`server pid ${server.pid} at ${server.url}`);
let restarts = 0;
const downtimes: number[] = [];

async function restartServer() {
  const killedAt = Date.now();
  const old = server.pid;
  await server.kill();
  for (let attempt = 1; ; attempt++) {
    try {
      server = await startServerProcess(url, { port });
      break;
    } catch (err) {
      if (attempt >= 10) throw err;
      log(`restart attempt ${attempt} failed (${(err as Error).message.split('\n')[0]}); retrying`);
      await sleep(500);
    }
  }
  restarts++;
  downtimes.push(Date.now() - killedAt);
  log(
    `restart #${restarts}: killed pid ${old} (SIGKILL), pid ${server.pid} serving again after ${Date.now() - killedAt} ms`,
  );
}

// ------------------------------------------------------------------ screens
const {
  rows: [{ seq: startSeq, now: runStart }],
} = await db.query<{ seq: number; now: Date }>('SELECT coalesce(max(seq), 0)::int AS seq, now() AS now FROM events');
const wallToken = await loginToken(server.url, wall);

interface Watch {
  screen: TestScreen;
  /** Every event that reached the socket (live or in a resync reply): seq → incident and status. */
  seen: Map<number, { id: string; status: string }>;
  live: Set<number>;
  replayed: Set<number>;
  /** Replayed events older than what live events had already moved the screen to when the reply came. */
  overtaken: Set<number>;
  connects: number;
}
const watches: Watch[] = [];
for (let i = 0; i < nScreens; i++) {
  const screen = new TestScreen(server.url, wallToken, startSeq);
  const w: Watch = { screen, seen: new Map(), live: new Set(), replayed: new Set(), overtaken: new Set(), connects: 0 };
  const see = (e: LiveEvent) => {
    if (e.incident) w.seen.set(e.seq, { id: e.incident.id, status: e.incident.status });
  };
  screen.socket.on('event', (e: LiveEvent) => {
    w.live.add(e.seq);
    see(e);
  });
  screen.socket.on('connect', () => w.connects++);
  // Watch resync replies too (diagnostics only: what the screen does with them is its own business).
  const sock = screen.socket as unknown as { emitWithAck: (...a: unknown[]) => Promise<unknown> };
  const original = sock.emitWithAck.bind(sock);
  sock.emitWithAck = async (...a: unknown[]) => {
    const reply = (await original(...a)) as ResyncReply;
    if (a[0] === 'resync' && reply?.ok && 'events' in reply) {
      const at = screen.lastSeq;
      for (const e of reply.events) {
        w.replayed.add(e.seq);
        if (e.seq <= at && !w.live.has(e.seq)) w.overtaken.add(e.seq);
        see(e);
      }
    }
    return reply;
  };
  watches.push(w);
}
await Promise.all(watches.map((w) => Promise.race([w.screen.connected(), sleep(10_000)])));
log(`${watches.filter((w) => w.screen.socket.connected).length}/${nScreens} screens connected (from seq ${startSeq})`);

// ------------------------------------------------------------------ run
const conn = await connectSimulator({ url: server.url, user: simUser, password: simPassword, databaseUrl: url, log });
const sim = new Simulator({
  api: conn.api,
  places: conn.places,
  units: conn.units,
  rate,
  speed,
  seed,
  log: (l) => console.log(l),
});
log(
  `simulating for ${minutes} min at ${rate}/s, speed ×${speed}, seed ${seed}; server restart every ${restartEveryS} s`,
);
sim.start();

const endAt = Date.now() + minutes * 60_000;
let interrupted = false;
process.once('SIGINT', () => {
  interrupted = true;
  log('interrupted: finishing early and checking');
});
let nextRestart = Date.now() + restartEveryS * 1000;
while (Date.now() < endAt && !interrupted) {
  await sleep(Math.max(0, Math.min(250, endAt - Date.now())));
  // No restart in the last 10 s: the end check wants a settled server.
  if (Date.now() >= nextRestart && endAt - Date.now() > 10_000) {
    await restartServer();
    nextRestart += restartEveryS * 1000;
  }
}
log('stopping the simulator (requests in flight finish)');
await sim.stop(30_000);
console.log(sim.progressLine());

// ------------------------------------------------------------------ checks
log(`simulator stopped; checking the database`);
const findings: Finding[] = await verifyRun(db, sim, simUser, runStart);
log('database checked; waiting for the screens');

const latestSeq = async () =>
  (await db.query<{ s: number }>('SELECT coalesce(max(seq), 0)::int AS s FROM events')).rows[0].s;
const target = await latestSeq();
const settleStart = Date.now();
while (Date.now() - settleStart < 20_000 && watches.some((w) => w.screen.lastSeq < target)) await sleep(100);
log(
  `screens settled in ${Date.now() - settleStart} ms (latest seq ${target}; screens at ${watches.map((w) => w.screen.lastSeq).join(', ')})`,
);

const { rows: changed } = await db.query<{ id: string; status: string; last_seq: number; seqs: number[] }>(
  `SELECT i.id::text, i.status, max(e.seq)::int AS last_seq, array_agg(e.seq::int ORDER BY e.seq) AS seqs
   FROM events e JOIN incidents i ON i.id::text = e.payload->'incident'->>'id'
   WHERE e.seq > $1 GROUP BY i.id, i.status`,
  [startSeq],
);
const CLOSED = new Set(['archived', 'evaluated', 'rejected', 'duplicate']);
watches.forEach((w, k) => {
  const s = w.screen;
  // What a screen that applied everything it was sent would show: the status of the newest event per incident.
  const shadow = new Map<string, { seq: number; status: string }>();
  for (const [seq, e] of w.seen) if ((shadow.get(e.id)?.seq ?? -1) < seq) shadow.set(e.id, { seq, status: e.status });
  const undelivered: string[] = [];
  const bad: string[] = [];
  let overtaken = 0;
  let wrong = 0;
  for (const inc of changed) {
    const sent = shadow.get(inc.id);
    const snapshotted = s.snapshots > 0 && CLOSED.has(inc.status);
    if (sent?.status !== inc.status && !(sent === undefined && snapshotted)) {
      undelivered.push(
        `${inc.id}: database ${inc.status} (events ${inc.seqs.join(',')}), newest sent ${sent ? `${sent.status} at seq ${sent.seq}` : 'none'}`,
      );
    }
    const shown = s.state.get(inc.id);
    if (shown === inc.status || (shown === undefined && snapshotted)) continue;
    wrong++;
    const why = w.overtaken.has(inc.last_seq)
      ? 'came in a resync reply after newer live events had moved the screen past it, so the screen skipped it'
      : w.live.has(inc.last_seq)
        ? 'arrived live'
        : w.replayed.has(inc.last_seq)
          ? 'arrived in a resync reply'
          : 'never reached this screen';
    if (w.overtaken.has(inc.last_seq)) overtaken++;
    if (bad.length < 4)
      bad.push(
        `${inc.id}: screen ${shown ?? '(absent)'}, database ${inc.status}; events ${inc.seqs.join(',')}; the last ${why}`,
      );
  }
  findings.push({
    check: `screen ${k + 1}: the server sent every change (newest event per incident = database)`,
    ok: undelivered.length === 0,
    detail: `${changed.length - undelivered.length}/${changed.length} (connected ${w.connects}×, ${w.live.size} events live, ${w.replayed.size} replayed, ${s.snapshots} snapshots)`,
    examples: undelivered.slice(0, 4),
  });
  findings.push({
    check: `screen ${k + 1}: TestScreen state = database for every incident changed in the run`,
    ok: wrong === 0,
    detail:
      `${changed.length - wrong}/${changed.length} (lastSeq ${s.lastSeq}/${target})` +
      (wrong
        ? `; ${overtaken} of the ${wrong} wrong ones: a replayed event skipped because live events overtook the resync`
        : ''),
    examples: bad,
  });
});
findings.push({
  check: 'no 5xx other than 503 (database/server away)',
  ok: sim.stats.internalErrors === 0,
  detail: `${sim.stats.internalErrors} (503s: ${sim.stats.statuses.get(503) ?? 0})`,
});

// ------------------------------------------------------------------ summary
for (const w of watches) w.screen.close();
await server.stop();
await db.end();

const failed = findings.filter((f) => !f.ok);
const d = [...downtimes].sort((a, b) => a - b);
console.log(`
soak: ${((Date.now() - t0) / 60_000).toFixed(1)} min on ${databaseName(url)}, rate ${rate}/s, speed ×${speed}, ${nScreens} screens, seed ${seed}
server restarts (SIGKILL): ${restarts}${d.length ? `, back in ${d[0]}–${d[d.length - 1]} ms` : ''}
${sim.stats.summary()}
incidents changed during the run: ${changed.length}; events ${startSeq + 1}…${target}

checks:
${formatFindings(findings)}

${failed.length ? `FAILED: ${failed.length} check(s)` : 'all checks passed'}`);
process.exit(failed.length ? 1 : 0);
