/**
 * Vector tile addresses and request options. Tiles are fetched by MapLibre (basemap) and by
 * deck.gl's loaders (data layers); both must go to the page's own origin with the bearer token.
 */
import type { RequestParameters, ResourceType } from 'maplibre-gl';
// The MVT parser's web worker, bundled and served from our own origin (loaders.gl would
// otherwise fetch it from a public CDN, which an intranet command centre cannot reach).
import mvtWorkerUrl from '@loaders.gl/mvt/mvt-worker.js?url';
import { authHeaders, reportUnauthorized } from './http';

export type TileLayerName = 'basemap' | 'grids' | 'cameras' | 'incidents';

/** `{z}/{x}/{y}` URL template for one of the server's tile layers. */
export function tileUrlTemplate(layer: TileLayerName): string {
  return `${window.location.origin}/tiles/${layer}/{z}/{x}/{y}.mvt`;
}

/**
 * MapLibre `transformRequest`: adds the bearer token to requests for our own origin, and
 * leaves anything else untouched (there should be nothing else: the style names no other host).
 */
export function transformMapRequest(url: string, _resourceType?: ResourceType): RequestParameters {
  if (url.startsWith(window.location.origin)) {
    return { url, headers: authHeaders() };
  }
  return { url };
}

/**
 * deck.gl `loadOptions` for tile layers: bearer token on every fetch (the stored one, or the one
 * given), and the MVT worker from our own origin.
 */
export function deckTileLoadOptions(token?: string | null): Record<string, unknown> {
  return {
    fetch: { headers: authHeaders(token) },
    mvt: { workerUrl: mvtWorkerUrl },
  };
}

/** HTTP status of a failed tile fetch, from loaders.gl's FetchError (or its message). */
export function tileErrorStatus(error: unknown): number | null {
  const status = (error as { response?: { status?: unknown } } | null)?.response?.status;
  if (typeof status === 'number') return status;
  // "Failed to fetch resource (401) Unauthorized: …"
  const match = /\((\d{3})\)/.exec(error instanceof Error ? error.message : String(error));
  return match ? Number(match[1]) : null;
}

/** deck.gl `onTileError`: a 401 on a tile means the session ended. */
export function handleTileError(error: unknown): void {
  if (tileErrorStatus(error) === 401) reportUnauthorized();
  else console.warn('[gridboard] tile failed to load:', error instanceof Error ? error.message : error);
}
