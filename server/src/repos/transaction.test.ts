import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { beginStatement, inTransaction } from './transaction.ts';

/** A pool of one recording connection; `fail` makes the statements that start with it throw. */
function fakePool(fail: string[] = []) {
  const log: string[] = [];
  const released: (Error | boolean | undefined)[] = [];
  const client = {
    query: async (text: string) => {
      log.push(text);
      if (fail.some((f) => text.startsWith(f))) throw new Error(`${text} failed`);
      return { rows: [], rowCount: 0 };
    },
    release: (err?: Error | boolean) => released.push(err),
  };
  const pool = { connect: async () => client } as unknown as pg.Pool;
  return { pool, log, released };
}

describe('inTransaction', () => {
  it('commits what fn did and returns its result', async () => {
    const { pool, log, released } = fakePool();
    const r = await inTransaction(pool, async (c) => {
      await c.query('UPDATE t SET x = 1');
      return 42;
    });
    expect(r).toBe(42);
    expect(log).toEqual(['BEGIN', 'UPDATE t SET x = 1', 'COMMIT']);
    expect(released).toEqual([undefined]);
  });

  it('rolls back and rethrows when fn throws', async () => {
    const { pool, log, released } = fakePool();
    await expect(inTransaction(pool, async () => { throw new Error('refused'); })).rejects.toThrow('refused');
    expect(log).toEqual(['BEGIN', 'ROLLBACK']);
    expect(released).toEqual([undefined]);
  });

  it('rolls back a preview even when fn succeeds', async () => {
    const { pool, log } = fakePool();
    expect(await inTransaction(pool, async () => 'seen', { rollback: true })).toBe('seen');
    expect(log).toEqual(['BEGIN', 'ROLLBACK']);
  });

  it('releases a connection whose ROLLBACK failed with that error, so the pool drops it', async () => {
    const { pool, released } = fakePool(['UPDATE', 'ROLLBACK']);
    await expect(inTransaction(pool, (c) => c.query('UPDATE t SET x = 1'))).rejects.toThrow('UPDATE t SET x = 1 failed');
    expect(released).toHaveLength(1);
    expect(released[0]).toBeInstanceOf(Error);
    expect((released[0] as Error).message).toBe('ROLLBACK failed');
  });

  it('rolls back after a failed COMMIT', async () => {
    const { pool, log } = fakePool(['COMMIT']);
    await expect(inTransaction(pool, async () => 1)).rejects.toThrow('COMMIT failed');
    expect(log).toEqual(['BEGIN', 'COMMIT', 'ROLLBACK']);
  });

  it('begins with the isolation level and read-only mode asked for', () => {
    expect(beginStatement()).toBe('BEGIN');
    expect(beginStatement({ isolation: 'repeatable read', readOnly: true })).toBe('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    expect(beginStatement({ isolation: 'serializable' })).toBe('BEGIN ISOLATION LEVEL SERIALIZABLE');
  });
});
