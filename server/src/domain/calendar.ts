/** Calendar checks for input: JavaScript's Date.parse rolls "2026-02-30" over to 2 March; PostgreSQL refuses it. */

/** Whether YYYY-MM-DD names a real calendar day. */
export function isCalendarDay(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** Whether a value fits a PostgreSQL `integer` column (ids, counts): beyond it the database errs. */
export const isInt4 = (v: unknown): v is number => Number.isInteger(v) && Math.abs(v as number) < 2 ** 31;
