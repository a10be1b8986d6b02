/**
 * Runs the server alone from the environment (DATABASE_URL required; everything else in
 * README "Configuration" optional, validated by config.ts). `npm start` does more (database,
 * migrations, sample city, client build) and then calls the same startServer().
 */
import { ConfigError, loadConfig, type Config } from './config.ts';
import { startServer } from './server.ts';

let config: Config;
try {
  config = loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(2);
}
if (!config.databaseUrl) {
  console.error('DATABASE_URL is required (npm start sets up a local database by itself)');
  process.exit(2);
}
const { address } = await startServer({ databaseUrl: config.databaseUrl, live: true }, config);
// One line for supervisors and tests to read, whatever the log level.
process.stdout.write(`gridboard listening at ${address} (pid ${process.pid})\n`);
