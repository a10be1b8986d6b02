/**
 * On duty (在岗): while on, the phone keeps one GPS fix every N seconds (from the shared
 * `watchPosition`) in the outbox's fix store, and the outbox sends them in batches through the
 * fixes API. The switch and the interval survive a reload: a worker on duty stays on duty.
 */
import { useEffect, useState } from 'react';
import { enqueueFixes, flush } from './outbox/outbox';
import { subscribePosition, type Position } from './useGeolocation';

const KEY = 'gridboard.field.duty';
export const INTERVALS = [5, 10, 15, 30, 60] as const;

export interface Duty {
  on: boolean;
  every_s: number;
}

type Listener = (d: Duty) => void;
const listeners = new Set<Listener>();

function load(): Duty {
  try {
    const d = JSON.parse(window.localStorage.getItem(KEY) ?? 'null') as Duty | null;
    if (d && typeof d.on === 'boolean' && INTERVALS.includes(d.every_s as (typeof INTERVALS)[number])) return d;
  } catch {
    // a damaged value: start off duty
  }
  return { on: false, every_s: 15 };
}

let duty = load();
let unit: number | null = null;
let lastT = 0;
let unsubscribe: (() => void) | null = null;
let sentAt = 0;

function record(p: Position) {
  if (!duty.on || unit === null || p.t - lastT < duty.every_s * 1000) return;
  lastT = p.t;
  const fix = { unit, lon: p.lon, lat: p.lat, t: p.t, accuracy: Math.round(p.accuracy) };
  void enqueueFixes([p.speed === null || !Number.isFinite(p.speed) ? fix : { ...fix, speed: p.speed }]).then(() => {
    // Batches of about a minute: fewer requests, and the track on the console stays fresh.
    if (Date.now() - sentAt > 60_000) {
      sentAt = Date.now();
      void flush();
    }
  });
}

function apply() {
  if (duty.on && !unsubscribe) unsubscribe = subscribePosition((s) => s.position && record(s.position));
  if (!duty.on && unsubscribe) {
    unsubscribe();
    unsubscribe = null;
    void flush();
  }
  for (const l of listeners) l(duty);
}

/** Bind the recorder to the signed-in worker's unit (at start, and after signing in). */
export function startDuty(unitId: number | null): void {
  unit = unitId;
  apply();
}

export function setDuty(next: Partial<Duty>): void {
  duty = { ...duty, ...next };
  window.localStorage.setItem(KEY, JSON.stringify(duty));
  if (next.every_s) lastT = 0;
  apply();
}

export function useDuty(): Duty {
  const [d, setD] = useState(duty);
  useEffect(() => {
    listeners.add(setD);
    return () => {
      listeners.delete(setD);
    };
  }, []);
  return d;
}
