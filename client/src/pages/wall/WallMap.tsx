/**
 * The wall's map: the offline basemap with deck.gl interleaved, showing grids coloured by the
 * measure, the incident heatmap, open incidents (grade, overdue halo, pulse for new ones),
 * cameras (and their views when zoomed to an alert) and patrol units. No interaction: the tour
 * and the alerts move the camera.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { GeoJsonLayer } from '@deck.gl/layers';
import type { FeatureCollection } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { CityMap, type MapFocus } from '../../map/CityMap';
import { useTileLoadOptions } from '../../map/useTileLoadOptions';
import { handleTileError, tileUrlTemplate } from '../../api/tiles';
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
  const [zoom, setZoom] = useState(10);
  const [now, setNow] = useState(() => Date.now());
  const [phase, setPhase] = useState(0);
  const [views, setViews] = useState<FeatureCollection | null>(null);
  const loadOptions = useTileLoadOptions();
  // The alert by value: a new object for the same alert neither moves the map nor refetches.
  const alertKey = p.alertAt?.key ?? null;
  const alertLon = p.alertAt?.lon;
  const alertLat = p.alertAt?.lat;
  const alertBBox = useMemo<BBox | null>(
    () =>
      alertKey !== null && alertLon !== undefined && alertLat !== undefined
        ? [alertLon - ALERT_PAD_DEG, alertLat - ALERT_PAD_DEG, alertLon + ALERT_PAD_DEG, alertLat + ALERT_PAD_DEG]
        : null,
    // The key says which alert; a new alert at the same spot is a new request.
    [alertKey, alertLon, alertLat],
  );

  // The camera follows the tour stop, or the alert while one shows.
  const focus = useMemo<MapFocus>(
    () =>
      alertBBox
        ? { bbox: alertBBox, padding: p.padding, duration: 2500, maxZoom: 17 }
        : { bbox: p.stopBBox, padding: p.padding, duration: 3000 },
    [alertBBox, p.stopBBox, p.padding],
  );

  // Camera views round the alert: what can see the spot.
  useEffect(() => {
    if (!alertBBox) {
      setViews(null);
      return;
    }
    const controller = new AbortController();
    fetchCoverageViews(alertBBox, controller.signal)
      .then(setViews)
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        console.warn(
          '[gridboard] camera views round the alert failed to load:',
          err instanceof Error ? err.message : err,
        );
        setViews(null);
      });
    return () => controller.abort();
  }, [alertBBox]);

  // Split the markers once per change (and each 30 s, as steps go overdue and pulses end).
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => window.clearInterval(t);
  }, []);
  const { all, overdue, pulsing } = useMemo(() => {
    const all: WallIncident[] = [];
    const overdue: WallIncident[] = [];
    const pulsing: WallIncident[] = [];
    for (const i of p.incidents.values()) {
      all.push(i);
      if (isOverdueAt(i, now)) overdue.push(i);
      // An arrival after `now` was taken is newer still: it pulses.
      if (i.arrivedAt !== null && now - i.arrivedAt < PULSE_MS) pulsing.push(i);
    }
    // Serious grades drawn last (on top).
    const rank = (i: WallIncident) => (i.grade === 'difficult' ? 2 : i.grade === 'key' ? 1 : 0);
    all.sort((a, b) => rank(a) - rank(b));
    return { all, overdue, pulsing };
  }, [p.incidents, now]);

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
      createHeatmapLayer({ data: p.heat, version: p.heatVersion, visible: zoom < HEAT_MAX_ZOOM && !alertBBox }),
      createCamerasLayer({
        tileUrl: tileUrlTemplate('cameras'),
        loadOptions,
        minZoom: 13,
        radiusPixels: 3,
        onTileError: handleTileError,
      }),
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
      ...createWallIncidentsLayers({
        incidents: all,
        overdue,
        pulsing,
        pulsePhase: phase,
        version: p.incidentsVersion + now,
        radiusPixels: zoom >= 14 ? 6 : 3.5,
      }),
    ],
    [
      loadOptions,
      p.colorOf,
      p.colorKey,
      p.heat,
      p.heatVersion,
      alertBBox,
      onDuty,
      p.patrol,
      views,
      zoom,
      all,
      overdue,
      pulsing,
      phase,
      p.incidentsVersion,
      now,
      onGridsLoaded,
    ],
  );

  const onLoad = useCallback((map: MapLibreMap) => {
    setZoom(map.getZoom());
    markWall('mapReady');
  }, []);

  return (
    <CityMap
      className="wall-map"
      testId="wall-map"
      bbox={p.stopBBox}
      fitPadding={p.padding}
      focus={focus}
      layers={layers}
      interactive={false}
      controls={false}
      reportReadiness={false}
      onLoad={onLoad}
      onZoomEnd={(e) => setZoom(Math.round(e.viewState.zoom * 2) / 2)}
    />
  );
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };
