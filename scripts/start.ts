/**
 * `npm start`: database up → migrations → sample city on first run → first admin →
 * client build → server on http://localhost:8080.
 */
import pg from 'pg';
import { startServer } from '../server/src/server.ts';
import { ensureFirstAdmin } from '../server/src/repos/users.ts';
import { args } from './lib/args.ts';
import { ClusterError } from './lib/cluster.ts';
import { clientDist, ensureClientBuilt } from './lib/client-build.ts';
import { redact, resolveDatabaseUrl } from './lib/db.ts';
import { prepareDatabase } from './lib/prepare.ts';

const { values } = args({
  port: { type: 'string' },
  host: { type: 'string' },
  size: { type: 'string', default: 'small' },
});
const log = (m: string) => process.stderr.write(`[start] ${m}\n`);

try {
  const url = await resolveDatabaseUrl();
  await prepareDatabase(url, { size: values.size === 'city' ? 'city' : 'small', log });

  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const admin = await ensureFirstAdmin(db);
  await db.end();

  await ensureClientBuilt(log);
  const port = values.port ? Number(values.port) : undefined;
  const { address } = await startServer({ databaseUrl: url, clientDir: clientDist, port, host: values.host, live: true });
  const local = address.replace(/\/\/(0\.0\.0\.0|\[::\])/, '//localhost');
  const lines = [
    '',
    '  Gridboard is running',
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
      `  More users:  npm run user -- add --name NAME --role wall|operator|planner|admin --password PASSWORD`,
    );
  } else {
    lines.push('', '  Log in with your user (create one: npm run user -- add --name N --role R --password P)');
  }
  process.stdout.write(lines.join('\n') + '\n\n');
} catch (err) {
  if (err instanceof ClusterError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
