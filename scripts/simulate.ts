/**
 * `npm run simulate -- --rate 5 [--url http://localhost:8080] [--user U --password P]
 *   [--duration 60] [--seed N] [--speed 1] [--db DATABASE_URL] [--sim-user simulator] [--own-only]`
 *
 * A city at work against a running server, through its public HTTP API only: reports arrive at
 * `--rate` per second on average (Poisson), at plausible places, in Chinese, ~80/15/5 % routine/
 * key/difficult, some of them near-duplicates of recent ones; operators and grid workers move
 * them (and what they find in the queue, unless --own-only) through the closed loop after human
 * delays divided by `--speed`. Prints a line every 10 s and a summary at the end (Ctrl-C or
 * --duration). Without --user it creates or reuses an operator `simulator` through the database
 * (--db, else DATABASE_URL, else the local cluster's database when --url is local). With --user,
 * the database is read (key places, buildings, patrol teams) only when --db or DATABASE_URL names
 * it; otherwise places come from the grids of `GET /api/grids` alone. Writes always go through HTTP.
 * Patrols: `--patrols N` (default 300; 0 = none) units on duty walk or drive along the streets and
 * report a GPS fix every `--fix-every` seconds (default 10); dispatched units head for their incident.
 */
import { args } from './lib/args.ts';
import { redact, resolveDatabaseUrl } from './lib/db.ts';
import { Simulator } from './simulate/engine.ts';
import { connectSimulator } from './simulate/setup.ts';
import { PatrolMover } from './simulate/patrols.ts';

const { values } = args({
  rate: { type: 'string', default: '5' },
  url: { type: 'string', default: 'http://localhost:8080' },
  user: { type: 'string' },
  password: { type: 'string' },
  duration: { type: 'string' },
  seed: { type: 'string' },
  speed: { type: 'string', default: '1' },
  db: { type: 'string' },
  'sim-user': { type: 'string', default: 'simulator' },
  'own-only': { type: 'boolean', default: false },
  'max-in-flight': { type: 'string', default: '64' },
  patrols: { type: 'string', default: '300' },
  'fix-every': { type: 'string', default: '10' },
  help: { type: 'boolean', short: 'h', default: false },
});

const log = (m: string) => process.stderr.write(`[simulate] ${m}\n`);

if (values.help) {
  console.log(
    'usage: npm run simulate -- [--rate 5] [--url http://localhost:8080] [--user U --password P] [--duration S] [--seed N] [--speed 1] [--db URL] [--sim-user NAME] [--own-only] [--patrols 300] [--fix-every 10]',
  );
  process.exit(0);
}

const num = (name: string, v: string | undefined, min: number): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min) {
    console.error(`--${name} must be a number ≥ ${min}`);
    process.exit(2);
  }
  return n;
};
const rate = num('rate', values.rate, 0)!;
const speed = num('speed', values.speed, 0.01)!;
const duration = num('duration', values.duration, 1);
const seed = num('seed', values.seed, 0) ?? Math.floor(Math.random() * 2 ** 31);
const maxInFlight = num('max-in-flight', values['max-in-flight'], 1)!;
const patrolUnits = num('patrols', values.patrols, 0)!;
const fixEvery = num('fix-every', values['fix-every'], 1)!;

async function databaseUrl(): Promise<string | null> {
  if (values.db) return values.db;
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const host = new URL(values.url!).hostname;
  if (!['localhost', '127.0.0.1', '::1', '[::1]'].includes(host)) return null;
  try {
    return await resolveDatabaseUrl();
  } catch (err) {
    log(`the local database is not available (${(err as Error).message.split('\n')[0]})`);
    return null;
  }
}

const dbUrl = values.user ? (values.db ?? process.env.DATABASE_URL ?? null) : await databaseUrl();
log(
  `server ${values.url}; database ${dbUrl ? redact(dbUrl) : 'none (API only)'}; rate ${rate}/s, speed ×${speed}, seed ${seed}${duration ? `, ${duration} s` : ''}`,
);

let connected;
try {
  connected = await connectSimulator({
    url: values.url!,
    user: values.user,
    password: values.password,
    simulatorUser: values['sim-user'],
    databaseUrl: dbUrl,
    log,
  });
} catch (err) {
  log((err as Error).message);
  process.exit(1);
}

const sim = new Simulator({
  api: connected.api,
  places: connected.places,
  units: connected.units,
  rate,
  speed,
  seed,
  adopt: !values['own-only'],
  maxInFlight,
  log: (line) => console.log(line),
});

const patrols =
  patrolUnits > 0 ? new PatrolMover({ api: connected.api, units: patrolUnits, fixEveryS: fixEvery, seed, log }) : null;

let stopping: Promise<void> | null = null;
const stop = (why: string) => {
  if (stopping) return stopping;
  log(`${why}: stopping (waiting for requests in flight; Ctrl-C again to quit now)`);
  stopping = Promise.all([sim.stop(), patrols?.stop()]).then(() => {
    console.log(sim.progressLine());
    if (patrols) console.log(patrols.summary());
    console.log(
      `\nsummary (${Math.round((Date.now() - sim.stats.startedAt) / 1000)} s as "${connected.username}"):\n${sim.stats.summary()}`,
    );
    process.exit(sim.stats.internalErrors > 0 ? 1 : 0);
  });
  return stopping;
};
process.on('SIGINT', () => {
  if (stopping) process.exit(130);
  void stop('interrupted');
});
process.on('SIGTERM', () => void stop('terminated'));
sim.start();
if (patrols) patrols.start().catch((err) => log(`patrols: ${(err as Error).message}`));
if (duration) setTimeout(() => void stop(`${duration} s elapsed`), duration * 1000);
