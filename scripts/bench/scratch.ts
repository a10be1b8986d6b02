/**
 * What the latency benchmarks bring into the bench database and take out again: throw-away
 * users, incidents reported at points of the city, and their removal, so that repeated runs do
 * not grow the city.
 */
import type pg from 'pg';
import { createUser } from '../../server/src/repos/users.ts';
import { randomPassword } from '../../server/src/auth/password.ts';
import type { Role } from '../../server/src/domain/roles.ts';

export interface Creds {
  username: string;
  password: string;
}

export interface Point {
  lon: number;
  lat: number;
}

/** A user of `role` for this run (bench.ts removes any `bench-%` user a killed run left). */
export async function scratchUser(db: pg.Client, role: Role, name: string): Promise<Creds> {
  const creds = { username: `bench-${name}-${process.pid}`, password: randomPassword() };
  await createUser(db, creds.username, role, creds.password);
  return creds;
}

export async function login(base: string, creds: Creds): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(creds),
  });
  if (!res.ok) throw new Error(`login as ${creds.username} failed: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

/** `n` points inside grids spread over the city. */
export async function cityPoints(db: pg.Client, n: number): Promise<Point[]> {
  const { rows } = await db.query<Point>(
    'SELECT ST_X(p) lon, ST_Y(p) lat FROM (SELECT ST_PointOnSurface(geom) p FROM grids ORDER BY md5(id::text) LIMIT $1) s',
    [n],
  );
  if (!rows.length) throw new Error('the bench database has no grids');
  return rows;
}

/** Reports an incident through the API; resolves when the server answered. */
export async function report(
  base: string,
  token: string,
  body: { id: string; grade: string; description: string } & Point,
): Promise<number> {
  const res = await fetch(`${base}/api/incidents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ category: 'public_security', source: 'hotline', ...body }),
  });
  await res.text();
  return res.status;
}

/**
 * Removes the run's incidents (and their history and events) and users. incident_history is
 * append-only by trigger; replica mode (superuser) skips it.
 */
export async function removeScratch(
  db: pg.Client,
  incidentIds: string[],
  users: Creds[],
  log: (m: string) => void,
): Promise<void> {
  try {
    await db.query('BEGIN');
    await db.query('SET LOCAL session_replication_role = replica');
    await db.query(`DELETE FROM events WHERE payload->'incident'->>'id' = ANY($1::text[])`, [incidentIds]);
    await db.query('DELETE FROM incident_history WHERE incident_id = ANY($1::uuid[])', [incidentIds]);
    await db.query('DELETE FROM incidents WHERE id = ANY($1::uuid[])', [incidentIds]);
    await db.query('COMMIT');
  } catch (err) {
    await db.query('ROLLBACK').catch(() => {}); // the failure that matters is logged next
    log(
      `could not remove the ${incidentIds.length} bench incidents (${(err as Error).message}); they stay in the bench database`,
    );
  }
  for (const u of users) {
    await db.query('DELETE FROM users WHERE username = $1', [u.username]).catch((err: Error) => {
      log(`could not remove the bench user ${u.username} (${err.message}); it stays in the bench database`);
    });
  }
}
