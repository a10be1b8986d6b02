/**
 * The wall's map: the offline basemap with deck.gl interleaved, showing grids coloured by the
 * measure, the incident heatmap, open incidents (grade, overdue halo, pulse for new ones),
 * cameras (and their views when zoomed to an alert) and patrol units. No interaction: the tour
 * and the alerts move the camera.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Map, type MapRef } from 'react-map-gl/maplibre';
import { useBaseMapProps } from '../../map/baseMapProps';
import { GeoJsonLayer } from '@deck.gl/layers';
import type { FeatureCollection } from 'geojson';
import { DeckOverlay } from '../../map/DeckOverlay';
import { deckTileLoadOptions, handleTileError, tileUrlTemplate } from '../../api/tiles';
import type { BBox } from '../../api/types';
import { fetchCoverageViews } from '../../api/wall';
import { createCamerasLayer } from '../../layers/camerasLayer';
import { createHeatmapLayer } from '../../layers/heatmapLayer';
import { createMeasureGridsLayer } from '../../layers/measureGridsLayer';
import { createWallIncidentsLayers } from '../../layers/wallIncidentsLayer';
import { createPatrolLiveLayers } from '../../layers/patrolTrailsLayer';
import type { PatrolLive } from '../../app/usePatrolLive';
import type { RGBA } from '../../layers/palette';
import { isOverdueAt, type WallIncident } from './liveWall';
import { markWall } from './wallReadiness';

/** New arrivals pulse for this long. */
const PULSE_MS = 60_000;
/** Alert zoom: half the side of the area shown round the incident, in degrees (about 400 m). */
const ALERT_PAD_DEG = 0.004;
/** Units and trails are drawn from this zoom on: in the city view 10,000 workers would bury the map. */
const UNITS_MIN_ZOOM = 12;
/** The heatmap is drawn below this zoom. */
const HEAT_MAX_ZOOM = 14.5;

export interface WallMapProps {
  token: string;
  /** Where the tour is (fitted with padding); replaced by `alertAt` while an alert shows. */
  stopBBox: BBox;
  alertAt: { lon: number; lat: number; key: string } | null;
  colorOf: (gridId: number | null) => RGBA;
  colorKey: string | number;
  heat: Float32Array;
  heatVersion: number;
  incidents: Map<string, WallIncident>;
  incidentsVersion: number;
  /** Live patrol units and their short trails. */
  patrol: PatrolLive;
  padding: { top: number; bottom: number; left: number; right: number };
}

