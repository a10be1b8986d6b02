import type pg from 'pg';

export async function getSetting(db: pg.Pool, key: string): Promise<string | null> {
  const { rows } = await db.query<{ value: string }>('SELECT value FROM app_settings WHERE key = $1', [key]);
  return rows[0]?.value ?? null;
}
