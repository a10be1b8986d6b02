/**
 * The sample city's clock. The generator writes 90 days of a working centre ending at the moment
 * it runs; left alone, that city ages: a day later every step still open is a day late, and the
 * screens show a centre in crisis (nine open incidents in ten overdue). So the load records the
 * moment its timeline ends (`sample_clock`), and every start that finds it older than
 * `STALE_MS` moves the whole timeline forward to now (sample-clock.sql) — one transaction, under
 * an advisory lock, never on a real city's database.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';

/** A sample older than this is brought to now on start (a few minutes of ageing change nothing a user sees). */
export const STALE_MS = 10 * 60_000;
const SHIFT_SQL = readFileSync(new URL('./sample-clock.sql', import.meta.url), 'utf8');
const LOCK = 0x6762_636c; // 'gbcl'

/** Records that the sample city's timeline ends at `at` (called by the sample loader). */
export async function setSampleClock(db: pg.ClientBase, at: Date): Promise<void> {
  await db.query(
    `INSERT INTO app_settings (key, value) VALUES ('sample_clock', $1)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    [at.toISOString()],
  );
}

/**
 * Moves a stale sample city's timeline to now. Returns how far it moved it (ms), or 0 when there
 * is nothing to do: a real city, a fresh sample, or one loaded before the clock was recorded
 * (its end cannot be told from the rows users and benchmarks added since).
 */
export async function bringSampleToNow(url: string, staleMs = STALE_MS): Promise<number> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    await db.query('BEGIN');
    await db.query('SELECT pg_advisory_xact_lock($1)', [LOCK]);
    const { rows } = await db.query<{ clock: string | null; real: boolean }>(
      `SELECT (SELECT value FROM app_settings WHERE key = 'sample_clock') AS clock,
              EXISTS (SELECT 1 FROM app_settings WHERE key = 'city_source' AND value = 'real') AS real`,
    );
    const clock = rows[0].clock ? Date.parse(rows[0].clock) : NaN;
    const now = Date.now();
    if (rows[0].real || !Number.isFinite(clock) || Math.abs(now - clock) < staleMs) {
      await db.query('ROLLBACK');
      return 0;
    }
    const shiftMs = now - clock;
    // The statements of sample-clock.sql share one parameter; pg sends one statement per query.
    for (const statement of statements(SHIFT_SQL)) {
      await db.query(statement, statement.includes('$1') ? [`${shiftMs} milliseconds`] : []);
    }
    await setSampleClock(db, new Date(now));
    await db.query('COMMIT');
    return shiftMs;
  } catch (err) {
    await db.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    await db.end();
  }
}

/** The statements of a SQL file (split at semicolons that end a line; comments dropped). */
function statements(sql: string): string[] {
  return sql
    .split('\n')
    .filter((l) => !l.trimStart().startsWith('--'))
    .join('\n')
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter(Boolean);
}
