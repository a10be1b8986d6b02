/** Calendar checks for input: JavaScript's Date.parse rolls "2026-02-30" over to 2 March; PostgreSQL refuses it. */

/** Whether YYYY-MM-DD names a real calendar day. */
export function isCalendarDay(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/**
 * An ISO-8601 date-time as a Date, or null when it is not one: unlike `new Date`, a day that does
 * not exist (2024-02-30T00:00:00Z) is refused instead of rolled over, and so is a year beyond 9999.
 */
export function parseInstant(text: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2})([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(text.trim());
  if (!m || !isCalendarDay(m[1]!)) return null;
  const d = new Date(text.trim());
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Whether a value fits a PostgreSQL `integer` column (ids, counts): beyond it the database errs. */
export const isInt4 = (v: unknown): v is number => Number.isInteger(v) && Math.abs(v as number) < 2 ** 31;

const DAY_MS = 86_400_000;
const dayNumber = (ymd: string) => Date.parse(`${ymd}T00:00:00Z`) / DAY_MS;

/**
 * Why a day cannot be assessed, or null when it can: the day must be a calendar day no further
 * back than the GPS fixes are kept (`keptDays`, nothing older exists to assess) and at most one
 * day after the city's today (clocks and time zones differ a little, not by years).
 */
export function assessableDayProblem(day: string, today: string, keptDays: number): string | null {
  if (!isCalendarDay(day)) return `day ${day} is not a calendar day (YYYY-MM-DD)`;
  const offset = dayNumber(day) - dayNumber(today);
  if (offset > 1) return `day ${day} lies in the future (today is ${today})`;
  if (offset < -keptDays) return `day ${day} is before the kept GPS fixes (the last ${keptDays} days)`;
  return null;
}
