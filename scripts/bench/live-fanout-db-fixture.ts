/**
 * The bench database side of `live-fanout`: a throw-away operator, the grid points the
 * incidents are placed at, the LISTEN that timestamps commits, and the cleanup afterwards.
 */
import pg from 'pg';
import { createUser } from '../../server/src/repos/users.ts';
import { randomPassword } from '../../server/src/auth/password.ts';
import type { Point } from './live-fanout-producer.ts';
import { log, now, type Creds } from './live-fanout-shared.ts';

export interface DbFixture {
  db: pg.Client;
  operator: Creds;
  points: Point[];
  listen: pg.Client;
  /** Commit time by event seq: when our own LISTEN received the outbox row's NOTIFY. */
  commitAt: Map<number, number>;
}

export async function openDbFixture(databaseUrl: string): Promise<DbFixture> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const operator = { username: `bench-op-${process.pid}`, password: randomPassword() };
  await createUser(db, operator.username, 'operator', operator.password);
  const { rows: points } = await db.query<Point>(
    `SELECT ST_X(p) lon, ST_Y(p) lat FROM (SELECT ST_PointOnSurface(geom) p FROM grids ORDER BY md5(id::text) LIMIT 2000) s`,
  );
  if (!points.length) throw new Error('live-fanout: the bench database has no grids');

  // Commit times: our own LISTEN on the outbox channel.
  const commitAt = new Map<number, number>();
  const listen = new pg.Client({ connectionString: databaseUrl, application_name: 'bench-live-fanout' });
  await listen.connect();
  listen.on('notification', (n) => {
    // The payload is the event as JSON, or only its seq when the event is too large for NOTIFY.
    if (n.channel !== 'gridboard_events' || !n.payload) return;
    commitAt.set(n.payload.startsWith('{') ? (JSON.parse(n.payload) as { seq: number }).seq : Number(n.payload), now());
  });
  await listen.query('LISTEN gridboard_events');
  return { db, operator, points, listen, commitAt };
}

/** Closes what openDbFixture opened, after taking the run's incidents (`created`) out again. */
export async function closeDbFixture(fx: DbFixture, created: string[]): Promise<void> {
  // The bench's results are in; a listening connection that cannot close cleanly is gone already.
  await fx.listen.end().catch(() => {});
  await cleanup(fx.db, created, fx.operator.username);
  await fx.db.end();
}

/**
 * Takes the run's incidents out of the bench database again so that repeated runs do not grow
 * the city. incident_history is append-only by trigger; replica mode (superuser) skips it.
 */
async function cleanup(db: pg.Client, ids: string[], operator: string) {
  try {
    await db.query('BEGIN');
    await db.query('SET LOCAL session_replication_role = replica');
    await db.query(`DELETE FROM events WHERE payload->'incident'->>'id' = ANY($1::text[])`, [ids]);
    await db.query('DELETE FROM incident_history WHERE incident_id = ANY($1::uuid[])', [ids]);
    await db.query('DELETE FROM incidents WHERE id = ANY($1::uuid[])', [ids]);
    await db.query('COMMIT');
  } catch (err) {
    await db.query('ROLLBACK').catch(() => {}); // the failure that matters is logged next
    log(
      `could not remove the ${ids.length} bench incidents (${(err as Error).message}); they stay in the bench database`,
    );
  }
  await db.query('DELETE FROM users WHERE username = $1', [operator]).catch((err: Error) => {
    log(`could not remove the bench user ${operator} (${err.message}); it stays in the bench database`);
  });
}
