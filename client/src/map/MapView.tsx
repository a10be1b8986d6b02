/**
 * The overview map: MapLibre basemap (the city's own tiles) with deck.gl layers interleaved in
 * the same WebGL context. Reads the store; the only writes are selection changes.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { LayersList, PickingInfo } from '@deck.gl/core';
import type { _Tile2DHeader as Tile2DHeader } from '@deck.gl/geo-layers';
import type { Feature, Geometry } from 'geojson';
import type { MapLayerMouseEvent, Map as MapLibreMap, PaddingOptions } from 'maplibre-gl';
import { CityMap, toBounds, type CityMapHandle, type MapFocus } from './CityMap';
import { HoverCard, type Hovered } from './HoverCard';
import { markReady } from './readiness';
import { useTileLoadOptions } from './useTileLoadOptions';
import { handleTileError, tileUrlTemplate } from '../api/tiles';
import type { BBox, GridTileProperties, IncidentFeature } from '../api/types';
import { useAppState, useDispatch } from '../state/store';
import { createGridsLayer, getGridId, gridFillOpacityAtZoom, GRIDS_LAYER_ID } from '../layers/gridsLayer';
import { createCamerasLayer, CAMERAS_LAYER_ID, type CameraFeatureProperties } from '../layers/camerasLayer';
import { createIncidentsLayer, INCIDENTS_LAYER_ID, sortIncidentsForDrawing } from '../layers/incidentsLayer';
import { createSelectedGridLayers } from '../layers/selectedGridLayer';
import { createGridLabelsLayer, placeGridLabels, type GridLabel } from '../layers/gridLabelsLayer';

/** Grid names are drawn from this zoom on. */
const LABELS_MIN_ZOOM = 15;
const EMPTY_INCIDENTS: IncidentFeature[] = [];

type TileWithWGS84 = Tile2DHeader & { dataInWGS84?: Feature<Geometry, GridTileProperties>[] | null };

export interface MapViewProps {
  /** The city's extent; the map opens fitted to it. */
  cityBBox: BBox;
  /** Incidents to draw instead of the store's recent ones (the console draws its live queue). */
  incidents?: IncidentFeature[];
  /** Layers drawn above the others (e.g. the console's selected incident and patrol units). */
  extraLayers?: LayersList;
  /** Called with the id of a clicked incident; a click on an incident then selects no grid. */
  onIncidentClick?: (id: string) => void;
  /** Whether a click on a grid selects it. Default true. */
  selectGridOnClick?: boolean;
  /** Padding when fitting the city, in pixels. Default: clear of the legend on the left. */
  fitPadding?: PaddingOptions;
  /** Padding when showing a focused extent, in pixels. Default: clear of the grid inspector. */
  focusPadding?: PaddingOptions;
}

/** Padding around the city when fitting it, in pixels; the left side keeps clear of the legend. */
const FIT_PADDING = { top: 40, bottom: 40, left: 300, right: 40 };
/** Left padding that keeps a focused extent clear of the grid inspector card. */
const INSPECTOR_CLEARANCE_PX = 360;

const DEFAULT_FOCUS_PADDING = { top: 60, bottom: 60, left: INSPECTOR_CLEARANCE_PX, right: 60 };

