/** Small formatters and helpers the patrol page's panels share. */
import { ApiError } from '../../api/http';
import type { BBox } from '../../api/types';

export const STATUS_NAMES: Record<string, string> = { on_patrol: 'On patrol 巡逻', responding: 'Responding 处置', off_duty: 'Off duty 下班' };

export const message = (e: unknown) => (e instanceof ApiError ? e.message : e instanceof Error ? e.message : String(e));
export const pct = (x: number) => `${Math.round(x * 100)}%`;
export const hhmm = (iso: string | number) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** The box around some points, a little padded (null for none). */
export function bboxOf(points: [number, number][]): BBox | null {
  if (!points.length) return null;
  let [a, b, c, d] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) { a = Math.min(a, x); b = Math.min(b, y); c = Math.max(c, x); d = Math.max(d, y); }
  const pad = 0.002;
  return [a - pad, b - pad, c + pad, d + pad];
}

/** A time as a datetime-local input shows it (local time, to the minute). */
export function toLocalInput(d: Date) {
  const z = new Date(d.getTime() - d.getTimezoneOffset() * 60_000);
  return z.toISOString().slice(0, 16);
}
