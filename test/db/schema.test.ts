import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../helpers/db.ts';

let db: pg.Client;
beforeAll(async () => {
  db = new pg.Client({ connectionString: testDatabaseUrl() });
  await db.connect();
});
afterAll(() => db.end());

/** Runs a statement in a transaction that is always rolled back, returning its error. */
async function failure(sql: string, params: unknown[] = []): Promise<string> {
  await db.query('BEGIN');
  try {
    await db.query(sql, params);
    return '';
  } catch (err) {
    return (err as Error).message;
  } finally {
    await db.query('ROLLBACK');
  }
}

describe('schema', () => {
  it('records every migration file, in order', async () => {
    const files = fs
      .readdirSync(path.resolve('db/migrations'))
      .filter((f) => f.endsWith('.sql'))
      .sort();
    const { rows } = await db.query('SELECT name FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.name)).toEqual(files);
  });

  it('rejects invalid polygons', async () => {
    const community = (await db.query('SELECT id FROM communities LIMIT 1')).rows[0].id;
    const bowtie = 'SRID=4326;MULTIPOLYGON(((111.6 26.2,111.61 26.21,111.61 26.2,111.6 26.21,111.6 26.2)))';
    const msg = await failure(
      `INSERT INTO grids (community_id, code, name, type, geom) VALUES ($1, 'X-BOWTIE', 'bowtie', 'urban', $2)`,
      [community, bowtie],
    );
    expect(msg).toMatch(/check constraint/);
  });

  it('keeps grids single-part unless multipart is allowed', async () => {
    const community = (await db.query('SELECT id FROM communities LIMIT 1')).rows[0].id;
    const two =
      'SRID=4326;MULTIPOLYGON(((111.6 26.2,111.601 26.2,111.601 26.201,111.6 26.2)),((111.7 26.2,111.701 26.2,111.701 26.201,111.7 26.2)))';
    expect(
      await failure(
        `INSERT INTO grids (community_id, code, name, type, geom) VALUES ($1, 'X-TWO', 'two', 'urban', $2)`,
        [community, two],
      ),
    ).toMatch(/check constraint/);
    expect(
      await failure(
        `INSERT INTO grids (community_id, code, name, type, geom, allow_multipart) VALUES ($1, 'X-TWO', 'two', 'unit', $2, true)`,
        [community, two],
      ),
    ).toBe('');
  });

  it('enforces foreign keys and value ranges', async () => {
    expect(
      await failure(`INSERT INTO grids (community_id, code, name, type, geom)
      VALUES (-5, 'X-FK', 'fk', 'urban', 'SRID=4326;MULTIPOLYGON(((111.6 26.2,111.601 26.2,111.601 26.201,111.6 26.2)))')`),
    ).toMatch(/foreign key/);
    expect(
      await failure(
        `INSERT INTO cameras (code, bearing_deg, fov_deg, range_m, geom) VALUES ('X', 720, 60, 50, 'SRID=4326;POINT(111.6 26.2)')`,
      ),
    ).toMatch(/check constraint/);
    expect(
      await failure(
        `INSERT INTO cameras (code, bearing_deg, fov_deg, range_m, geom) VALUES ('X', 10, 60, -1, 'SRID=4326;POINT(111.6 26.2)')`,
      ),
    ).toMatch(/check constraint/);
    expect(await failure(`INSERT INTO users (username, role, password_hash) VALUES ('x', 'root', 'h')`)).toMatch(
      /check constraint/,
    );
  });

  it('keeps incident history append-only', async () => {
    expect(
      await failure('UPDATE incident_history SET note = $1 WHERE id = (SELECT min(id) FROM incident_history)', [
        'rewritten',
      ]),
    ).toMatch(/append-only/);
    expect(await failure('DELETE FROM incident_history WHERE id = (SELECT min(id) FROM incident_history)')).toMatch(
      /append-only/,
    );
  });

  it('notifies listeners of outbox events only when they commit', async () => {
    const listener = new pg.Client({ connectionString: testDatabaseUrl() });
    await listener.connect();
    const seen: string[] = [];
    listener.on('notification', (n) => seen.push(String(JSON.parse(n.payload ?? 'null')?.seq)));
    await listener.query('LISTEN gridboard_events');
    await failure(`INSERT INTO events (type, payload) VALUES ('test.rolled_back', '{}')`);
    const { rows } = await db.query(`INSERT INTO events (type, payload) VALUES ('test.committed', '{}') RETURNING seq`);
    // Notifications arrive in commit order: once the committed event's is here, a rolled-back one would be too.
    await expect.poll(() => seen.includes(String(rows[0].seq)), { timeout: 10_000 }).toBe(true);
    await listener.end();
    expect(seen).toEqual([String(rows[0].seq)]);
  });
});
