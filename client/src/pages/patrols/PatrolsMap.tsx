/**
 * The patrol page's map: the city's basemap with deck.gl layers the page passes in (live units
 * and trails, a route, the assessment choropleth, playback). A click picks a unit.
 */
import { useCallback, useMemo, useRef } from 'react';
import type { LayersList } from '@deck.gl/core';
import type { MapLayerMouseEvent } from 'maplibre-gl';
import { CityMap, type CityMapHandle, type MapFocus } from '../../map/CityMap';
import type { BBox } from '../../api/types';
import { PATROL_LIVE_LAYER_ID } from '../../layers/patrolTrailsLayer';

export interface PatrolsMapProps {
  cityBBox: BBox;
  layers: LayersList;
  focus: { bbox: BBox; seq: number } | null;
  onPickUnit: (id: number | null) => void;
}

export function PatrolsMap({ cityBBox, layers, focus: request, onPickUnit }: PatrolsMapProps) {
  const cityMap = useRef<CityMapHandle>(null);

  const focus = useMemo<MapFocus | null>(
    () => (request ? { bbox: request.bbox, padding: 80, maxZoom: 16.5, duration: 600 } : null),
    [request],
  );

  const onClick = useCallback(
    (e: MapLayerMouseEvent) => {
      const hit = cityMap.current?.pick(e.point.x, e.point.y, [PATROL_LIVE_LAYER_ID], 6);
      onPickUnit(hit?.object ? (hit.object as { id: number }).id : null);
    },
    [onPickUnit],
  );

  return (
    <CityMap
      ref={cityMap}
      className="map-view patrols-map"
      testId="patrols-map"
      bbox={cityBBox}
      focus={focus}
      layers={layers}
      onClick={onClick}
    />
  );
}
