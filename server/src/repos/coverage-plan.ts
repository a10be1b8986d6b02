/**
 * Planning: placement suggestions (greedy maximum gain over candidate sites, views with
 * building occlusion) and what-if plans (a plan's changes applied in a transaction that is
 * rolled back, with the measures before and after).
 */
import type pg from 'pg';
import type { Suggestion, WhatIfResponseT } from '../contract/coverage.ts';
import { delta, FLOOR_HEIGHT_M, INTERSECTION_REACH_M, KEYPLACE_MIN_SEEN, type Measures } from '../domain/coverage.ts';
import { DEFAULT_WEIGHTS, greedyPick, type Target, type Weights } from '../domain/coverage-greedy.ts';
import { appError } from '../errors.ts';
import { sql } from '../sql/index.ts';
import { applyChanges, type CameraChange } from './camera-writes.ts';
import { lockCoverage } from './coverage-compute.ts';
import { gridMeasures, scopeInfo, scopeMeasures, type Scope } from './coverage.ts';
import { inTransaction } from './transaction.ts';

export interface AreaInput {
  grid?: number;
  community?: number;
  bbox?: number[];
}

/** Largest area a suggestion request may cover (km²): about a rural township. */
export const MAX_SUGGEST_KM2 = 60;

async function areaGeometry(db: pg.ClientBase | pg.Pool, a: AreaInput): Promise<{ g: string; km2: number }> {
  const given = [a.grid, a.community, a.bbox].filter((v) => v !== undefined).length;
  if (given !== 1) throw appError('bad_request', 'area needs exactly one of grid, community or bbox');
  if (a.bbox) {
    const [x0, y0, x1, y1] = a.bbox;
    if (
      ![x0, y0, x1, y1].every(Number.isFinite) ||
      x0 >= x1 ||
      y0 >= y1 ||
      x0 < -180 ||
      x1 > 180 ||
      y0 < -85 ||
      y1 > 85
    ) {
      throw appError(
        'bad_request',
        'area.bbox must be [minLon, minLat, maxLon, maxLat] with min < max, within ±180° / ±85°',
      );
    }
  }
  const b = a.bbox ?? [null, null, null, null];
  const { rows } = await db.query<{ g: string; km2: number }>(sql('coverage/area'), [
    a.grid ?? null,
    a.community ?? null,
    ...b,
  ]);
  if (!rows.length)
    throw appError(
      'not_found',
      a.grid !== undefined ? `No grid with id ${a.grid}` : `No community with id ${a.community}`,
    );
  return rows[0];
}

export interface SuggestOptions {
  area: AreaInput;
  count: number;
  camera: { kind: 'fixed' | 'ptz'; fov_deg: number; range_m: number; height_m: number };
  spacingM: number;
  weights: Weights;
}

export const SUGGEST_DEFAULTS = {
  ptz: { kind: 'ptz' as const, fov_deg: 360, range_m: 80, height_m: 8 },
  fixed: { kind: 'fixed' as const, fov_deg: 90, range_m: 80, height_m: 8 },
  spacingM: 40,
  roadSampleM: 5,
  keyplaceSampleM: 4,
};

export interface SuggestResult {
  suggestions: Suggestion[];
  candidates: number;
  targets: { keyplaces: number; main_intersections: number; intersections: number; road_m: number };
  seconds: number;
}

type TargetRow = [Target['type'], boolean, number, number | null, boolean];

