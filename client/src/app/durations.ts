/** Short durations for dense lists: ages, "due in", "overdue by" (pure; `now` is a parameter). */

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** "<1m", "12m", "3h 05m", "2d 4h". */
export function formatDuration(ms: number): string {
  const t = Math.max(0, ms);
  if (t < MIN) return '<1m';
  if (t < HOUR) return `${Math.floor(t / MIN)}m`;
  if (t < DAY) {
    const h = Math.floor(t / HOUR);
    const m = Math.floor((t % HOUR) / MIN);
    return `${h}h ${String(m).padStart(2, '0')}m`;
  }
  const d = Math.floor(t / DAY);
  const h = Math.floor((t % DAY) / HOUR);
  return h ? `${d}d ${h}h` : `${d}d`;
}

/** Time since `iso`, e.g. "12m". */
export function age(iso: string, now: number): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '—' : formatDuration(now - t);
}

export interface DueLabel {
  /** "due in 12m" / "overdue 25m". */
  en: string;
  zh: string;
  overdue: boolean;
  /** Due within the next 15 minutes. */
  soon: boolean;
}

/** How the current step stands against its due time; null when it has none. */
export function dueLabel(dueAt: string | null, now: number, overdueFlag = false): DueLabel | null {
  if (!dueAt) return null;
  const t = Date.parse(dueAt);
  if (Number.isNaN(t)) return null;
  const left = t - now;
  if (left < 0 || overdueFlag) {
    const d = formatDuration(-left);
    return { en: `overdue ${d}`, zh: `超时 ${d}`, overdue: true, soon: false };
  }
  const d = formatDuration(left);
  return { en: `due in ${d}`, zh: `剩余 ${d}`, overdue: false, soon: left <= 15 * MIN };
}

const hm = new Map<string, Intl.DateTimeFormat>();

/** "14:05" in the given time zone (the browser's when undefined). */
export function clockTime(iso: string, timeZone?: string): string {
  const key = timeZone ?? '';
  let f = hm.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    hm.set(key, f);
  }
  const t = new Date(iso);
  return Number.isNaN(t.getTime()) ? '—' : f.format(t);
}

const mdhm = new Map<string, Intl.DateTimeFormat>();

/** "03-14 14:05" in the given time zone. */
export function dateTime(iso: string, timeZone?: string): string {
  const key = timeZone ?? '';
  let f = mdhm.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    mdhm.set(key, f);
  }
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return '—';
  const p: Record<string, string> = {};
  for (const { type, value } of f.formatToParts(t)) p[type] = value;
  return `${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** "85 m", "1.2 km". */
export function formatMeters(m: number): string {
  if (!Number.isFinite(m)) return '—';
  return m < 1000 ? `${Math.round(m)} m` : `${(m / 1000).toFixed(m < 10_000 ? 1 : 0)} km`;
}
