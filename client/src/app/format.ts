/**
 * Number and time formatting for the UI (pure; `now` and the time zone are parameters).
 * Times are shown in the city's time zone when the server gives one, else the browser's.
 */

const intFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatInt(value: number | null | undefined): string {
  return value === null || value === undefined || Number.isNaN(value) ? '—' : intFormat.format(value);
}

export function formatPercent(ratio: number): string {
  return Number.isFinite(ratio) ? `${(ratio * 100).toFixed(ratio >= 0.995 || ratio < 0.1 ? 0 : 1)}%` : '—';
}

/** "3 min ago", "5 h ago", "2 d ago". */
export function formatRelativeTime(iso: string, now: number = Date.now()): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 60) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.round(h / 24)} d ago`;
}

interface Parts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsOf(d: Date, timeZone?: string): Parts {
  const key = timeZone ?? '';
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
      hourCycle: 'h23',
    });
    formatters.set(key, f);
  }
  const p: Record<string, string> = {};
  for (const { type, value } of f.formatToParts(d)) p[type] = value;
  return {
    year: p.year,
    month: p.month,
    day: p.day,
    hour: p.hour,
    minute: p.minute,
    second: p.second,
    weekday: WEEKDAYS_EN.indexOf(p.weekday),
  };
}

/** Calendar date as YYYY-MM-DD. */
export function formatDate(d: Date, timeZone?: string): string {
  const p = partsOf(d, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** Time as HH:MM:SS (24 h). */
export function formatTime(d: Date, timeZone?: string): string {
  const p = partsOf(d, timeZone);
  return `${p.hour}:${p.minute}:${p.second}`;
}

const WEEKDAYS_ZH = ['日', '一', '二', '三', '四', '五', '六'];
const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function formatWeekday(d: Date, timeZone?: string): string {
  const w = partsOf(d, timeZone).weekday;
  return w < 0 ? '' : `${WEEKDAYS_EN[w]} 星期${WEEKDAYS_ZH[w]}`;
}
