/**
 * Runs the server alone from the environment (DATABASE_URL required; PORT, HOST, CLIENT_DIR,
 * GRIDBOARD_TILE_CACHE_MB optional). `npm start` does more (database, migrations, sample
 * city, client build) and then calls the same startServer().
 */
import { startServer } from './server.ts';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('DATABASE_URL is required (npm start sets up a local database by itself)');
  process.exit(2);
}
const { address } = await startServer({
  databaseUrl,
  live: true,
  clientDir: process.env.CLIENT_DIR ?? null,
  replayLimit: process.env.GRIDBOARD_REPLAY_LIMIT ? Number(process.env.GRIDBOARD_REPLAY_LIMIT) : undefined,
  tileCacheBytes: process.env.GRIDBOARD_TILE_CACHE_MB !== undefined ? Number(process.env.GRIDBOARD_TILE_CACHE_MB) * 1024 * 1024 : undefined,
});
// One line for supervisors and tests to read, whatever the log level.
process.stdout.write(`gridboard listening at ${address} (pid ${process.pid})\n`);
