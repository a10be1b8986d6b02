/**
 * Typed calls of the camera coverage review (`/cameras`): measures, grid shares, gaps, views, why
 * cameras miss a point, placement suggestions and what-if plans. Types come from the server's
 * contract (`import type` only: erased at build).
 */
import type {
  CoverageReportT,
  ExplainT,
  GapCollection,
  GridShares,
  PlanChangeT,
  RankedGrid,
  Suggestion,
  SuggestBodyT,
  SuggestResponseT,
  UncoveredStretch,
  WhatIfResponseT,
} from '../../../server/src/contract/coverage.ts';
import { request } from './http';
import type { BBox } from './types';

export type {
  CoverageReportT,
  ExplainT,
  GapCollection,
  GridShares,
  PlanChangeT,
  RankedGrid,
  Suggestion,
  SuggestResponseT,
  WhatIfResponseT,
};
export type Measures = CoverageReportT['measures'];
export type Stretch = UncoveredStretch;
/** The area a review covers: one community, or (null) the whole city. */
export type Scope = { community: number } | null;
export type GapKind = 'keyplace' | 'road' | 'area';

export function fetchCoverage(scope: Scope, signal?: AbortSignal): Promise<CoverageReportT> {
  return request<CoverageReportT>('/api/coverage', { query: { community: scope?.community, worst: 10 }, signal });
}

export function fetchGridShares(signal?: AbortSignal): Promise<GridShares> {
  return request<GridShares>('/api/coverage/grid-shares', { signal });
}

export function fetchGaps(
  kind: GapKind,
  bbox: BBox,
  opts: { main?: boolean; limit?: number; community?: number },
  signal?: AbortSignal,
): Promise<GapCollection> {
  return request<GapCollection>('/api/coverage/gaps', {
    query: {
      kind,
      bbox: bbox.join(','),
      main: opts.main ? 'true' : undefined,
      limit: opts.limit ?? 3000,
      community: opts.community,
    },
    signal,
  });
}

export function fetchViews(bbox: BBox, signal?: AbortSignal): Promise<GapCollection> {
  return request<GapCollection>('/api/coverage/views', { query: { bbox: bbox.join(','), limit: 4000 }, signal });
}

export function fetchExplain(lon: number, lat: number, signal?: AbortSignal): Promise<ExplainT> {
  return request<ExplainT>('/api/coverage/explain', { query: { lon, lat, limit: 6 }, signal });
}

export function postSuggest(body: SuggestBodyT, signal?: AbortSignal): Promise<SuggestResponseT> {
  return request<SuggestResponseT>('/api/coverage/suggest', { method: 'POST', body, signal });
}

export function postWhatIf(changes: PlanChangeT[], scope: Scope, signal?: AbortSignal): Promise<WhatIfResponseT> {
  return request<WhatIfResponseT>('/api/coverage/whatif', {
    method: 'POST',
    body: { changes, area: scope ? { community: scope.community } : undefined },
    signal,
  });
}
