/** The wall display's endpoints (`/api/wall/*`), typed from the server's contract. */
import type { FeatureCollection } from 'geojson';
import type {
  GridValues,
  HeatWindow,
  TourArea,
  WallConfig,
  WallKpis,
  WallMeasure,
  WallOpen,
  WallUnits,
} from '../../../server/src/contract/wall.ts';
import { ApiError, authHeaders, reportUnauthorized, request } from './http';

export type { GridValues, HeatWindow, TourArea, WallConfig, WallKpis, WallMeasure, WallOpen, WallUnits };

export function fetchWallKpis(signal?: AbortSignal): Promise<WallKpis> {
  return request<WallKpis>('/api/wall/kpis', { signal });
}

export function fetchWallConfig(signal?: AbortSignal): Promise<{ config: WallConfig }> {
  return request<{ config: WallConfig }>('/api/wall/config', { signal });
}

export function fetchGridValues(measure: WallMeasure, signal?: AbortSignal): Promise<GridValues> {
  return request<GridValues>('/api/wall/grid-values', { query: { measure }, signal });
}

export function fetchWallOpen(signal?: AbortSignal): Promise<WallOpen> {
  return request<WallOpen>('/api/wall/open', { signal });
}

/** The heat window as (lon, lat, weight) float32 triples, straight from the response bytes. */
export async function fetchHeat(
  window: HeatWindow,
  signal?: AbortSignal,
): Promise<{ count: number; data: Float32Array }> {
  const url = new URL('/api/wall/heat', location.origin);
  url.searchParams.set('window', window);
  let res: Response;
  try {
    res = await fetch(url, { headers: authHeaders(), signal, credentials: 'same-origin' });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'The server cannot be reached.');
  }
  if (!res.ok) {
    if (res.status === 401) reportUnauthorized();
    throw new ApiError(res.status, `http_${res.status}`, `heat failed (${res.status})`);
  }
  const data = new Float32Array(await res.arrayBuffer());
  return { count: data.length / 3, data };
}

/** What the working cameras in a small bbox see, as GeoJSON (the alert zoom draws them). */
export function fetchCoverageViews(
  bbox: [number, number, number, number],
  signal?: AbortSignal,
): Promise<FeatureCollection> {
  return request<FeatureCollection>('/api/coverage/views', {
    query: { bbox: bbox.map((v) => v.toFixed(6)).join(','), limit: 2000 },
    signal,
  });
}
