/**
 * Typed calls for the camera coverage review (`/cameras`). Types come from the server's
 * contract (`import type` only: erased at build).
 */
import type { FeatureCollection, Geometry } from 'geojson';
import type {
  Camera, CoverageEffectT, CoverageReportT, ExplainT, PlanChangeT, Suggestion, SuggestBodyT, WhatIfResponseT,
} from '../../../../server/src/contract/cameras.ts';
import { request } from '../../api/http';
import type { BBox } from '../../api/types';

export type { Camera, CoverageReportT, ExplainT, PlanChangeT, Suggestion, WhatIfResponseT };
export type Measures = CoverageReportT['measures'];
export type RankedGrid = CoverageReportT['worst_grids'][number];
export type Stretch = CoverageReportT['worst_roads'][number];
export type Scope = { community: number } | null;

export type GapKind = 'keyplace' | 'road' | 'area';
export type GapCollection = FeatureCollection<Geometry, Record<string, unknown>> & { truncated?: boolean };

export interface GridShares {
  ids: number[];
  area: (number | null)[];
  road: (number | null)[];
  keyplace: (number | null)[];
  intersection: (number | null)[];
}

export function fetchCoverage(scope: Scope, signal?: AbortSignal): Promise<CoverageReportT> {
  return request<CoverageReportT>('/api/coverage', { query: { community: scope?.community, worst: 10 }, signal });
}

export function fetchGridShares(signal?: AbortSignal): Promise<GridShares> {
  return request<GridShares>('/api/coverage/grid-shares', { signal });
}

export function fetchGaps(kind: GapKind, bbox: BBox, opts: { main?: boolean; limit?: number; community?: number }, signal?: AbortSignal): Promise<GapCollection> {
  return request<GapCollection>('/api/coverage/gaps', {
    query: { kind, bbox: bbox.join(','), main: opts.main ? 'true' : undefined, limit: opts.limit ?? 3000, community: opts.community },
    signal,
  });
}

export function fetchViews(bbox: BBox, signal?: AbortSignal): Promise<GapCollection> {
  return request<GapCollection>('/api/coverage/views', { query: { bbox: bbox.join(','), limit: 4000 }, signal });
}

export function fetchExplain(lon: number, lat: number, signal?: AbortSignal): Promise<ExplainT> {
  return request<ExplainT>('/api/coverage/explain', { query: { lon, lat, limit: 6 }, signal });
}

export function postSuggest(body: SuggestBodyT, signal?: AbortSignal): Promise<{ suggestions: Suggestion[]; candidates: number; seconds: number }> {
  return request('/api/coverage/suggest', { method: 'POST', body, signal });
}

export function postWhatIf(changes: PlanChangeT[], scope: Scope, signal?: AbortSignal): Promise<WhatIfResponseT> {
  return request<WhatIfResponseT>('/api/coverage/whatif', {
    method: 'POST', body: { changes, area: scope ? { community: scope.community } : undefined }, signal,
  });
}

export function getCamera(id: number): Promise<{ camera: Camera }> {
  return request(`/api/cameras/${id}`);
}

/** Commits one planned change through the registry; returns what coverage it recomputed. */
export async function commitChange(c: PlanChangeT): Promise<CoverageEffectT> {
  if (c.op === 'add') return (await request<{ coverage: CoverageEffectT }>('/api/cameras', { method: 'POST', body: c.camera })).coverage;
  if (c.op === 'remove') return (await request<{ coverage: CoverageEffectT }>(`/api/cameras/${c.id}`, { method: 'DELETE' })).coverage;
  const { camera } = await getCamera(c.id);
  return (await request<{ coverage: CoverageEffectT }>(`/api/cameras/${c.id}`, { method: 'PUT', body: { ...c.camera, version: camera.version } })).coverage;
}
