/**
 * The coverage review's map: the city's basemap with grids coloured by coverage, the cameras,
 * what they see (zoomed in), the gap layers, suggestions and the planner's draft. A click on a
 * gap (or anywhere) asks why the cameras nearby miss that point; the map reports its viewport
 * so the page loads gaps for what is on screen.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { LayersList } from '@deck.gl/core';
import type { MapLayerMouseEvent } from 'maplibre-gl';
import { CityMap, type CityMapHandle, type MapFocus } from '../../map/CityMap';
import { markReady } from '../../map/readiness';
import { useTileLoadOptions } from '../../map/useTileLoadOptions';
import { handleTileError, tileUrlTemplate } from '../../api/tiles';
import type { BBox } from '../../api/types';
import { createCamerasLayer } from '../../layers/camerasLayer';
import { coverageGridsLayer, LAYER_IDS } from './layers';

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
  const { onViewport, onPick } = p;
  const cityMap = useRef<CityMapHandle>(null);
  const loadOptions = useTileLoadOptions();
  const [zoom, setZoom] = useState(11);

  const focus = useMemo<MapFocus | null>(
    () => (p.focus ? { bbox: p.focus.bbox, padding: 60, maxZoom: 17.5, duration: 800 } : null),
    [p.focus],
  );

  const report = useCallback(() => {
    const map = cityMap.current?.map;
    if (!map) return;
    const b = map.getBounds();
    setZoom(map.getZoom());
    onViewport({ bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom: map.getZoom() });
  }, [onViewport]);

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
      const hit = cityMap.current?.pick(e.point.x, e.point.y, PICKABLE, 5);
      onPick(e.lngLat.lng, e.lngLat.lat, hit?.object && hit.layer ? { layer: hit.layer.id, object: hit.object } : null);
    },
    [onPick],
  );

  return (
    <CityMap
      ref={cityMap}
      className="map-view cov-map"
      testId="coverage-map"
      bbox={p.cityBBox}
      focus={focus}
      layers={deckLayers}
      getCursor={({ isDragging }) => (isDragging ? 'grabbing' : 'crosshair')}
      onLoad={report}
      onMoveEnd={report}
      onClick={onClick}
    />
  );
}
