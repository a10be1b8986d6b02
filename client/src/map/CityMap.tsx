/**
 * The one map every page builds on: MapLibre with the city's own offline basemap (tile requests
 * signed with the session token) and deck.gl interleaved in the same WebGL context. It opens
 * fitted to `bbox`, moves to each new `focus`, reports readiness for browser tests and
 * watchdogs (`window.__gridboard.mapReady`), and signs the user out when the server answers 401.
 * What a page shows (deck layers) and does (clicks, drawing, the wall's kiosk camera) stays in
 * the page's own map component, which passes layers and handlers in.
 */
import { useCallback, useEffect, useImperativeHandle, useRef, useState, type ReactNode, type Ref } from 'react';
import { Map, NavigationControl, ScaleControl, type MapProps, type MapRef } from 'react-map-gl/maplibre';
import type { LayersList, PickingInfo } from '@deck.gl/core';
import type { MapboxOverlay, MapboxOverlayProps } from '@deck.gl/mapbox';
import type { ErrorEvent as MapErrorEvent, Map as MapLibreMap, PaddingOptions } from 'maplibre-gl';
import { reportUnauthorized } from '../api/http';
import type { BBox } from '../api/types';
import { FLAT_VIEW, useBaseMapProps } from './baseMapProps';
import { DeckOverlay } from './DeckOverlay';
import { markReady, resetReadiness } from './readiness';
import './map.css';

/** An extent to show. A new object moves the map (the same object again does not). */
export interface MapFocus {
  bbox: BBox;
  /** Pixels kept clear round the extent. Default 30. */
  padding?: number | PaddingOptions;
  /** No closer than this, however small the extent. */
  maxZoom?: number;
  /** Length of the flight in ms. Default 800. */
  duration?: number;
}

/** What a page's map may reach of the map it is built on. */
export interface CityMapHandle {
  /** The react-map-gl map (MapLibre's via `getMap()`); null until it is created. */
  readonly map: MapRef | null;
  /** The topmost object of `layerIds` within `radius` pixels of (x, y), or null. */
  pick(x: number, y: number, layerIds: string[], radius?: number): PickingInfo | null;
}

type MapEvents = Pick<MapProps, 'onClick' | 'onMouseDown' | 'onMouseMove' | 'onMouseUp' | 'onMoveEnd' | 'onZoomEnd'>;

export interface CityMapProps extends MapEvents {
  /** The extent the map opens fitted to: the city, or a wall's first tour stop. Read once. */
  bbox: BBox;
  /** Padding round `bbox` when opening, in pixels. Default 30. Read once. */
  fitPadding?: number | PaddingOptions;
  /** Moves the map to each new focus request (see {@link MapFocus}). */
  focus?: MapFocus | null;
  /** The deck.gl layers, drawn above the basemap in its layer stack. */
  layers: LayersList;
  /** Hover picking, as deck.gl's `onHover`. */
  onHover?: MapboxOverlayProps['onHover'];
  /** The cursor, as deck.gl's `getCursor`. */
  getCursor?: MapboxOverlayProps['getCursor'];
  /** After the map's first full load (style and first basemap tiles), after `mapReady` is set. */
  onLoad?: (map: MapLibreMap) => void;
  /** Whether the map reports to `window.__gridboard` (reset on mount, `mapReady` on load). Default true. */
  reportReadiness?: boolean;
  /** Pan, zoom and click; false for a kiosk screen whose camera only the page moves. Default true. */
  interactive?: boolean;
  /** Zoom buttons and the scale bar. Default true. */
  controls?: boolean;
  /** Class of the container; the map fills it. Default "map-view". */
  className?: string;
  /** `data-testid` of the container, which browser tests measure and click in. */
  testId: string;
  /** Drawn over the map inside the container (buttons, hover cards). */
  children?: ReactNode;
  ref?: Ref<CityMapHandle>;
}

const DEFAULT_PADDING = 30;
const DEFAULT_DURATION = 800;

export function CityMap({
  bbox,
  fitPadding = DEFAULT_PADDING,
  focus = null,
  layers,
  onHover,
  getCursor,
  onLoad,
  reportReadiness = true,
  interactive = true,
  controls = true,
  className = 'map-view',
  testId,
  children,
  ref,
  ...events
}: CityMapProps) {
  const mapRef = useRef<MapRef>(null);
  const overlayRef = useRef<MapboxOverlay | null>(null);
  // The style is built once, for the origin the page came from.
  const baseMap = useBaseMapProps();
  // Opens fitted to the extent, so the first tiles loaded (and `gridsLoaded`) are the ones shown.
  const [initialViewState] = useState(() => ({ bounds: toBounds(bbox), fitBoundsOptions: { padding: fitPadding } }));

  useImperativeHandle(
    ref,
    () => ({
      get map() {
        return mapRef.current;
      },
      pick: (x, y, layerIds, radius = 2) => overlayRef.current?.pickObject({ x, y, radius, layerIds }) ?? null,
    }),
    [],
  );

  useEffect(() => {
    if (reportReadiness) resetReadiness();
  }, [reportReadiness]);

  // Only a new focus request moves the map.
  useEffect(() => {
    if (!focus) return;
    mapRef.current?.fitBounds(toBounds(focus.bbox), {
      padding: focus.padding ?? DEFAULT_PADDING,
      duration: focus.duration ?? DEFAULT_DURATION,
      // Only when set: MapLibre takes an explicit `undefined` for a limit, and its sums turn NaN.
      ...(focus.maxZoom !== undefined && { maxZoom: focus.maxZoom }),
    });
  }, [focus]);

  const handleLoad = useCallback(
    (e: { target: MapLibreMap }) => {
      if (reportReadiness) markReady('mapReady');
      onLoad?.(e.target);
    },
    [reportReadiness, onLoad],
  );

  return (
    <div className={className} data-testid={testId}>
      <Map
        ref={mapRef}
        {...baseMap}
        {...FLAT_VIEW}
        initialViewState={initialViewState}
        interactive={interactive}
        onLoad={handleLoad}
        onError={onMapError}
        style={{ position: 'absolute', inset: 0 }}
        {...events}
      >
        <DeckOverlay
          layers={layers}
          overlayRef={overlayRef}
          {...(onHover && { onHover })}
          {...(getCursor && { getCursor })}
        />
        {controls && <NavigationControl position="bottom-right" showCompass={false} />}
        {controls && <ScaleControl position="bottom-left" unit="metric" maxWidth={120} />}
      </Map>
      {children}
    </div>
  );
}

/** A 401 on a basemap tile or the style means the session ended; anything else is logged. */
function onMapError(event: MapErrorEvent): void {
  const status = (event.error as { status?: number } | undefined)?.status;
  if (status === 401) reportUnauthorized();
  else console.warn('[gridboard] map error:', event.error?.message ?? event.error);
}

export function toBounds([minLon, minLat, maxLon, maxLat]: BBox): [[number, number], [number, number]] {
  return [
    [minLon, minLat],
    [maxLon, maxLat],
  ];
}