export function MapView({
  cityBBox,
  incidents: incidentsOverride,
  extraLayers,
  onIncidentClick,
  selectGridOnClick = true,
  fitPadding = FIT_PADDING,
  focusPadding = DEFAULT_FOCUS_PADDING,
}: MapViewProps) {
  const dispatch = useDispatch();
  const cityMap = useRef<CityMapHandle>(null);
  const layers = useAppState((s) => s.layers);
  const measure = useAppState((s) => s.gridMeasure);
  const storeIncidents = useAppState((s) => ('data' in s.incidents && s.incidents.data) || EMPTY_INCIDENTS);
  const incidents = incidentsOverride ?? storeIncidents;
  const selectedGrid = useAppState((s) => (s.selectedGrid.status === 'ready' ? s.selectedGrid.data : null));
  const mapFocus = useAppState((s) => s.mapFocus);

  const [zoom, setZoom] = useState(11);
  const [hovered, setHovered] = useState<Hovered | null>(null);
  const [labels, setLabels] = useState<GridLabel[]>([]);

  const loadOptions = useTileLoadOptions();
  const drawnIncidents = useMemo(() => sortIncidentsForDrawing(incidents), [incidents]);

  const fitCity = useCallback(() => {
    cityMap.current?.map?.fitBounds(toBounds(cityBBox), { padding: fitPadding, duration: 900 });
  }, [cityBBox, fitPadding]);

  // Show an extent asked for elsewhere (e.g. the inspector's "Zoom to"), clear of the inspector.
  const focus = useMemo<MapFocus | null>(
    () => (mapFocus ? { bbox: mapFocus.bbox, padding: focusPadding, maxZoom: 17, duration: 900 } : null),
    [mapFocus, focusPadding],
  );

  const onGridsViewportLoad = useCallback((tiles: Tile2DHeader[]) => {
    markReady('gridsLoaded');
    const z = cityMap.current?.map?.getZoom() ?? 0;
    if (z < LABELS_MIN_ZOOM - 0.5) return;
    const pieces: Feature<Geometry, GridTileProperties>[] = [];
    for (const tile of tiles as TileWithWGS84[]) {
      const features = tile.dataInWGS84;
      if (features) pieces.push(...features);
    }
    setLabels(placeGridLabels(pieces));
  }, []);

  const deckLayers = useMemo(
    () => [
      createGridsLayer({
        tileUrl: tileUrlTemplate('grids'),
        loadOptions,
        measure,
        fillOpacity: gridFillOpacityAtZoom(zoom),
        visible: layers.grids,
        onViewportLoad: onGridsViewportLoad,
        onTileError: handleTileError,
      }),
      ...createSelectedGridLayers({ feature: selectedGrid }),
      createCamerasLayer({
        tileUrl: tileUrlTemplate('cameras'),
        loadOptions,
        visible: layers.cameras,
        onTileError: handleTileError,
      }),
      createIncidentsLayer({ data: drawnIncidents, visible: layers.incidents }),
      // Created only when there is text to draw (an empty font atlas upsets WebGL).
      labels.length > 0 &&
        createGridLabelsLayer({ data: labels, visible: layers.labels && layers.grids && zoom >= LABELS_MIN_ZOOM }),
      ...(extraLayers ?? []),
    ],
    [loadOptions, measure, layers, onGridsViewportLoad, selectedGrid, drawnIncidents, labels, zoom, extraLayers],
  );

  const onHover = useCallback((info: PickingInfo) => {
    setHovered(toHovered(info));
  }, []);

  // Clicks are picked on MapLibre's 'click' (fires only for a click, not after a drag): deck's
  // own click gesture proved unreliable in interleaved mode with MapLibre 6.
  const onMapClick = useCallback(
    (event: MapLayerMouseEvent) => {
      const map = cityMap.current;
      if (!map) return;
      const { x, y } = event.point;
      if (onIncidentClick) {
        const hit = map.pick(x, y, [INCIDENTS_LAYER_ID], 4);
        const id = (hit?.object as IncidentFeature | undefined)?.properties?.id;
        if (id) {
          onIncidentClick(id);
          return;
        }
      }
      if (!selectGridOnClick) return;
      // The grid under the pointer, whatever is drawn above it (an incident belongs to it too).
      const picked = map.pick(x, y, [GRIDS_LAYER_ID], 2);
      const gridId = picked?.object ? getGridId(picked.object as Feature<Geometry, GridTileProperties>) : null;
      dispatch({ type: 'grid/selected', id: gridId });
    },
    [dispatch, onIncidentClick, selectGridOnClick],
  );

  const onLoad = useCallback((map: MapLibreMap) => setZoom(map.getZoom()), []);

  return (
    <CityMap
      ref={cityMap}
      testId="map"
      bbox={cityBBox}
      fitPadding={fitPadding}
      focus={focus}
      layers={deckLayers}
      onHover={onHover}
      getCursor={({ isHovering, isDragging }) => (isDragging ? 'grabbing' : isHovering ? 'pointer' : 'grab')}
      onLoad={onLoad}
      onZoomEnd={(e) => setZoom(e.viewState.zoom)}
      onClick={onMapClick}
    >
      <button type="button" className="map-fit" onClick={fitCity} title="Fit the whole city">
        <span aria-hidden="true">⤢</span> Whole city <span className="zh">全市</span>
      </button>
      {hovered && <HoverCard hovered={hovered} />}
    </CityMap>
  );
}

function toHovered(info: PickingInfo): Hovered | null {
  if (!info.object || !info.layer) return null;
  const { x, y } = info;
  const at = { x, y, flipX: x > info.viewport!.width - 320, flipY: y > info.viewport!.height - 200 };
  switch (info.layer.id) {
    case GRIDS_LAYER_ID:
      return { kind: 'grid', ...at, properties: (info.object as Feature<Geometry, GridTileProperties>).properties };
    case CAMERAS_LAYER_ID:
      return {
        kind: 'camera',
        ...at,
        properties: (info.object as Feature<Geometry, CameraFeatureProperties>).properties,
      };
    case INCIDENTS_LAYER_ID:
      return { kind: 'incident', ...at, properties: (info.object as IncidentFeature).properties };
    default:
      return null;
  }
}
