/**
 * Camera coverage: the rules and the arithmetic, without I/O. The geometry itself is built in
 * PostGIS (db/migrations/013_coverage_functions.sql); this module holds the constants it is
 * built with, the measures' shape and the way shares, targets and rankings are derived.
 */

/** Height of one building floor (m): a building of n floors hides what lies below n × this. */
export const FLOOR_HEIGHT_M = 3;
/** A key place is watched through the open ground within this distance of it (m). */
export const KEYPLACE_ZONE_M = 15;
/** Share of that ground that must be in view for the key place to count as covered. */
export const KEYPLACE_MIN_SEEN = 0.5;
/** An intersection is covered when some view reaches its crossing: the ground within this of its centre (m). */
export const INTERSECTION_REACH_M = 12;
/** Road classes that count as main roads (in the countryside: national, provincial, county). */
export const MAIN_ROAD_CLASSES = ['arterial', 'secondary'] as const;
/** Targets from the source cities (DOMAIN.md): key places above 90 %, main intersections fully. */
export const TARGETS = { keyplace_share: 0.9, main_intersection_share: 1 } as const;

export const KEYPLACE_KINDS = [
  'school',
  'hospital',
  'market',
  'station',
  'government',
  'enterprise',
  'square',
] as const;
export type KeyPlaceKind = (typeof KEYPLACE_KINDS)[number];

/** Sums for an area (grid, community, city), as stored or aggregated. */
export interface CoverageSums {
  area_m2: number;
  covered_m2: number;
  road_m: number;
  road_covered_m: number;
  main_road_m: number;
  main_road_covered_m: number;
  keyplaces: number;
  keyplaces_covered: number;
  intersections: number;
  intersections_covered: number;
  main_intersections: number;
  main_intersections_covered: number;
  cameras: number;
  cameras_working: number;
}

export interface Measures extends CoverageSums {
  area_share: number | null;
  road_share: number | null;
  main_road_share: number | null;
  keyplace_share: number | null;
  intersection_share: number | null;
  main_intersection_share: number | null;
  uncovered_intersections: number;
  uncovered_main_intersections: number;
  /** Mean of the shares that apply (area, roads, key places and intersections); null when none. */
  score: number | null;
  meets_targets: { keyplaces: boolean | null; main_intersections: boolean | null };
}

/** covered / total, or null when there is nothing to cover; clamped to [0, 1]. */
export function share(covered: number, total: number): number | null {
  if (!(total > 0)) return null;
  return Math.min(1, Math.max(0, covered / total));
}

export function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/** The measures of an area from its sums. */
export function measures(s: CoverageSums): Measures {
  const area = share(s.covered_m2, s.area_m2);
  const road = share(s.road_covered_m, s.road_m);
  const keyplace = share(s.keyplaces_covered, s.keyplaces);
  const inter = share(s.intersections_covered, s.intersections);
  const mainInter = share(s.main_intersections_covered, s.main_intersections);
  const parts = [area, road, keyplace, inter].filter((v): v is number => v !== null);
  return {
    ...s,
    area_m2: round(s.area_m2, 1),
    covered_m2: round(s.covered_m2, 1),
    road_m: round(s.road_m, 1),
    road_covered_m: round(s.road_covered_m, 1),
    main_road_m: round(s.main_road_m, 1),
    main_road_covered_m: round(s.main_road_covered_m, 1),
    area_share: area,
    road_share: road,
    main_road_share: share(s.main_road_covered_m, s.main_road_m),
    keyplace_share: keyplace,
    intersection_share: inter,
    main_intersection_share: mainInter,
    uncovered_intersections: s.intersections - s.intersections_covered,
    uncovered_main_intersections: s.main_intersections - s.main_intersections_covered,
    score: parts.length ? parts.reduce((a, b) => a + b, 0) / parts.length : null,
    meets_targets: {
      keyplaces: keyplace === null ? null : keyplace > TARGETS.keyplace_share,
      main_intersections: mainInter === null ? null : mainInter >= TARGETS.main_intersection_share,
    },
  };
}

export const EMPTY_SUMS: CoverageSums = {
  area_m2: 0,
  covered_m2: 0,
  road_m: 0,
  road_covered_m: 0,
  main_road_m: 0,
  main_road_covered_m: 0,
  keyplaces: 0,
  keyplaces_covered: 0,
  intersections: 0,
  intersections_covered: 0,
  main_intersections: 0,
  main_intersections_covered: 0,
  cameras: 0,
  cameras_working: 0,
};

/** Numeric columns from the database (pg returns bigint sums as strings) to numbers. */
export function toSums(row: Record<string, unknown>): CoverageSums {
  const out = { ...EMPTY_SUMS };
  for (const k of Object.keys(EMPTY_SUMS) as (keyof CoverageSums)[]) {
    const v = Number(row[k] ?? 0);
    out[k] = Number.isFinite(v) ? v : 0;
  }
  return out;
}

/** How a measure moved between two states (after − before), for before/after comparisons. */
export function delta(before: Measures, after: Measures) {
  const d = (a: number | null, b: number | null) => (a === null || b === null ? null : round(b - a, 6));
  return {
    area_share: d(before.area_share, after.area_share),
    road_share: d(before.road_share, after.road_share),
    keyplace_share: d(before.keyplace_share, after.keyplace_share),
    intersection_share: d(before.intersection_share, after.intersection_share),
    main_intersection_share: d(before.main_intersection_share, after.main_intersection_share),
    covered_m2: round(after.covered_m2 - before.covered_m2, 1),
    road_covered_m: round(after.road_covered_m - before.road_covered_m, 1),
    keyplaces_covered: after.keyplaces_covered - before.keyplaces_covered,
    intersections_covered: after.intersections_covered - before.intersections_covered,
    cameras_working: after.cameras_working - before.cameras_working,
  };
}

/** Ways to rank grids, worst first. */
export const RANK_BY = ['score', 'area', 'road', 'keyplace', 'intersection'] as const;
export type RankBy = (typeof RANK_BY)[number];

/** Splits `items` into chunks of at most `size` (the full recompute's units of work). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  if (size < 1) throw new RangeError('chunk size must be at least 1');
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
