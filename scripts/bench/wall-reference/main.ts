/**
 * The wall-frame benchmark's reference: the same data the wall draws (basemap, grid tiles
 * coloured by open incidents, the 7-day heat, open incidents, cameras, units) and the same tour,
 * drawn the way deck.gl's documentation recommends for large data: binary attributes
 * (typed arrays, no per-object accessors) and GPU aggregation for the heat; no React, no panels.
 * Bundled with esbuild by wall-frame.ts and served at the product's own origin.
 */
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { MapboxOverlay } from '@deck.gl/mapbox';
import { MVTLayer } from '@deck.gl/geo-layers';
import { HeatmapLayer } from '@deck.gl/aggregation-layers';
import { ScatterplotLayer } from '@deck.gl/layers';
import { buildBasemapStyle } from '../../../client/src/map/basemapStyle.ts';
import { ensureTransformForDeck } from '../../../client/src/map/deckCompat.ts';

/** Set by the page (index.html) from the benchmark; read by it back. Names kept to this page. */
interface RefParams {
  token: string;
  tourSeconds: number;
  workerUrl: string;
  mapWorkerUrl: string;
}
interface RefState {
  completeAt: number | null;
  stop: number;
}
const page = window as unknown as { __wallRefParams: RefParams; __wallRef: RefState };

const { token, tourSeconds, workerUrl, mapWorkerUrl } = page.__wallRefParams;
// MapLibre's and the MVT parser's workers: the built client's own files, as the wall uses.
maplibregl.setWorkerUrl(mapWorkerUrl);
page.__wallRef = { completeAt: null, stop: 0 };
const headers = { Authorization: `Bearer ${token}` };
const get = async (path: string) => {
  const res = await fetch(path, { headers });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return res;
};

type BBox = [number, number, number, number];
const [summary, areas, heatBuf, values, open, units] = await Promise.all([
  get('/api/summary').then((r) => r.json()),
  get('/api/areas').then((r) => r.json()),
  get('/api/wall/heat?window=7d').then((r) => r.arrayBuffer()),
  get('/api/wall/grid-values?measure=open_incidents').then((r) => r.json()),
  get('/api/wall/open').then((r) => r.json()),
  get('/api/wall/units').then((r) => r.json()),
]);

// Grid colours in a typed lookup by id (4 bytes per id).
const maxId = Math.max(1, ...(values.ids as number[]));
const gridColors = new Uint8Array((maxId + 1) * 4);
(values.ids as number[]).forEach((id, i) => {
  const v = values.values[i] as number;
  const c =
    v >= 10 ? [239, 68, 68, 180] : v >= 3 ? [251, 146, 60, 140] : v >= 1 ? [250, 204, 21, 85] : [0, 229, 255, 14];
  gridColors.set(c, id * 4);
});

// Open incidents and units as binary attributes.
const incidents = open.incidents as { grade: string; lon: number; lat: number }[];
const incPos = new Float32Array(incidents.length * 2);
const incCol = new Uint8Array(incidents.length * 4);
const GRADE: Record<string, number[]> = {
  routine: [59, 130, 246, 235],
  key: [249, 115, 22, 240],
  difficult: [239, 68, 68, 250],
};
incidents.forEach((i, k) => {
  incPos[k * 2] = i.lon;
  incPos[k * 2 + 1] = i.lat;
  incCol.set(GRADE[i.grade] ?? [200, 200, 200, 255], k * 4);
});
const unitPos = new Float32Array(units.ids.length * 2);
(units.ids as number[]).forEach((_, k) => {
  unitPos[k * 2] = units.lon[k];
  unitPos[k * 2 + 1] = units.lat[k];
});
const heat = new Float32Array(heatBuf);

const city = summary.city.bbox as BBox;
const stops: BBox[] = [
  city,
  ...(areas.areas as { level: string; bbox: BBox }[]).filter((a) => a.level === 'district').map((a) => a.bbox),
];
const bounds = (b: BBox): [[number, number], [number, number]] => [
  [b[0], b[1]],
  [b[2], b[3]],
];

const el = document.getElementById('map')!;
const map = new maplibregl.Map({
  container: el,
  style: buildBasemapStyle(location.origin),
  bounds: bounds(city),
  fitBoundsOptions: { padding: 24 },
  interactive: false,
  attributionControl: false,
  transformRequest: (url: string) => (url.startsWith(location.origin) ? { url, headers } : { url }),
});
ensureTransformForDeck(map);

let mapLoaded = false;
let gridsLoaded = false;
const checkComplete = () => {
  if (page.__wallRef.completeAt === null && mapLoaded && gridsLoaded) page.__wallRef.completeAt = performance.now();
};
map.on('load', () => {
  mapLoaded = true;
  checkComplete();
});

const loadOptions = { fetch: { headers }, mvt: { workerUrl } };
let zoom = map.getZoom();
const layers = () => [
  new MVTLayer({
    id: 'grids',
    data: `${location.origin}/tiles/grids/{z}/{x}/{y}.mvt`,
    loadOptions,
    maxZoom: 16,
    uniqueIdProperty: '',
    filled: true,
    stroked: true,
    getFillColor: (f: { id?: number | string }) => {
      const o = Number(f.id) * 4;
      return [gridColors[o], gridColors[o + 1], gridColors[o + 2], gridColors[o + 3]];
    },
    getLineColor: [0, 229, 255, 150],
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
    onViewportLoad: () => {
      gridsLoaded = true;
      checkComplete();
    },
  }),
  new HeatmapLayer({
    id: 'heat',
    data: {
      length: heat.length / 3,
      attributes: {
        getPosition: { value: heat, size: 2, stride: 12, offset: 0 },
        getWeight: { value: heat, size: 1, stride: 12, offset: 8 },
      },
    } as never,
    radiusPixels: 40,
    opacity: 0.55,
    threshold: 0.04,
    // The same texture size as the wall, so the two differ only in how they are built.
    weightsTextureSize: 512,
    visible: zoom < 14.5,
  }),
  new MVTLayer({
    id: 'cameras',
    data: `${location.origin}/tiles/cameras/{z}/{x}/{y}.mvt`,
    loadOptions,
    minZoom: 13,
    maxZoom: 16,
    pointType: 'circle',
    getFillColor: [34, 197, 94, 255],
    pointRadiusUnits: 'pixels',
    getPointRadius: 3,
  }),
  new ScatterplotLayer({
    id: 'units',
    data: { length: unitPos.length / 2, attributes: { getPosition: { value: unitPos, size: 2 } } } as never,
    visible: zoom >= 12,
    radiusUnits: 'pixels',
    getRadius: 4,
    getFillColor: [167, 139, 250, 255],
  }),
  new ScatterplotLayer({
    id: 'incidents',
    data: {
      length: incidents.length,
      attributes: {
        getPosition: { value: incPos, size: 2 },
        getFillColor: { value: incCol, size: 4, normalized: true },
      },
    } as never,
    radiusUnits: 'pixels',
    getRadius: 3.5,
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
    getLineColor: [255, 255, 255, 200],
  }),
];
const overlay = new MapboxOverlay({ interleaved: true, layers: layers() });
map.addControl(overlay);
map.on('zoomend', () => {
  zoom = map.getZoom();
  overlay.setProps({ layers: layers() });
});

// The same tour as the wall: the city, then each district.
setInterval(() => {
  page.__wallRef.stop = (page.__wallRef.stop + 1) % stops.length;
  map.fitBounds(bounds(stops[page.__wallRef.stop]), { padding: 24, duration: 3000 });
}, tourSeconds * 1000);
