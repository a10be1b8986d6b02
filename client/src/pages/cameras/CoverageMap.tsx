/**
 * The coverage review's map: the city's basemap with grids coloured by coverage, the cameras,
 * what they see (zoomed in), the gap layers, suggestions and the planner's draft. A click on a
 * gap (or anywhere) asks why the cameras nearby miss that point; the map reports its viewport
 * so the page loads gaps for what is on screen.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Map as MapGL, NavigationControl, ScaleControl, type MapRef } from 'react-map-gl/maplibre';
import { FLAT_VIEW, useBaseMapProps } from '../../map/baseMapProps';
import type { LayersList } from '@deck.gl/core';
import type { MapboxOverlay } from '@deck.gl/mapbox';
import type { MapLayerMouseEvent } from 'maplibre-gl';
import { DeckOverlay } from '../../map/DeckOverlay';
import { markReady, resetReadiness } from '../../map/readiness';
import { deckTileLoadOptions, handleTileError, tileUrlTemplate } from '../../api/tiles';
import { reportUnauthorized } from '../../api/http';
import type { BBox } from '../../api/types';
import { createCamerasLayer } from '../../layers/camerasLayer';
import { useAppState } from '../../state/store';
import { coverageGridsLayer, LAYER_IDS } from './layers';
import '../../map/map.css';

export interface Viewport {
  bbox: BBox;
  zoom: number;
}

export interface CoverageMapProps {
  cityBBox: BBox;
  shares: Map<number, number | null>;
  sharesVersion: number;
  /** Bumped after camera changes: the camera tiles are fetched again. */
  camerasVersion: number;
  showGrids: boolean;
  showCameras: boolean;
  layers: LayersList;
  focus: { bbox: BBox; seq: number } | null;
  onViewport: (v: Viewport) => void;
  /** A click: where, and the gap or suggestion under it (if any). */
  onPick: (lon: number, lat: number, hit: { layer: string; object: unknown } | null) => void;
}

const PICKABLE = [LAYER_IDS.suggestions, LAYER_IDS.gapPoints, LAYER_IDS.gapRoad, LAYER_IDS.gapArea];

export function CoverageMap(p: CoverageMapProps) {
  const mapRef = useRef<MapRef>(null);
  const overlayRef = useRef<MapboxOverlay | null>(null);
  const token = useAppState((s) => s.session?.token ?? null);
  const baseMap = useBaseMapProps();
  const loadOptions = useMemo(() => deckTileLoadOptions(), [token]);
  const [zoom, setZoom] = useState(11);
  const [initialViewState] = useState(() => ({
    bounds: [[p.cityBBox[0], p.cityBBox[1]], [p.cityBBox[2], p.cityBBox[3]]] as [[number, number], [number, number]],
    fitBoundsOptions: { padding: 30 },
  }));

  useEffect(() => resetReadiness(), []);

  useEffect(() => {
    if (!p.focus) return;
    const [a, b, c, d] = p.focus.bbox;
    mapRef.current?.fitBounds([[a, b], [c, d]], { padding: 60, maxZoom: 17.5, duration: 800 });
  }, [p.focus]);

  const report = useCallback(() => {
    const map = mapRef.current;
    if (!map) return;
    const b = map.getBounds();
    setZoom(map.getZoom());
    p.onViewport({ bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom: map.getZoom() });
  }, [p.onViewport]);

  const camerasUrl = `${tileUrlTemplate('cameras')}?v=${p.camerasVersion}`;
  const deckLayers = useMemo(
    () => [
      coverageGridsLayer({
        tileUrl: tileUrlTemplate('grids'),
        loadOptions,
        shares: p.shares,
        version: p.sharesVersion,
        opacity: p.showGrids ? (zoom >= 15 ? 0.35 : zoom >= 13 ? 0.6 : 1) : 0,
        onViewportLoad: () => markReady('gridsLoaded'),
        onTileError: handleTileError,
      }),
      ...p.layers,
      createCamerasLayer({ tileUrl: camerasUrl, loadOptions, visible: p.showCameras, onTileError: handleTileError }),
    ],
    [loadOptions, p.shares, p.sharesVersion, p.showGrids, p.showCameras, p.layers, camerasUrl, zoom],
  );

  const onClick = useCallback(
    (e: MapLayerMouseEvent) => {
      const hit = overlayRef.current?.pickObject({ x: e.point.x, y: e.point.y, radius: 5, layerIds: PICKABLE });
      p.onPick(e.lngLat.lng, e.lngLat.lat, hit?.object && hit.layer ? { layer: hit.layer.id, object: hit.object } : null);
    },
    [p.onPick],
  );

  return (
    <div className="map-view cov-map" data-testid="coverage-map">
      <MapGL
        ref={mapRef}
        {...baseMap}
        {...FLAT_VIEW}
        initialViewState={initialViewState}
        onLoad={() => {
          markReady('mapReady');
          report();
        }}
        onMoveEnd={report}
        onClick={onClick}
        onError={(ev) => {
          if ((ev.error as { status?: number } | undefined)?.status === 401) reportUnauthorized();
        }}
        style={{ position: 'absolute', inset: 0 }}
      >
        <DeckOverlay layers={deckLayers} overlayRef={overlayRef} getCursor={({ isDragging }) => (isDragging ? 'grabbing' : 'crosshair')} />
        <NavigationControl position="bottom-right" showCompass={false} />
        <ScaleControl position="bottom-left" unit="metric" maxWidth={120} />
      </MapGL>
    </div>
  );
}
