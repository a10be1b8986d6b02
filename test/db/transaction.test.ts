/**
 * inTransaction against a real PostgreSQL: what fn wrote is committed, rolled back on a throw
 * or for a preview; the isolation and read-only modes asked for are the ones the server runs;
 * a connection that broke mid-transaction is dropped from the pool, not handed out again.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beginStatement, inTransaction } from '../../server/src/repos/transaction.ts';
import { testDatabaseUrl } from '../helpers/db.ts';

let pool: pg.Pool;
beforeAll(async () => {
  pool = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
  // As plugins/db.ts does: a connection that dies reports it instead of crashing the process.
  const lost: Error[] = [];
  pool.on('error', (err) => lost.push(err));
  pool.on('connect', (client) => client.on('error', (err) => lost.push(err)));
  await pool.query('CREATE TABLE tx_probe (k text PRIMARY KEY)');
});
afterAll(() => pool.end());

const has = async (k: string) => (await pool.query('SELECT 1 FROM tx_probe WHERE k = $1', [k])).rowCount === 1;

describe('inTransaction', () => {
  it('commits what fn did and returns its result', async () => {
    const r = await inTransaction(pool, async (c) => {
      await c.query("INSERT INTO tx_probe VALUES ('committed')");
      return 42;
    });
    expect(r).toBe(42);
    expect(await has('committed')).toBe(true);
  });

  it('rolls back everything fn wrote and rethrows its error', async () => {
    await expect(
      inTransaction(pool, async (c) => {
        await c.query("INSERT INTO tx_probe VALUES ('thrown')");
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await has('thrown')).toBe(false);
  });

  it('rolls back a preview even when fn succeeds, after fn saw its own change', async () => {
    const seen = await inTransaction(
      pool,
      async (c) => {
        await c.query("INSERT INTO tx_probe VALUES ('preview')");
        return (await c.query("SELECT count(*)::int AS n FROM tx_probe WHERE k = 'preview'")).rows[0].n;
      },
      { rollback: true },
    );
    expect(seen).toBe(1);
    expect(await has('preview')).toBe(false);
  });

  it('runs with the isolation level and read-only mode asked for', async () => {
    const modes = await inTransaction(
      pool,
      async (c) =>
        (
          await c.query(
            "SELECT current_setting('transaction_isolation') AS iso, current_setting('transaction_read_only') AS ro",
          )
        ).rows[0],
      { isolation: 'repeatable read', readOnly: true },
    );
    expect(modes).toEqual({ iso: 'repeatable read', ro: 'on' });
    await expect(
      inTransaction(pool, (c) => c.query("INSERT INTO tx_probe VALUES ('ro')"), { readOnly: true }),
    ).rejects.toThrow(/read-only transaction/);
    expect(await has('ro')).toBe(false);
    expect(beginStatement({ isolation: 'serializable' })).toBe('BEGIN ISOLATION LEVEL SERIALIZABLE');
  });

  it('drops a connection that broke mid-transaction, and the pool goes on working', async () => {
    let brokenPid = 0;
    await expect(
      inTransaction(pool, async (c) => {
        brokenPid = (await c.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
        await c.query("INSERT INTO tx_probe VALUES ('broken')");
        // Another connection ends this one's backend: the statement after it and the ROLLBACK both fail.
        const killer = new pg.Client({ connectionString: testDatabaseUrl() });
        await killer.connect();
        await killer.query('SELECT pg_terminate_backend($1)', [brokenPid]);
        await killer.end();
        await c.query('SELECT 1');
      }),
    ).rejects.toThrow();
    expect(await has('broken')).toBe(false);
    // Every connection the pool hands out now is a live one, none of them the killed backend.
    const pids = await Promise.all(
      [0, 1].map(() => inTransaction(pool, async (c) => (await c.query('SELECT pg_backend_pid() AS pid')).rows[0].pid)),
    );
    expect(pids).not.toContain(brokenPid);
  });
});
