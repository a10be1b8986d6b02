/** Small formatters and helpers the patrol page's panels share. */
import { ApiError } from '../../api/http';
import type { BBox } from '../../api/types';
import { name } from '../../app/labels';
import {
  UNIT_KIND_NAMES,
  UNIT_STATUS_NAMES,
  type UnitKind,
  type UnitStatus,
} from '../../../../server/src/contract/vocabulary.ts';

/** "On patrol 巡逻中": a unit status or kind as the panels print it, from the contract's labels. */
export const unitStatusLabel = (s: UnitStatus) => bilingual(name(UNIT_STATUS_NAMES, s));
export const unitKindLabel = (k: UnitKind) => bilingual(name(UNIT_KIND_NAMES, k));
const bilingual = (b: { en: string; zh: string }) => `${b.en} ${b.zh}`.trim();

export const message = (e: unknown) => (e instanceof ApiError ? e.message : e instanceof Error ? e.message : String(e));
export const pct = (x: number) => `${Math.round(x * 100)}%`;
export const hhmm = (iso: string | number) =>
  new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** The box around some points, a little padded (null for none). */
export function bboxOf(points: [number, number][]): BBox | null {
  if (!points.length) return null;
  let [a, b, c, d] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    a = Math.min(a, x);
    b = Math.min(b, y);
    c = Math.max(c, x);
    d = Math.max(d, y);
  }
  const pad = 0.002;
  return [a - pad, b - pad, c + pad, d + pad];
}

/** A time as a datetime-local input shows it (local time, to the minute). */
export function toLocalInput(d: Date) {
  const z = new Date(d.getTime() - d.getTimezoneOffset() * 60_000);
  return z.toISOString().slice(0, 16);
}
