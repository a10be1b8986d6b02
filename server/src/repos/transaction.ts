/**
 * One transaction on one pooled connection: BEGIN (with an isolation level and read-only mode
 * when asked), fn(client), COMMIT — or ROLLBACK when fn throws, or always for a preview. The
 * connection goes back to the pool; one whose ROLLBACK failed (the connection broke) is
 * released with that error, so the pool destroys it instead of handing it out again.
 */
import type pg from 'pg';

export type IsolationLevel = 'read committed' | 'repeatable read' | 'serializable';

export interface TransactionOptions {
  isolation?: IsolationLevel;
  readOnly?: boolean;
  /** Roll back instead of committing: fn sees its own changes, nobody else ever does (previews, what-ifs). */
  rollback?: boolean;
}

const ISOLATION: Record<IsolationLevel, string> = {
  'read committed': 'READ COMMITTED',
  'repeatable read': 'REPEATABLE READ',
  serializable: 'SERIALIZABLE',
};

/** The BEGIN statement for `opts`, from fixed words only. */
export function beginStatement(opts: TransactionOptions = {}): string {
  let s = 'BEGIN';
  if (opts.isolation) s += ` ISOLATION LEVEL ${ISOLATION[opts.isolation]}`;
  if (opts.readOnly) s += ' READ ONLY';
  return s;
}

export async function inTransaction<T>(
  db: pg.Pool,
  fn: (client: pg.PoolClient) => Promise<T>,
  opts: TransactionOptions = {},
): Promise<T> {
  const client = await db.connect();
  let broken: Error | undefined;
  try {
    await client.query(beginStatement(opts));
    const result = await fn(client);
    await client.query(opts.rollback ? 'ROLLBACK' : 'COMMIT');
    return result;
  } catch (err) {
    try {
      await client.query('ROLLBACK');
    } catch (rollbackError) {
      // The caller gets the first error; this one only decides that the connection is not reused.
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    }
    throw err;
  } finally {
    client.release(broken);
  }
}
