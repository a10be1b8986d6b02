/**
 * What the phone reads from the server (the field API: /api/me/…, visits, categories, the street
 * path) and keeps a last copy of in IndexedDB, so that a worker in a basement still sees their
 * grid and tasks. Types as the server's field contract names them.
 */
import type { IncidentSummary } from '../../../server/src/contract/events.ts';
import type { IncidentAction } from '../../../server/src/contract/vocabulary.ts';
import { kvGet, kvSet } from './outbox/db';
import { read } from '../api/fieldHttp';

export interface MyGrid {
  unit: { id: number; code: string; name: string; kind: string; status: string };
  grid: {
    id: number;
    code: string;
    name: string;
    community_name?: string | null;
    households?: number | null;
    geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon;
  } | null;
  key_places: { id: number; code: string; name: string; kind: string; lon: number; lat: number }[];
}

export type Task = IncidentSummary & { allowed: IncidentAction[]; photos?: unknown[] };

export interface Track {
  unit_id: number;
  day: string;
  points: [number, number, number][];
  length_m: number;
}

export interface Visit {
  id: string;
  who: string;
  found: string;
  household: string | null;
  visited_at: string;
  lon: number | null;
  lat: number | null;
}

export interface Category {
  code: string;
  name: string;
  name_zh: string;
}

/** Read from the server and keep a copy; without signal, the copy (null if there is none). */
async function cached<T>(key: string, path: string): Promise<{ value: T | null; fresh: boolean }> {
  try {
    const value = await read<T>(path);
    await kvSet(key, value);
    return { value, fresh: true };
  } catch (err) {
    if ((err as { status?: number }).status === 401) throw err;
    return { value: (await kvGet<T>(key)) ?? null, fresh: false };
  }
}

export const loadGrid = () => cached<MyGrid>('grid', '/api/me/grid');
export const loadTasks = () => cached<{ tasks: Task[] }>('tasks', '/api/me/tasks');

export async function loadCategories(): Promise<Category[]> {
  const r = await cached<{ items?: Category[] } | Category[]>('categories', '/api/categories?limit=500');
  const v = r.value;
  return Array.isArray(v) ? v : (v?.items ?? []);
}

/** Today on the phone, which is in the city and keeps the city's time zone. */
export function today(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

// The server's "today" is the city's (GRIDBOARD_TZ); the phone's own day may differ near midnight.
export const loadTrack = () => cached<Track>('track', '/api/me/track');
export const loadVisits = () => cached<{ visits: Visit[] }>('visits', `/api/visits?day=${today()}`);

export function loadPath(from: [number, number], to: [number, number]) {
  return read<{ path: [number, number][]; length_m: number }>(
    `/api/patrols/path?from=${from[0]},${from[1]}&to=${to[0]},${to[1]}`,
  );
}

/** A random UUID v4. `crypto.randomUUID` exists only on HTTPS and localhost; this works anywhere. */
export function uuid(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
