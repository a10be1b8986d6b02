/** The administrative tree (`GET /api/areas`): districts, street offices and communities with their extents. */
import type { Area, AreaLevel, AreasResponse } from '../../../server/src/contract/areas.ts';
import { request } from './http';

export type { Area, AreaLevel, AreasResponse };

export function fetchAreas(signal?: AbortSignal): Promise<AreasResponse> {
  return request<AreasResponse>('/api/areas', { signal });
}

/** The communities of the tree, in `order` (by code or by name). */
export function communitiesOf(areas: readonly Area[], order: 'code' | 'name'): Area[] {
  return areas.filter((a) => a.level === 'community').sort((a, b) => a[order].localeCompare(b[order]));
}
