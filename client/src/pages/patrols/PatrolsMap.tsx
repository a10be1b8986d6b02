/**
 * The patrol page's map: the city's basemap with deck.gl layers the page passes in (live units
 * and trails, a route, the assessment choropleth, playback). A click picks a unit.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Map as MapGL, NavigationControl, ScaleControl, type MapRef } from 'react-map-gl/maplibre';
import { FLAT_VIEW, useBaseMapProps } from '../../map/baseMapProps';
import type { LayersList } from '@deck.gl/core';
import type { MapboxOverlay } from '@deck.gl/mapbox';
import type { MapLayerMouseEvent } from 'maplibre-gl';
import { DeckOverlay } from '../../map/DeckOverlay';
import { markReady, resetReadiness } from '../../map/readiness';
import { reportUnauthorized } from '../../api/http';
import type { BBox } from '../../api/types';
import { PATROL_LIVE_LAYER_ID } from '../../layers/patrolTrailsLayer';
import '../../map/map.css';

export interface PatrolsMapProps {
  cityBBox: BBox;
  layers: LayersList;
  focus: { bbox: BBox; seq: number } | null;
  onPickUnit: (id: number | null) => void;
}

export function PatrolsMap(p: PatrolsMapProps) {
  const mapRef = useRef<MapRef>(null);
  const overlayRef = useRef<MapboxOverlay | null>(null);
  const baseMap = useBaseMapProps();
  const [initialViewState] = useState(() => ({
    bounds: [[p.cityBBox[0], p.cityBBox[1]], [p.cityBBox[2], p.cityBBox[3]]] as [[number, number], [number, number]],
    fitBoundsOptions: { padding: 30 },
  }));

  useEffect(() => resetReadiness(), []);
  useEffect(() => {
    if (!p.focus) return;
    const [a, b, c, d] = p.focus.bbox;
    mapRef.current?.fitBounds([[a, b], [c, d]], { padding: 80, maxZoom: 16.5, duration: 600 });
  }, [p.focus]);

  const onClick = useCallback((e: MapLayerMouseEvent) => {
    const hit = overlayRef.current?.pickObject({ x: e.point.x, y: e.point.y, radius: 6, layerIds: [PATROL_LIVE_LAYER_ID] });
    p.onPickUnit(hit?.object ? (hit.object as { id: number }).id : null);
  }, [p.onPickUnit]);

  return (
    <div className="map-view patrols-map" data-testid="patrols-map">
      <MapGL
        ref={mapRef}
        {...baseMap}
        {...FLAT_VIEW}
        initialViewState={initialViewState}
        onLoad={() => markReady('mapReady')}
        onClick={onClick}
        onError={(ev) => {
          if ((ev.error as { status?: number } | undefined)?.status === 401) reportUnauthorized();
        }}
        style={{ position: 'absolute', inset: 0 }}
      >
        <DeckOverlay layers={p.layers} overlayRef={overlayRef} />
        <NavigationControl position="bottom-right" showCompass={false} />
        <ScaleControl position="bottom-left" unit="metric" maxWidth={120} />
      </MapGL>
    </div>
  );
}