/** The next `count` cameras for an area, greedy on gain in key places, intersections and road. */
export async function suggest(db: pg.Pool, o: SuggestOptions): Promise<SuggestResult> {
  const t0 = performance.now();
  // The candidate views live in a temporary table dropped at COMMIT; the greedy pick runs after.
  const { sites, r } = await inTransaction(db, async (client) => {
    const area = await areaGeometry(client, o.area);
    if (area.km2 > MAX_SUGGEST_KM2) {
      throw appError(
        'bad_request',
        `The area is ${area.km2.toFixed(1)} km²; suggestions work on at most ${MAX_SUGGEST_KM2} km² (a community or a grid)`,
      );
    }
    const fixed = o.camera.kind === 'fixed';
    const { rows: sites } = await client.query<{
      site: 'intersection' | 'road';
      lon: number;
      lat: number;
      bearing: number;
    }>(sql('coverage/suggest-candidates'), [area.g, o.spacingM, fixed]);
    await client.query(sql('coverage/suggest-views'), [
      sites.map((s) => s.lon),
      sites.map((s) => s.lat),
      sites.map((s) => ((s.bearing % 360) + 360) % 360),
      o.camera.fov_deg,
      o.camera.range_m,
      o.camera.height_m,
      !fixed,
      FLOOR_HEIGHT_M,
    ]);
    await client.query('CREATE INDEX ON suggest_views USING gist (geom)');
    const {
      rows: [r],
    } = await client.query<{ targets: TargetRow[]; hits: [number, number][] }>(sql('coverage/suggest-hits'), [
      area.g,
      INTERSECTION_REACH_M,
      SUGGEST_DEFAULTS.roadSampleM,
      SUGGEST_DEFAULTS.keyplaceSampleM,
    ]);
    return { sites, r };
  });

  const targets: Target[] = r.targets.map(([type, main, length_m, group, done]) => ({
    type,
    main,
    length_m: Number(length_m),
    group,
    done,
  }));
  const hits: number[][] = sites.map(() => []);
  for (const [c, t] of r.hits) hits[c].push(t);
  const picks = greedyPick(sites.length, targets, hits, o.count, KEYPLACE_MIN_SEEN, o.weights);
  const groups = new Set(targets.filter((t) => t.type === 'keyplace').map((t) => t.group));
  return {
    suggestions: picks.map((p, i) => {
      const s = sites[p.candidate];
      return {
        rank: i + 1,
        lon: s.lon,
        lat: s.lat,
        kind: o.camera.kind,
        bearing_deg: (Math.round((((s.bearing % 360) + 360) % 360) * 10) / 10) % 360,
        fov_deg: o.camera.fov_deg,
        range_m: o.camera.range_m,
        height_m: o.camera.height_m,
        site: s.site,
        gain: p.gain,
        total: p.total,
      };
    }),
    candidates: sites.length,
    targets: {
      keyplaces: groups.size,
      main_intersections: targets.filter((t) => t.type === 'intersection' && t.main).length,
      intersections: targets.filter((t) => t.type === 'intersection').length,
      road_m: Math.round(targets.reduce((s, t) => s + (t.type === 'road' ? t.length_m : 0), 0)),
    },
    seconds: Math.round(performance.now() - t0) / 1000,
  };
}

export { DEFAULT_WEIGHTS };

/** A scope from an area given by grid or community (bbox areas have no stored measures). */
export function scopeOf(a: AreaInput | undefined): Scope | null {
  if (!a) return null;
  if (a.grid !== undefined) return { kind: 'grid', id: a.grid };
  if (a.community !== undefined) return { kind: 'community', id: a.community };
  return null;
}

/**
 * What a plan would do: its changes applied in a transaction that is rolled back, the city's,
 * the area's and every affected grid's measures after, and before (read meanwhile on another
 * connection: the committed state, which the coverage lock keeps still).
 */
export async function whatIf(
  db: pg.Pool,
  changes: CameraChange[],
  area: AreaInput | undefined,
  actor: string,
): Promise<WhatIfResponseT> {
  const scope = scopeOf(area);
  if (area && !scope) throw appError('bad_request', 'a what-if area is a grid or a community');
  const info = scope ? await scopeInfo(db, scope) : null;
  if (scope && !info) throw appError('not_found', `No ${scope.kind} with id ${(scope as { id: number }).id}`);
  return inTransaction(
    db,
    async (client) => {
      await lockCoverage(client);
      const applied = await applyChanges(client, changes, actor);
      const ids = applied.coverage.grids;
      const [cityAfter, areaAfter, gridsAfter] = [
        await scopeMeasures(client, { kind: 'city' }),
        scope ? await scopeMeasures(client, scope) : null,
        await gridMeasures(client, ids),
      ];
      const [cityBefore, areaBefore, gridsBefore] = await Promise.all([
        scopeMeasures(db, { kind: 'city' }),
        scope ? scopeMeasures(db, scope) : Promise.resolve(null),
        gridMeasures(db, ids),
      ]);
      const pair = (b: Measures, a: Measures) => ({ before: b, after: a, delta: delta(b, a) });
      return {
        city: pair(cityBefore!.measures, cityAfter!.measures),
        area:
          scope && areaBefore && areaAfter ? { scope: info!, ...pair(areaBefore.measures, areaAfter.measures) } : null,
        grids: ids.flatMap((id) => {
          const b = gridsBefore.get(id);
          const a = gridsAfter.get(id);
          return a && b ? [{ grid_id: id, code: a.code, name: a.name, ...pair(b.measures, a.measures) }] : [];
        }),
      };
    },
    { rollback: true },
  );
}
