/**
 * Where the phone is: one `watchPosition` for the whole app (the map's "me", the report's
 * location, the duty recorder). High accuracy: a grid is a few hundred metres across.
 */
import { useEffect, useState } from 'react';

export interface Position {
  lon: number;
  lat: number;
  accuracy: number;
  speed: number | null;
  t: number;
}

export interface GeoState {
  position: Position | null;
  error: string | null;
}

type Listener = (s: GeoState) => void;
const listeners = new Set<Listener>();
let current: GeoState = { position: null, error: null };
let watchId: number | null = null;

function publish(s: GeoState) {
  current = s;
  for (const l of listeners) l(s);
}

function start() {
  if (watchId !== null) return;
  if (!('geolocation' in navigator)) {
    publish({ position: null, error: '此设备不能定位 · This device cannot locate itself' });
    return;
  }
  watchId = navigator.geolocation.watchPosition(
    (p) =>
      publish({
        position: {
          lon: p.coords.longitude,
          lat: p.coords.latitude,
          accuracy: p.coords.accuracy,
          speed: p.coords.speed,
          t: p.timestamp,
        },
        error: null,
      }),
    (e) =>
      publish({
        position: current.position,
        error:
          e.code === e.PERMISSION_DENIED
            ? '未允许定位：请在浏览器设置中允许 · Location not allowed: allow it in the browser settings'
            : '暂时无法定位 · Position not available yet',
      }),
    { enableHighAccuracy: true, maximumAge: 5_000, timeout: 30_000 },
  );
}

export function currentPosition(): Position | null {
  return current.position;
}

export function subscribePosition(l: Listener): () => void {
  start();
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useGeolocation(): GeoState {
  const [s, setS] = useState(current);
  useEffect(() => subscribePosition(setS), []);
  return s;
}
