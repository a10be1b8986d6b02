/**
 * What every map of the product shares: our MapLibre build, the offline basemap from our own
 * origin (no outside host), and tile requests signed with the session token. Spread onto
 * react-map-gl's <Map>; `FLAT_VIEW` adds the top-down view the 2-D layers are drawn for.
 */
import { useMemo } from 'react';
import { transformMapRequest } from '../api/tiles';
import { buildBasemapStyle } from './basemapStyle';
import { maplibregl } from './maplibre';

export function useBaseMapProps() {
  return useMemo(
    () => ({
      mapLib: maplibregl,
      mapStyle: buildBasemapStyle(window.location.origin),
      transformRequest: transformMapRequest,
      attributionControl: false as const,
    }),
    [],
  );
}

export const FLAT_VIEW = { maxPitch: 0, dragRotate: false, touchPitch: false } as const;
