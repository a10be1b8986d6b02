/**
 * Getting the simulator ready: a logged-in API client (given credentials, or a `simulator`
 * operator created or reused through the database), the city's places and the units to send.
 */
import pg from 'pg';
import { randomPassword } from '../../server/src/auth/password.ts';
import { createUser, findUser, setPassword } from '../../server/src/repos/users.ts';
import { databaseName, redact } from '../lib/db.ts';
import { Api } from './http.ts';
import { PlacePicker, UnitDirectory } from './places.ts';

export interface ConnectOptions {
  url: string;
  /** Log in as this user (with `password`) … */
  user?: string;
  password?: string;
  /** … or create/reuse this operator through the database (default `simulator`). */
  simulatorUser?: string;
  /** The server's database, for the user and for choosing places; null: API only. */
  databaseUrl?: string | null;
  log?: (m: string) => void;
}

export interface Connected {
  api: Api;
  username: string;
  places: PlacePicker;
  units: UnitDirectory;
}

/**
 * Makes sure an operator account exists for the simulator with a password we know: creates it,
 * or gives the existing one a fresh password (it is the simulator's own account).
 */
export async function ensureSimulatorUser(
  db: pg.Pool | pg.ClientBase,
  username: string,
  log: (m: string) => void,
): Promise<string> {
  const password = randomPassword();
  const existing = await findUser(db, username);
  if (!existing) {
    await createUser(db, username, 'operator', password);
    log(`created operator user "${username}"`);
  } else {
    if (existing.role !== 'operator' && existing.role !== 'admin') {
      throw new Error(
        `user "${username}" exists with role ${existing.role}; the simulator needs an operator (pick another --sim-user)`,
      );
    }
    if (existing.disabled) throw new Error(`user "${username}" is disabled`);
    await setPassword(db, username, password);
    log(`reusing user "${username}" (${existing.role}); gave it a fresh password for this run`);
  }
  return password;
}

export async function connectSimulator(o: ConnectOptions): Promise<Connected> {
  const log = o.log ?? (() => {});
  // Fail fast while setting up (a wrong --url); retry longer once running (server restarts).
  const api = new Api(o.url, { retryForMs: 8_000 });
  let db: pg.Client | null = null;
  if (o.databaseUrl) {
    db = new pg.Client({ connectionString: o.databaseUrl, application_name: 'gridboard-simulator' });
    try {
      await db.connect();
    } catch (err) {
      log(`no database access (${redact(o.databaseUrl)}: ${(err as Error).message}); using the API only`);
      db = null;
    }
  }
  try {
    let username: string;
    if (o.user) {
      if (!o.password) throw new Error('--user needs --password');
      await api.login(o.user, o.password);
      username = o.user;
      log(`logged in as "${username}"`);
    } else {
      if (!db)
        throw new Error(
          'no database access to create the simulator user: pass --user and --password (an operator), or --db / DATABASE_URL',
        );
      username = o.simulatorUser ?? 'simulator';
      const password = await ensureSimulatorUser(db, username, (m) =>
        log(`${m} in database ${databaseName(o.databaseUrl!)}`),
      );
      try {
        await api.login(username, password);
      } catch (err) {
        throw new Error(
          `${(err as Error).message}\n  (is ${o.url} running on database ${databaseName(o.databaseUrl!)}? pass --db with the server's DATABASE_URL, or --user/--password)`,
          { cause: err },
        );
      }
      log(`logged in as "${username}"`);
    }
    const places = await PlacePicker.load(api, db);
    const units = await UnitDirectory.load(api, db);
    log(
      `city: ${places.grids.length} grids, ${places.keyPlaces.length} key places, ${places.buildings.length} sampled buildings, ` +
        `${units.teams.length} patrol teams${db ? '' : ' (API only: no key places, buildings or patrol teams)'}`,
    );
    api.retryForMs = 30_000;
    return { api, username, places, units };
  } finally {
    // Only reads were made on it; a connection that cannot close cleanly is already gone.
    await db?.end().catch(() => {});
  }
}
