/**
 * Coverage reads: measures for a grid, a community or the city, ranked grids, the longest
 * uncovered stretches of main road, gap layers, camera views, and why cameras miss a point.
 */
import type pg from 'pg';
import type { BBox } from '../domain/bbox.ts';
import { FLOOR_HEIGHT_M, measures, toSums, type Measures, type RankBy } from '../domain/coverage.ts';
import { whyMiss, type CameraFacts } from '../domain/coverage-explain.ts';
import type { ExplainT, GridShares, RankedGrid, ScopeInfo, UncoveredStretch } from '../contract/coverage.ts';
import { sql } from '../sql/index.ts';

type Db = pg.Pool | pg.ClientBase;

export type Scope = { kind: 'city' } | { kind: 'community'; id: number } | { kind: 'grid'; id: number };

export interface ScopedMeasures {
  measures: Measures;
  keyplaces_by_kind: Record<string, { total: number; covered: number }>;
  computed_at: string | null;
}

/** Names and extent of the scope; null when the grid or community does not exist. */
export async function scopeInfo(db: Db, scope: Scope): Promise<ScopeInfo | null> {
  if (scope.kind === 'city') return { kind: 'city', id: null, code: null, name: null, name_zh: null, bbox: null };
  const { rows } = await db.query<ScopeInfo>(
    sql('coverage/scope'),
    scope.kind === 'grid' ? [scope.id, null] : [null, scope.id],
  );
  return rows[0] ?? null;
}

/** The measures of the scope, or null when the grid/community does not exist (or has none). */
export async function scopeMeasures(db: Db, scope: Scope): Promise<ScopedMeasures | null> {
  const q =
    scope.kind === 'city'
      ? { text: sql('coverage/measures-city'), values: [] as unknown[] }
      : scope.kind === 'community'
        ? { text: sql('coverage/measures-community'), values: [scope.id] }
        : { text: sql('coverage/measures-grid'), values: [scope.id] };
  const { rows } = await db.query(q.text, q.values);
  const r = rows[0];
  if (!r) return null;
  return {
    measures: measures(toSums(r)),
    keyplaces_by_kind: r.by_kind ?? {},
    computed_at: r.computed_at ? (r.computed_at as Date).toISOString() : null,
  };
}

export async function rankedGrids(
  db: Db,
  by: RankBy,
  communityId: number | null,
  limit: number,
): Promise<RankedGrid[]> {
  const { rows } = await db.query(sql('coverage/grids-ranked'), [by, communityId, limit]);
  return rows.map((r) => ({
    grid_id: r.grid_id,
    code: r.code,
    name: r.name,
    community_id: r.community_id,
    lon: r.lon,
    lat: r.lat,
    measures: measures(toSums(r)),
  }));
}

/** Every grid's shares, column by column (for colouring a map of the whole city). */
export async function gridShares(db: Db, communityId: number | null): Promise<GridShares> {
  const { rows } = await db.query<GridShares>(sql('coverage/grid-shares'), [communityId]);
  return rows[0];
}

/** Grid measures for some grids (before/after comparisons), keyed by grid id. */
export async function gridMeasures(
  db: Db,
  ids: readonly number[],
): Promise<Map<number, { code: string; name: string; measures: Measures }>> {
  const out = new Map<number, { code: string; name: string; measures: Measures }>();
  if (!ids.length) return out;
  const { rows } = await db.query(
    'SELECT gc.*, g.code, g.name FROM grid_coverage gc JOIN grids g ON g.id = gc.grid_id WHERE gc.grid_id = ANY($1::int[])',
    [ids],
  );
  for (const r of rows) out.set(r.grid_id, { code: r.code, name: r.name, measures: measures(toSums(r)) });
  return out;
}

/** The longest uncovered stretches of main road in the scope. */
export async function worstRoads(db: Db, scope: Scope, limit: number): Promise<UncoveredStretch[]> {
  let region: string | null = null;
  if (scope.kind !== 'city') {
    const { rows } = await db.query<{ g: string | null }>(
      scope.kind === 'grid'
        ? 'SELECT geom_3857 AS g FROM grids WHERE id = $1'
        : 'SELECT ST_Transform(geom, 3857) AS g FROM communities WHERE id = $1',
      [scope.id],
    );
    region = rows[0]?.g ?? null;
    if (!region) return [];
  }
  const { rows } = await db.query<UncoveredStretch>(sql('coverage/roads-worst'), [region, limit]);
  return rows;
}

export type GapKind = 'keyplace' | 'road' | 'area';

export interface GapFilter {
  kind: GapKind;
  gridId: number | null;
  communityId: number | null;
  bbox: BBox;
  limit: number;
  mainOnly: boolean;
  /** For kind keyplace: which points (default both). */
  points?: { keyplaces: boolean; intersections: boolean };
}

export async function gapsGeoJson(db: Db, f: GapFilter): Promise<string> {
  const common = [f.gridId, f.communityId, ...f.bbox, f.limit];
  const q =
    f.kind === 'keyplace'
      ? {
          text: sql('coverage/gaps-points'),
          values: [...common, f.mainOnly, f.points?.keyplaces ?? true, f.points?.intersections ?? true],
        }
      : f.kind === 'road'
        ? { text: sql('coverage/gaps-roads'), values: [...common, f.mainOnly] }
        : { text: sql('coverage/gaps-area'), values: common };
  const { rows } = await db.query<{ body: string }>(q.text, q.values);
  return rows[0].body;
}

export async function viewsGeoJson(db: Db, bbox: BBox, limit: number): Promise<string> {
  const { rows } = await db.query<{ body: string }>(sql('coverage/views-geojson'), [...bbox, limit]);
  return rows[0].body;
}

/** The cameras near a point and why each does or does not see it. */
export async function explainPoint(
  db: Db,
  lon: number,
  lat: number,
  limit: number,
  radiusM: number,
): Promise<ExplainT> {
  const { rows } = await db.query(sql('coverage/explain'), [lon, lat, limit, radiusM, FLOOR_HEIGHT_M]);
  const cameras = rows.map((r) => {
    const facts: CameraFacts = {
      kind: r.kind,
      status: r.status,
      bearing_deg: r.bearing_deg,
      fov_deg: r.fov_deg,
      range_m: r.range_m,
      distance_m: r.distance_m,
      toward_deg: r.toward_deg,
      in_sector: r.in_sector,
      in_view: r.in_view,
      blocked_by: r.blocked_by,
    };
    const v = whyMiss(facts);
    return {
      id: r.id,
      code: r.code,
      kind: r.kind,
      status: r.status,
      lon: r.lon,
      lat: r.lat,
      bearing_deg: r.bearing_deg,
      fov_deg: r.fov_deg,
      range_m: r.range_m,
      height_m: r.height_m,
      distance_m: Math.round(r.distance_m * 10) / 10,
      toward_deg: Math.round(r.toward_deg * 10) / 10,
      off_axis_deg: v.off_axis_deg,
      reason: v.reason,
      reasons: v.reasons,
      explanation: v.explanation,
      blocked_by: v.reason === 'blocked_by_building' ? r.blocked_by : null,
    };
  });
  const {
    rows: [c],
  } = await db.query<{ covered: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM camera_coverage v, (SELECT ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4326), 3857) AS g) p
                    WHERE v.geom && p.g AND ST_Intersects(v.geom, p.g)) AS covered`,
    [lon, lat],
  );
  return { lon, lat, covered: c.covered, cameras };
}