export function WallMap(p: WallMapProps) {
  const mapRef = useRef<MapRef>(null);
  const [zoom, setZoom] = useState(10);
  const [now, setNow] = useState(() => Date.now());
  const [phase, setPhase] = useState(0);
  const [views, setViews] = useState<FeatureCollection | null>(null);
  const baseMap = useBaseMapProps();
  const loadOptions = useMemo(() => deckTileLoadOptions(), [p.token]);
  const [initialViewState] = useState(() => ({ bounds: toBounds(p.stopBBox), fitBoundsOptions: { padding: p.padding } }));

  // The camera follows the tour stop, or the alert while one shows.
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    if (p.alertAt) {
      const { lon, lat } = p.alertAt;
      map.fitBounds(toBounds([lon - ALERT_PAD_DEG, lat - ALERT_PAD_DEG, lon + ALERT_PAD_DEG, lat + ALERT_PAD_DEG]), { padding: p.padding, duration: 2500, maxZoom: 17 });
    } else {
      map.fitBounds(toBounds(p.stopBBox), { padding: p.padding, duration: 3000 });
    }
    // Moves only when the stop or the alert changes.
  }, [p.stopBBox, p.alertAt?.key]);

  // Camera views round the alert: what can see the spot.
  useEffect(() => {
    if (!p.alertAt) {
      setViews(null);
      return;
    }
    const { lon, lat } = p.alertAt;
    const controller = new AbortController();
    fetchCoverageViews([lon - ALERT_PAD_DEG, lat - ALERT_PAD_DEG, lon + ALERT_PAD_DEG, lat + ALERT_PAD_DEG], controller.signal)
      .then(setViews)
      .catch(() => setViews(null));
    return () => controller.abort();
  }, [p.alertAt?.key]);

  // Split the markers once per change (and each 30 s, as steps go overdue and pulses end).
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => window.clearInterval(t);
  }, []);
  const { all, overdue, pulsing } = useMemo(() => {
    const all: WallIncident[] = [];
    const overdue: WallIncident[] = [];
    const pulsing: WallIncident[] = [];
    const t = Date.now();
    for (const i of p.incidents.values()) {
      all.push(i);
      if (isOverdueAt(i, t)) overdue.push(i);
      if (i.arrivedAt !== null && t - i.arrivedAt < PULSE_MS) pulsing.push(i);
    }
    // Serious grades drawn last (on top).
    const rank = (i: WallIncident) => (i.grade === 'difficult' ? 2 : i.grade === 'key' ? 1 : 0);
    all.sort((a, b) => rank(a) - rank(b));
    return { all, overdue, pulsing };
  }, [p.incidentsVersion, now]);

  // The pulse animates only while something pulses; ~12 updates a second is smooth enough for a ring.
  useEffect(() => {
    if (pulsing.length === 0) return;
    const started = performance.now();
    const t = window.setInterval(() => setPhase(((performance.now() - started) % 1600) / 1600), 80);
    const stop = window.setTimeout(() => setNow(Date.now()), PULSE_MS);
    return () => {
      window.clearInterval(t);
      window.clearTimeout(stop);
    };
  }, [pulsing]);

  const onGridsLoaded = useCallback(() => markWall('gridsLoaded'), []);
  // Filtered once per change of the units, not on every pulse frame (deck.gl compares data by reference).
  const onDuty = useMemo(() => p.patrol.units.filter((u) => u.status !== 'off_duty'), [p.patrol.units]);

  const layers = useMemo(
    () => [
      createMeasureGridsLayer({
        tileUrl: tileUrlTemplate('grids'),
        loadOptions,
        colorOf: p.colorOf,
        colorKey: p.colorKey,
        onViewportLoad: onGridsLoaded,
        onTileError: handleTileError,
      }),
      // In the streets (an alert's zoom) the heat would wash over everything: markers and camera views tell the story there.
      createHeatmapLayer({ data: p.heat, version: p.heatVersion, visible: zoom < HEAT_MAX_ZOOM && !p.alertAt }),
      createCamerasLayer({ tileUrl: tileUrlTemplate('cameras'), loadOptions, minZoom: 13, radiusPixels: 3, onTileError: handleTileError }),
      new GeoJsonLayer({
        id: 'wall-camera-views',
        data: views ?? EMPTY,
        visible: views !== null,
        filled: true,
        stroked: true,
        getFillColor: [34, 197, 94, 50],
        getLineColor: [34, 197, 94, 160],
        lineWidthUnits: 'pixels',
        getLineWidth: 1,
      }),
      ...createPatrolLiveLayers({
        units: onDuty,
        trails: p.patrol.trails,
        statusOf: p.patrol.statusOf,
        version: p.patrol.version,
        visible: zoom >= UNITS_MIN_ZOOM,
        pickable: false,
        radiusPixels: zoom >= 14 ? 6 : 4,
      }),
      ...createWallIncidentsLayers({ incidents: all, overdue, pulsing, pulsePhase: phase, version: p.incidentsVersion + now, radiusPixels: zoom >= 14 ? 6 : 3.5 }),
    ],
    [loadOptions, p.colorOf, p.colorKey, p.heat, p.heatVersion, p.alertAt, onDuty, p.patrol, views, zoom, all, overdue, pulsing, phase, p.incidentsVersion, now, onGridsLoaded],
  );

  return (
    <div className="wall-map" data-testid="wall-map">
      <Map
        ref={mapRef}
        {...baseMap}
        initialViewState={initialViewState}
        interactive={false}
        onLoad={(e) => {
          setZoom(e.target.getZoom());
          markWall('mapReady');
        }}
        onZoomEnd={(e) => setZoom(Math.round(e.viewState.zoom * 2) / 2)}
        onError={(e) => console.warn('[gridboard] map error:', e.error?.message ?? e.error)}
        style={{ position: 'absolute', inset: 0 }}
      >
        <DeckOverlay layers={layers} />
      </Map>
    </div>
  );
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

function toBounds([minLon, minLat, maxLon, maxLat]: BBox): [[number, number], [number, number]] {
  return [
    [minLon, minLat],
    [maxLon, maxLat],
  ];
}
