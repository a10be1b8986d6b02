/** `npm run db:url | db:start | db:migrate | stop` — the database lifecycle. */
import { stopCluster, ClusterError } from './lib/cluster.ts';
import { ensureDatabase, resolveDatabaseUrl } from './lib/db.ts';
import { migrate } from './lib/migrate.ts';

const cmd = process.argv[2] ?? 'url';
try {
  switch (cmd) {
    case 'url': {
      const url = await resolveDatabaseUrl();
      console.log(url);
      break;
    }
    case 'start': {
      const url = await resolveDatabaseUrl();
      await ensureDatabase(url);
      console.log(url);
      break;
    }
    case 'migrate': {
      const url = await resolveDatabaseUrl();
      await ensureDatabase(url);
      const applied = await migrate(url);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
      break;
    }
    case 'stop': {
      if (process.env.DATABASE_URL) {
        console.log('DATABASE_URL is set: the external database is left running.');
      } else {
        console.log(stopCluster() ? 'PostgreSQL stopped.' : 'PostgreSQL was not running.');
      }
      break;
    }
    default:
      console.error(`unknown command "${cmd}" (use url, start, migrate or stop)`);
      process.exit(2);
  }
} catch (err) {
  if (err instanceof ClusterError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
