/**
 * The phone's map: the worker's grid, its key places, their tasks, where they are (with the GPS
 * accuracy as a circle), today's track, the street path to a task, and a pin the worker can drop
 * by tapping (the report's location). MapLibre only (no deck.gl): light on a phone.
 */
import { useEffect, useRef } from 'react';
import type { GeoJSONSource, Map as MlMap } from 'maplibre-gl';
import { getToken } from '../api/http';
import { maplibregl } from '../map/maplibre';
import { circlePolygon, lightBasemapStyle } from './mapStyle';
import type { Position } from './useGeolocation';

export interface FieldMapProps {
  grid?: GeoJSON.Polygon | GeoJSON.MultiPolygon | null;
  places?: { lon: number; lat: number }[];
  tasks?: { lon: number; lat: number; grade: string }[];
  me?: Position | null;
  track?: [number, number][];
  path?: [number, number][] | null;
  pin?: [number, number] | null;
  onPick?: (lonLat: [number, number]) => void;
  height?: number;
}

type Data = GeoJSON.Feature | GeoJSON.FeatureCollection;
const fc = (features: GeoJSON.Feature[]): GeoJSON.FeatureCollection => ({ type: 'FeatureCollection', features });
const point = (lon: number, lat: number, props: Record<string, unknown> = {}): GeoJSON.Feature => ({
  type: 'Feature',
  properties: props,
  geometry: { type: 'Point', coordinates: [lon, lat] },
});
const line = (coords: [number, number][]): GeoJSON.Feature => ({
  type: 'Feature',
  properties: {},
  geometry: { type: 'LineString', coordinates: coords },
});
const EMPTY = fc([]);

function sourcesOf(p: FieldMapProps): Record<string, Data> {
  const me = p.me;
  return {
    grid: p.grid ? { type: 'Feature', properties: {}, geometry: p.grid } : EMPTY,
    places: fc((p.places ?? []).map((k) => point(k.lon, k.lat))),
    tasks: fc((p.tasks ?? []).map((t) => point(t.lon, t.lat, { grade: t.grade }))),
    track: p.track && p.track.length > 1 ? line(p.track) : EMPTY,
    path: p.path && p.path.length > 1 ? line(p.path) : EMPTY,
    accuracy: me ? { type: 'Feature', properties: {}, geometry: circlePolygon(me.lon, me.lat, me.accuracy) } : EMPTY,
    me: me ? point(me.lon, me.lat) : EMPTY,
    pin: p.pin ? point(p.pin[0], p.pin[1]) : EMPTY,
  };
}

function addLayers(map: MlMap, data: Record<string, Data>) {
  for (const [id, d] of Object.entries(data)) map.addSource(id, { type: 'geojson', data: d });
  map.addLayer({
    id: 'grid-fill',
    type: 'fill',
    source: 'grid',
    paint: { 'fill-color': '#1f6feb', 'fill-opacity': 0.08 },
  });
  map.addLayer({ id: 'grid-line', type: 'line', source: 'grid', paint: { 'line-color': '#1f6feb', 'line-width': 3 } });
  map.addLayer({ id: 'track', type: 'line', source: 'track', paint: { 'line-color': '#7c3aed', 'line-width': 4 } });
  map.addLayer({
    id: 'path',
    type: 'line',
    source: 'path',
    paint: { 'line-color': '#059669', 'line-width': 5, 'line-dasharray': [2, 1] },
  });
  map.addLayer({
    id: 'places',
    type: 'circle',
    source: 'places',
    paint: { 'circle-radius': 5, 'circle-color': '#f59e0b', 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5 },
  });
  map.addLayer({
    id: 'tasks',
    type: 'circle',
    source: 'tasks',
    paint: {
      'circle-radius': 9,
      'circle-color': ['match', ['get', 'grade'], 'key', '#dc2626', 'difficult', '#9333ea', '#ea580c'],
      'circle-stroke-color': '#fff',
      'circle-stroke-width': 2,
    },
  });
  map.addLayer({
    id: 'accuracy',
    type: 'fill',
    source: 'accuracy',
    paint: { 'fill-color': '#2563eb', 'fill-opacity': 0.15 },
  });
  map.addLayer({
    id: 'me',
    type: 'circle',
    source: 'me',
    paint: { 'circle-radius': 8, 'circle-color': '#2563eb', 'circle-stroke-color': '#fff', 'circle-stroke-width': 3 },
  });
  map.addLayer({
    id: 'pin',
    type: 'circle',
    source: 'pin',
    paint: {
      'circle-radius': 10,
      'circle-color': '#111827',
      'circle-stroke-color': '#fde047',
      'circle-stroke-width': 3,
    },
  });
}

function boundsOf(g: GeoJSON.Polygon | GeoJSON.MultiPolygon): [number, number, number, number] {
  const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
  const b = [Infinity, Infinity, -Infinity, -Infinity] as [number, number, number, number];
  for (const [x, y] of rings.flat()) {
    b[0] = Math.min(b[0], x);
    b[1] = Math.min(b[1], y);
    b[2] = Math.max(b[2], x);
    b[3] = Math.max(b[3], y);
  }
  return b;
}

export function FieldMap(props: FieldMapProps) {
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<MlMap | null>(null);
  const loaded = useRef(false);
  const latest = useRef(props);
  latest.current = props;
  // The grid's outline frames the map once it is known, even if a GPS position came first.
  const fitted = useRef<'none' | 'me' | 'grid'>('none');

  useEffect(() => {
    const m = new maplibregl.Map({
      container: el.current!,
      style: lightBasemapStyle(window.location.origin),
      center: props.me ? [props.me.lon, props.me.lat] : [120.15, 30.27],
      zoom: 15,
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      transformRequest: (url) =>
        url.startsWith(window.location.origin) ? { url, headers: { Authorization: `Bearer ${getToken()}` } } : { url },
    });
    m.touchZoomRotate.disableRotation();
    m.on('load', () => {
      addLayers(m, sourcesOf(latest.current));
      loaded.current = true;
      m.getContainer().dataset.ready = 'true';
    });
    m.on('click', (e) => latest.current.onPick?.([e.lngLat.lng, e.lngLat.lat]));
    map.current = m;
    return () => {
      m.remove();
      map.current = null;
      loaded.current = false;
    };
    // The map is made once; its data follows the props below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const m = map.current;
    if (!m) return;
    const update = () => {
      for (const [id, d] of Object.entries(sourcesOf(props)))
        (m.getSource(id) as GeoJSONSource | undefined)?.setData(d);
      if (fitted.current !== 'grid' && props.grid) {
        fitted.current = 'grid';
        m.fitBounds(boundsOf(props.grid), { padding: 24, duration: 0 });
      } else if (fitted.current === 'none' && props.me) {
        fitted.current = 'me';
        m.jumpTo({ center: [props.me.lon, props.me.lat], zoom: 16 });
      }
    };
    if (loaded.current) update();
    else m.once('load', update);
  }, [props]);

  return (
    <div
      ref={el}
      className={`field-map${props.onPick ? ' picking' : ''}`}
      style={{ height: props.height ?? 300 }}
      data-testid="field-map"
    />
  );
}
