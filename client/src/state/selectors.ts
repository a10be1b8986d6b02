/** Derived figures (pure). */
import type { Geometry } from 'geojson';
import type { BBox, IncidentFeature, IncidentGrade } from '../api/types';
import { isIncidentOpen } from '../layers/palette';

export interface DayBucket {
  /** Calendar date, MM-DD. */
  day: string;
  routine: number;
  key: number;
  difficult: number;
}

const dayKeyFormatters = new Map<string, Intl.DateTimeFormat>();

/** YYYY-MM-DD of an instant in `timeZone` (the browser's when undefined). */
export function dayKey(t: Date, timeZone?: string): string {
  const k = timeZone ?? '';
  let f = dayKeyFormatters.get(k);
  if (!f) {
    // en-CA formats dates as YYYY-MM-DD.
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayKeyFormatters.set(k, f);
  }
  return f.format(t);
}

/**
 * Incidents reported per calendar day over the `days` days ending with `now`'s day, by grade.
 * Days are counted in `timeZone` (the city's), like the server's "today".
 */
export function incidentsByDay(
  features: readonly IncidentFeature[],
  now: Date,
  days = 7,
  timeZone?: string,
): DayBucket[] {
  // Calendar arithmetic on the city's date, done in UTC so that no local offset interferes.
  const [y, m, d] = dayKey(now, timeZone).split('-').map(Number);
  const index = new Map<string, number>();
  const buckets: DayBucket[] = [];
  for (let i = 0; i < days; i++) {
    const date = new Date(Date.UTC(y, m - 1, d - (days - 1) + i));
    const key = date.toISOString().slice(0, 10);
    index.set(key, i);
    buckets.push({ day: key.slice(5), routine: 0, key: 0, difficult: 0 });
  }
  for (const f of features) {
    const t = new Date(f.properties.reported_at);
    if (Number.isNaN(t.getTime())) continue;
    const i = index.get(dayKey(t, timeZone));
    const grade: IncidentGrade = f.properties.grade;
    if (i !== undefined && grade in buckets[i]) buckets[i][grade] += 1;
  }
  return buckets;
}

export interface IncidentTotals {
  total: number;
  open: number;
  closed: number;
  byGrade: Record<IncidentGrade, number>;
  openByGrade: Record<IncidentGrade, number>;
}

export function incidentTotals(features: readonly IncidentFeature[]): IncidentTotals {
  const totals: IncidentTotals = {
    total: 0,
    open: 0,
    closed: 0,
    byGrade: { routine: 0, key: 0, difficult: 0 },
    openByGrade: { routine: 0, key: 0, difficult: 0 },
  };
  for (const f of features) {
    const grade = f.properties.grade;
    totals.total += 1;
    if (grade in totals.byGrade) totals.byGrade[grade] += 1;
    if (isIncidentOpen(f.properties)) {
      totals.open += 1;
      if (grade in totals.openByGrade) totals.openByGrade[grade] += 1;
    } else totals.closed += 1;
  }
  return totals;
}

/** Bounding box of a geometry, or null when it has no coordinates. */
export function geometryBBox(geometry: Geometry | null | undefined): BBox | null {
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number' && typeof c[1] === 'number') {
      box[0] = Math.min(box[0], c[0]);
      box[1] = Math.min(box[1], c[1]);
      box[2] = Math.max(box[2], c[0]);
      box[3] = Math.max(box[3], c[1]);
      return;
    }
    for (const child of c) visit(child);
  };
  const walk = (g: Geometry | null | undefined): void => {
    if (!g) return;
    if (g.type === 'GeometryCollection') g.geometries.forEach(walk);
    else visit(g.coordinates);
  };
  walk(geometry);
  return Number.isFinite(box[0]) ? box : null;
}
