/**
 * MapLibre, configured for an intranet: its web worker is bundled and served from our own
 * origin (MapLibre would otherwise look for it beside the bundle under its original file name).
 */
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';

maplibregl.setWorkerUrl(new URL(workerUrl, window.location.href).href);

export { maplibregl };
