/**
 * The overview map: MapLibre basemap (the city's own tiles) with deck.gl layers interleaved in
 * the same WebGL context. Reads the store; the only writes are selection changes.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Map, NavigationControl, ScaleControl, type MapRef } from 'react-map-gl/maplibre';
import { FLAT_VIEW, useBaseMapProps } from './baseMapProps';
import type { LayersList, PickingInfo } from '@deck.gl/core';
import type { _Tile2DHeader as Tile2DHeader } from '@deck.gl/geo-layers';
import type { Feature, Geometry } from 'geojson';
import type { ErrorEvent as MapErrorEvent, MapLayerMouseEvent, PaddingOptions } from 'maplibre-gl';
import type { MapboxOverlay } from '@deck.gl/mapbox';
import { DeckOverlay } from './DeckOverlay';
import { HoverCard, type Hovered } from './HoverCard';
import { markReady, resetReadiness } from './readiness';
import { deckTileLoadOptions, handleTileError, tileUrlTemplate } from '../api/tiles';
import { reportUnauthorized } from '../api/http';
import type { BBox, GridTileProperties, IncidentFeature } from '../api/types';
import { useAppState, useDispatch } from '../state/store';
import { createGridsLayer, getGridId, gridFillOpacityAtZoom, GRIDS_LAYER_ID } from '../layers/gridsLayer';
import { createCamerasLayer, CAMERAS_LAYER_ID, type CameraFeatureProperties } from '../layers/camerasLayer';
import { createIncidentsLayer, INCIDENTS_LAYER_ID, sortIncidentsForDrawing } from '../layers/incidentsLayer';
import { createSelectedGridLayers } from '../layers/selectedGridLayer';
import { createGridLabelsLayer, placeGridLabels, type GridLabel } from '../layers/gridLabelsLayer';
import './map.css';

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
  const mapRef = useRef<MapRef>(null);
  const token = useAppState((s) => s.session?.token ?? null);
  const layers = useAppState((s) => s.layers);
  const measure = useAppState((s) => s.gridMeasure);
  const storeIncidents = useAppState((s) => ('data' in s.incidents && s.incidents.data) || EMPTY_INCIDENTS);
  const incidents = incidentsOverride ?? storeIncidents;
  const selectedGrid = useAppState((s) => (s.selectedGrid.status === 'ready' ? s.selectedGrid.data : null));
  const mapFocus = useAppState((s) => s.mapFocus);

  const [zoom, setZoom] = useState(11);
  const [hovered, setHovered] = useState<Hovered | null>(null);
  const [labels, setLabels] = useState<GridLabel[]>([]);
  const overlayRef = useRef<MapboxOverlay | null>(null);

  // The style is built once, for the origin the page came from.
  const baseMap = useBaseMapProps();
  // New token → new load options → deck refetches tiles with the new header.
  const loadOptions = useMemo(() => deckTileLoadOptions(), [token]);
  const drawnIncidents = useMemo(() => sortIncidentsForDrawing(incidents), [incidents]);

  useEffect(() => {
    resetReadiness();
  }, []);

  // Opens fitted to the city, so the first tiles loaded (and `gridsLoaded`) are the city's.
  const [initialViewState] = useState(() => ({
    bounds: toBounds(cityBBox),
    fitBoundsOptions: { padding: fitPadding },
  }));

  const fitCity = useCallback(() => {
    mapRef.current?.fitBounds(toBounds(cityBBox), { padding: fitPadding, duration: 900 });
  }, [cityBBox, fitPadding]);

  // Show an extent asked for elsewhere (e.g. the inspector's "Zoom to"), clear of the inspector.
  useEffect(() => {
    if (!mapFocus) return;
    mapRef.current?.fitBounds(toBounds(mapFocus.bbox), { padding: focusPadding, maxZoom: 17, duration: 900 });
    // Only a new focus request moves the map, not a new padding object.
  }, [mapFocus]);

  const onGridsViewportLoad = useCallback((tiles: Tile2DHeader[]) => {
    markReady('gridsLoaded');
    const z = mapRef.current?.getZoom() ?? 0;
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
      const overlay = overlayRef.current;
      if (!overlay) return;
      const { x, y } = event.point;
      if (onIncidentClick) {
        const hit = overlay.pickObject({ x, y, radius: 4, layerIds: [INCIDENTS_LAYER_ID] });
        const id = (hit?.object as IncidentFeature | undefined)?.properties?.id;
        if (id) {
          onIncidentClick(id);
          return;
        }
      }
      if (!selectGridOnClick) return;
      // The grid under the pointer, whatever is drawn above it (an incident belongs to it too).
      const picked = overlay.pickObject({ x, y, radius: 2, layerIds: [GRIDS_LAYER_ID] });
      const gridId = picked?.object ? getGridId(picked.object as Feature<Geometry, GridTileProperties>) : null;
      dispatch({ type: 'grid/selected', id: gridId });
    },
    [dispatch, onIncidentClick, selectGridOnClick],
  );

  const onMapError = useCallback((event: MapErrorEvent) => {
    const status = (event.error as { status?: number } | undefined)?.status;
    if (status === 401) reportUnauthorized();
    else console.warn('[gridboard] map error:', event.error?.message ?? event.error);
  }, []);

  return (
    <div className="map-view" data-testid="map">
      <Map
        ref={mapRef}
        {...baseMap}
        {...FLAT_VIEW}
        initialViewState={initialViewState}
        onLoad={(e) => {
          setZoom(e.target.getZoom());
          markReady('mapReady');
        }}
        onZoomEnd={(e) => setZoom(e.viewState.zoom)}
        onError={onMapError}
        onClick={onMapClick}
        style={{ position: 'absolute', inset: 0 }}
      >
        <DeckOverlay
          layers={deckLayers}
          overlayRef={overlayRef}
          onHover={onHover}
          getCursor={({ isHovering, isDragging }) => (isDragging ? 'grabbing' : isHovering ? 'pointer' : 'grab')}
        />
        <NavigationControl position="bottom-right" showCompass={false} />
        <ScaleControl position="bottom-left" unit="metric" maxWidth={120} />
      </Map>
      <button type="button" className="map-fit" onClick={fitCity} title="Fit the whole city">
        <span aria-hidden="true">⤢</span> Whole city <span className="zh">全市</span>
      </button>
      {hovered && <HoverCard hovered={hovered} />}
    </div>
  );
}

function toBounds([minLon, minLat, maxLon, maxLat]: BBox): [[number, number], [number, number]] {
  return [
    [minLon, minLat],
    [maxLon, maxLat],
  ];
}

function toHovered(info: PickingInfo): Hovered | null {
  if (!info.object || !info.layer) return null;
  const { x, y } = info;
  const at = { x, y, flipX: x > info.viewport!.width - 320, flipY: y > info.viewport!.height - 200 };
  switch (info.layer.id) {
    case GRIDS_LAYER_ID:
      return { kind: 'grid', ...at, properties: (info.object as Feature<Geometry, GridTileProperties>).properties };
    case CAMERAS_LAYER_ID:
      return { kind: 'camera', ...at, properties: (info.object as Feature<Geometry, CameraFeatureProperties>).properties };
    case INCIDENTS_LAYER_ID:
      return { kind: 'incident', ...at, properties: (info.object as IncidentFeature).properties };
    default:
      return null;
  }
}
