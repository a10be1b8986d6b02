/**
 * The trips-frame benchmark's reference: the same playback window (the same API answer) drawn
 * as deck.gl's TripsLayer example does — one TripsLayer over the basemap, its currentTime moved
 * by requestAnimationFrame at the same speed — with no React, no panels, no other layers.
 * Bundled with esbuild by trips-frame.ts and served at the product's own origin.
 */
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { MapboxOverlay } from '@deck.gl/mapbox';
import { TripsLayer } from '@deck.gl/geo-layers';
import { buildBasemapStyle } from '../../../client/src/map/basemapStyle.ts';
import { ensureTransformForDeck } from '../../../client/src/map/deckCompat.ts';

declare global {
  interface Window {
    __refParams: { token: string; from: string; to: string; speed: number; mapWorkerUrl: string };
    __tripsRef: { loadedAt: number | null; trips: number };
  }
}

interface Trip {
  id: number;
  kind?: string;
  path: [number, number][];
  times: number[];
}

const { token, from, to, speed, mapWorkerUrl } = window.__refParams;
maplibregl.setWorkerUrl(mapWorkerUrl);
window.__tripsRef = { loadedAt: null, trips: 0 };
const headers = { Authorization: `Bearer ${token}` };
const [summary, playback] = await Promise.all([
  fetch('/api/summary', { headers }).then((r) => r.json()),
  fetch(`/api/patrols/playback?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, { headers }).then((r) =>
    r.json(),
  ),
]);
const start = Date.parse(from);
const duration = (Date.parse(to) - start) / 1000;
const trips: Trip[] = (playback.trips as Trip[]).map((t) => ({ ...t, times: t.times.map((x) => (x - start) / 1000) }));
const b = summary.city.bbox as [number, number, number, number];

const map = new maplibregl.Map({
  container: document.getElementById('map')!,
  style: buildBasemapStyle(location.origin),
  bounds: [
    [b[0], b[1]],
    [b[2], b[3]],
  ],
  fitBoundsOptions: { padding: 30 },
  attributionControl: false,
  transformRequest: (url) => (url.startsWith(location.origin) ? { url, headers } : { url }),
});
ensureTransformForDeck(map);
const overlay = new MapboxOverlay({ interleaved: true, layers: [] });
map.addControl(overlay);

const layer = (currentTime: number) =>
  new TripsLayer<Trip>({
    id: 'trips',
    data: trips,
    getPath: (d) => d.path,
    getTimestamps: (d) => d.times,
    getColor: (d) => (d.kind === 'patrol_team' ? [52, 211, 153, 255] : [167, 139, 250, 255]),
    widthUnits: 'pixels',
    getWidth: 3,
    capRounded: true,
    jointRounded: true,
    fadeTrail: true,
    trailLength: 600,
    currentTime,
  });

map.on('load', () => {
  window.__tripsRef = { loadedAt: performance.now(), trips: trips.length };
  let t = 0;
  let last = performance.now();
  const frame = (now: number) => {
    t = Math.min(duration, t + ((now - last) / 1000) * speed);
    last = now;
    overlay.setProps({ layers: [layer(t)] });
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
});
