/**
 * The PostgreSQL pool. A dead database must never crash the server: idle-client errors are
 * logged, connection attempts time out fast, and route errors map to 503 (see errors.ts).
 */
import fp from 'fastify-plugin';
import pg from 'pg';

declare module 'fastify' {
  interface FastifyInstance {
    db: pg.Pool;
  }
}

export interface DbOptions {
  databaseUrl: string;
  poolSize?: number;
}

// int8 (counts, sums) as JS numbers: every count this product shows fits in 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

export default fp<DbOptions>(
  async (app, opts) => {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 20,
      // Waiting this long for a free connection means overload; a database that is down
      // refuses at once (ECONNREFUSED), so outages still answer 503 quickly.
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30_000,
      // A hung query must not hang a request forever.
      statement_timeout: 30_000,
      application_name: 'gridboard',
    });
    pool.on('error', (err) => app.log.warn({ err: err.message }, 'idle database connection failed'));
    // A client that is checked out when the database goes away (e.g. the socket.io adapter's
    // LISTEN connection) emits 'error' too; unhandled, that would kill the process.
    pool.on('connect', (client) =>
      client.on('error', (err) => app.log.warn({ err: err.message }, 'database connection lost')),
    );
    app.decorate('db', pool);
    app.addHook('onClose', async () => {
      await pool.end();
    });
  },
  { name: 'db' },
);
