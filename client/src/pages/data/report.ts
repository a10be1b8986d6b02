/**
 * Pure helpers of the Data page over an import report: the outcomes and their colours, the
 * report's rows for the filterable table, the fixes a warning suggests (`--crs X`,
 * `--encoding X`) and the extent of a preview feature or collection.
 */
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import type { ImportReport } from '../../api/imports';
import type { BBox } from '../../api/types';

export const OUTCOMES = ['inserted', 'updated', 'unchanged', 'repaired', 'rejected'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const OUTCOME_LABELS: Record<Outcome, string> = {
  inserted: 'Inserted 新增',
  updated: 'Updated 更新',
  unchanged: 'Unchanged 未变',
  repaired: 'Repaired 已修复',
  rejected: 'Rejected 拒绝',
};

/** RGBA per outcome: rejected and repaired stand out (magenta, amber), the rest are calm. */
export const OUTCOME_COLORS: Record<Outcome, [number, number, number, number]> = {
  inserted: [47, 214, 138, 255],
  updated: [80, 160, 255, 255],
  unchanged: [140, 150, 170, 255],
  repaired: [255, 176, 32, 255],
  rejected: [255, 64, 200, 255],
};

export const PROBLEM_COLOR: [number, number, number, number] = [255, 40, 40, 255];

export interface PreviewProps {
  index: number;
  code: string | null;
  name: string | null;
  outcome: Outcome;
  note: string | null;
}
export type PreviewFeature = Feature<Geometry, PreviewProps>;

/**
 * The preview's features, each with the outcome the report's complete lists give it: a row the
 * lists name as repaired or rejected is drawn so even where the preview says otherwise (repairs
 * of a row's values are not in the preview's own outcome).
 */
export function previewFeatures(report: ImportReport | null): PreviewFeature[] {
  const fc = report?.preview as FeatureCollection<Geometry, PreviewProps> | undefined;
  if (!report || !Array.isArray(fc?.features)) return [];
  const named = new Map<number, Outcome>();
  for (const r of report.repaired) named.set(r.index, 'repaired');
  for (const r of report.rejected) named.set(r.index, 'rejected');
  return fc.features
    .filter((f) => f && f.properties)
    .map((f) => {
      const listed = named.get(f.properties.index);
      return !listed || f.properties.outcome === 'rejected' || f.properties.outcome === listed
        ? f
        : { ...f, properties: { ...f.properties, outcome: listed } };
    });
}

/** One line of the report table. */
export interface ReportRow {
  index: number;
  code: string | null;
  name: string | null;
  outcome: Outcome | null;
  /** What was repaired, or why the row was rejected. */
  text: string;
  /** Whether the preview holds the row's geometry (the map can zoom to it). */
  onMap: boolean;
}

/**
 * The rows of a report: every repaired and rejected row (complete lists), and the other rows
 * the preview holds (at most 5,000 of them), in file order.
 */
export function reportRows(report: ImportReport | null): ReportRow[] {
  if (!report) return [];
  const byIndex = new Map<number, ReportRow>();
  for (const f of previewFeatures(report)) {
    const p = f.properties;
    byIndex.set(p.index, {
      index: p.index,
      code: p.code,
      name: p.name,
      outcome: p.outcome,
      text: p.note ?? '',
      onMap: !!f.geometry,
    });
  }
  const note = (index: number, code: string | null, outcome: Outcome, text: string) => {
    const row = byIndex.get(index);
    if (!row) byIndex.set(index, { index, code, name: null, outcome, text, onMap: false });
    else if (row.outcome !== 'rejected' || outcome === 'rejected') {
      // A row can be repaired and still rejected later (by a SQL-side check): rejected wins.
      const texts = row.text && !row.text.includes(text) ? `${row.text}; ${text}` : row.text || text;
      byIndex.set(index, { ...row, outcome: row.outcome === 'rejected' ? 'rejected' : outcome, text: texts });
    }
  };
  for (const r of report.repaired) note(r.index, r.code, 'repaired', r.what);
  for (const r of report.rejected) note(r.index, r.code, 'rejected', r.reason);
  return [...byIndex.values()].sort((a, b) => a.index - b.index);
}

export type RowFilter = 'all' | 'repaired' | 'rejected';

export function filterRows(rows: readonly ReportRow[], kind: RowFilter, text: string): ReportRow[] {
  const needle = text.trim().toLowerCase();
  return rows.filter(
    (r) =>
      (kind === 'all' || r.outcome === kind) &&
      (!needle ||
        String(r.index).includes(needle) ||
        (r.code ?? '').toLowerCase().includes(needle) ||
        (r.name ?? '').toLowerCase().includes(needle) ||
        r.text.toLowerCase().includes(needle)),
  );
}

/** A fix a warning suggests: "import again with --crs gcj02" → set the CRS to gcj02 and check again. */
export interface SuggestedFix {
  option: 'crs' | 'encoding';
  value: string;
}

export function suggestedFixes(warning: string): SuggestedFix[] {
  const out: SuggestedFix[] = [];
  for (const m of warning.matchAll(/--(crs|encoding)\s+([A-Za-z0-9][\w:.-]*)/g)) {
    const value = m[2].replace(/[.,;:]+$/, '');
    // "--crs EPSG:n" is a template, not a value.
    if (/^epsg:n$/i.test(value) || out.some((f) => f.option === m[1] && f.value === value)) continue;
    out.push({ option: m[1] as SuggestedFix['option'], value });
  }
  return out;
}

/** The extent of some GeoJSON geometries, or null when they hold no coordinate. */
export function extentOf(geometries: readonly (Geometry | null | undefined)[]): BBox | null {
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number') {
      const [x, y] = c as Position;
      if (!Number.isFinite(x) || !Number.isFinite(y)) return;
      box[0] = Math.min(box[0], x);
      box[1] = Math.min(box[1], y);
      box[2] = Math.max(box[2], x);
      box[3] = Math.max(box[3], y);
      return;
    }
    for (const p of c) visit(p);
  };
  const walk = (g: Geometry | null | undefined): void => {
    if (!g) return;
    if (g.type === 'GeometryCollection') g.geometries.forEach(walk);
    else visit(g.coordinates);
  };
  geometries.forEach(walk);
  return box[0] <= box[2] ? box : null;
}

/** A box of at least `minDeg` on each side (a point's extent is a point). */
export function padded(b: BBox, minDeg = 0.002): BBox {
  const [cx, cy] = [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];
  const [hw, hh] = [Math.max((b[2] - b[0]) / 2, minDeg / 2), Math.max((b[3] - b[1]) / 2, minDeg / 2)];
  return [cx - hw, cy - hh, cx + hw, cy + hh];
}
