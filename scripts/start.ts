/**
 * `npm start [-- --port N --host H --workers N --size small|city]`: database up → migrations →
 * sample city on first run → first admin → client build → server(s) on http://localhost:8080.
 * With --workers N, N server processes share the port (node:cluster); committed events reach
 * every process through the outbox, and socket.io's PostgreSQL adapter joins them.
 */
import cluster from 'node:cluster';
import pg from 'pg';
import { ConfigError, loadConfig, type Config } from '../server/src/config.ts';
import { startServer } from '../server/src/server.ts';
import { ensureFirstAdmin } from '../server/src/repos/users.ts';
import { args } from './lib/args.ts';
import { ClusterError } from './lib/cluster.ts';
import { clientDist, ensureClientBuilt } from './lib/client-build.ts';
import { redact, resolveDatabaseUrl } from './lib/db.ts';
import { ensureDemoWorker, prepareDatabase } from './lib/prepare.ts';

const log = (m: string) => process.stderr.write(`[start] ${m}\n`);

// The environment is checked before anything starts: a bad value stops here, naming the variable.
let config: Config;
try {
  config = loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(2);
}

if (cluster.isWorker) {
  // A worker: the primary has prepared everything and passes what it needs in the environment.
  const { address } = await startServer(
    {
      databaseUrl: process.env.GRIDBOARD_DATABASE_URL!,
      clientDir: clientDist,
      port: Number(process.env.GRIDBOARD_PORT),
      host: process.env.GRIDBOARD_HOST || undefined,
      live: true,
    },
    config,
  );
  process.send!({ listening: address });
} else {
  const { values } = args({
    port: { type: 'string' },
    host: { type: 'string' },
    size: { type: 'string', default: 'small' },
    workers: { type: 'string', default: '1' },
  });
  const workers = Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
    console.error('--workers must be a whole number from 1 to 64');
    process.exit(2);
  }
  try {
    const url = await resolveDatabaseUrl();
    await prepareDatabase(url, { size: values.size === 'city' ? 'city' : 'small', log });

    const db = new pg.Client({ connectionString: url });
    await db.connect();
    const admin = await ensureFirstAdmin(db);
    const demoWorker = await ensureDemoWorker(db);
    await db.end();

    await ensureClientBuilt(log);
    const port = values.port ? Number(values.port) : undefined;
    let address: string;
    if (workers === 1) {
      ({ address } = await startServer(
        { databaseUrl: url, clientDir: clientDist, port, host: values.host, live: true },
        config,
      ));
    } else {
      address = await startWorkers(workers, {
        GRIDBOARD_DATABASE_URL: url,
        GRIDBOARD_PORT: String(port ?? config.port),
        GRIDBOARD_HOST: values.host ?? '',
      });
    }
    printBanner(address, url, admin, workers, demoWorker);
  } catch (err) {
    if (err instanceof ClusterError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}

/** Forks the workers, restarts any that dies, and stops them all on SIGINT/SIGTERM. */
function startWorkers(n: number, env: Record<string, string>): Promise<string> {
  let stopping = false;
  const fork = () => {
    const w = cluster.fork(env);
    w.on('exit', (code, signal) => {
      if (stopping) return;
      log(`worker ${w.process.pid} exited (${signal ?? code}); starting another`);
      fork().once('message', () => log('replacement worker listening'));
    });
    return w;
  };
  // Each worker closes gracefully on SIGTERM; the primary exits once none is left. (Not
  // cluster.disconnect(): it throws on the IPC channel of a worker that is already going.)
  const shutdown = () => {
    stopping = true;
    const live = () => Object.values(cluster.workers ?? {}).filter((w) => w && !w.isDead());
    for (const w of live()) w!.process.kill('SIGTERM');
    const deadline = Date.now() + 12_000;
    const poll = setInterval(() => {
      if (live().length === 0) process.exit(0);
      if (Date.now() > deadline) process.exit(1);
    }, 100);
    poll.unref();
    setTimeout(() => {}, 12_500); // keep the primary alive while it waits
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  return Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<string>((resolve) => fork().once('message', (m: { listening: string }) => resolve(m.listening))),
    ),
  ).then((addresses) => addresses[0]);
}

function printBanner(
  address: string,
  url: string,
  admin: { username: string; password: string } | null,
  workers: number,
  demoWorker: { username: string; password: string } | null = null,
) {
  const local = address.replace(/\/\/(0\.0\.0\.0|\[::\])/, '//localhost');
  const lines = [
    '',
    `  Gridboard is running${workers > 1 ? ` (${workers} server processes)` : ''}`,
    `  Map            ${local}/`,
    `  API docs       ${local}/api/docs`,
    `  Health         ${local}/api/health`,
    `  Database       ${redact(url)}`,
  ];
  if (admin) {
    lines.push(
      '',
      `  First start: an administrator was created. This password is shown only once:`,
      `    username  ${admin.username}`,
      `    password  ${admin.password}`,
      `  Signing in with it, you are asked to choose your own password first.`,
      `  More users:  npm run user -- add --name NAME --role wall|operator|planner|admin --password PASSWORD (a phone: --role worker --unit CODE)`,
    );
  } else {
    lines.push('', '  Log in with your user (create one: npm run user -- add --name N --role R --password P)');
  }
  if (demoWorker) {
    lines.push(
      '',
      `  Grid worker's phone app  ${local}/m  — a demo worker was created (password shown only once):`,
      `    username  ${demoWorker.username}`,
      `    password  ${demoWorker.password}`,
    );
  }
  process.stdout.write(lines.join('\n') + '\n\n');
}
