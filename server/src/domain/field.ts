/** Pure rules of the field side: days in the city's time zone. */

/** Today (or the day of `at`) in a time zone, as YYYY-MM-DD: the day the patrol assessment uses. */
export function cityDay(timeZone: string, at = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

export { isCalendarDay } from './calendar.ts';
