/**
 * The planner's draft: camera changes not yet committed (cameras to add — often from a
 * suggestion —, to remove, or to mark faulty), shown on the map and measured with a what-if
 * request before anything is stored. Pure functions, unit-tested beside this file.
 */
import type { PlanChangeT, Suggestion } from '../../api/coverage';

export interface PlanItem {
  /** Stable key within the plan. */
  key: string;
  change: PlanChangeT;
  label: string;
}

export type PlanAction = { type: 'add'; item: PlanItem } | { type: 'remove'; key: string } | { type: 'clear' };

/** A camera may appear once in a plan: a later change to the same camera replaces the earlier. */
export function planReducer(plan: PlanItem[], a: PlanAction): PlanItem[] {
  switch (a.type) {
    case 'add':
      return [...plan.filter((p) => p.key !== a.item.key), a.item];
    case 'remove':
      return plan.filter((p) => p.key !== a.key);
    case 'clear':
      return [];
  }
}

export function suggestionItem(s: Suggestion): PlanItem {
  return {
    key: `add:${s.lon.toFixed(7)},${s.lat.toFixed(7)},${s.bearing_deg}`,
    change: {
      op: 'add',
      camera: {
        lon: s.lon,
        lat: s.lat,
        kind: s.kind,
        bearing_deg: s.bearing_deg,
        fov_deg: s.fov_deg,
        range_m: s.range_m,
        height_m: s.height_m,
      },
    },
    label: `New ${s.kind === 'ptz' ? 'PTZ' : 'fixed'} camera (suggestion ${s.rank}) 新增`,
  };
}

export function statusItem(id: number, code: string, status: 'working' | 'faulty' | 'offline'): PlanItem {
  return { key: `cam:${id}`, change: { op: 'update', id, camera: { status } }, label: `${code} → ${status}` };
}

export function removeItem(id: number, code: string): PlanItem {
  return { key: `cam:${id}`, change: { op: 'remove', id }, label: `${code} removed 拆除` };
}

/** Cameras a plan adds, as points with their sector for drawing. */
export function plannedCameras(plan: PlanItem[]) {
  return plan.flatMap((p) => (p.change.op === 'add' ? [{ key: p.key, ...p.change.camera }] : []));
}

/**
 * A camera's sector as a lon/lat ring (for drawing a planned camera's reach; the real view,
 * buildings taken out, is computed by the server). Equirectangular about the camera: fine at
 * camera ranges.
 */
export function sectorRing(
  lon: number,
  lat: number,
  bearingDeg: number,
  fovDeg: number,
  rangeM: number,
  stepDeg = 10,
): [number, number][] {
  const mPerDegLat = 111_320;
  const mPerDegLon = 111_320 * Math.cos((lat * Math.PI) / 180);
  const full = fovDeg >= 360;
  const from = full ? 0 : bearingDeg - fovDeg / 2;
  const span = full ? 360 : fovDeg;
  const n = Math.max(2, Math.ceil(span / stepDeg));
  const ring: [number, number][] = full ? [] : [[lon, lat]];
  for (let i = 0; i <= n; i++) {
    const a = ((from + (span * i) / n) * Math.PI) / 180;
    ring.push([lon + (rangeM * Math.sin(a)) / mPerDegLon, lat + (rangeM * Math.cos(a)) / mPerDegLat]);
  }
  if (!full) ring.push([lon, lat]);
  else ring[ring.length - 1] = ring[0];
  return ring;
}

/** An extent around a point, `meters` each way. */
export function around(lon: number, lat: number, meters: number): [number, number, number, number] {
  const dLat = meters / 111_320;
  const dLon = meters / (111_320 * Math.cos((lat * Math.PI) / 180));
  return [lon - dLon, lat - dLat, lon + dLon, lat + dLat];
}

/** Colour ramp for a coverage share (0 red → 1 green), RGBA. */
export function shareColor(share: number | null | undefined, alpha = 150): [number, number, number, number] {
  if (share === null || share === undefined || !Number.isFinite(share)) return [120, 130, 150, 40];
  const s = Math.max(0, Math.min(1, share));
  // red (255,90,95) → amber (255,176,32) → green (47,214,138)
  const lerp = (a: number, b: number, t: number) => Math.round(a + (b - a) * t);
  if (s < 0.5) {
    const t = s / 0.5;
    return [255, lerp(90, 176, t), lerp(95, 32, t), alpha];
  }
  const t = (s - 0.5) / 0.5;
  return [lerp(255, 47, t), lerp(176, 214, t), lerp(32, 138, t), alpha];
}

export function pct(v: number | null | undefined, digits = 1): string {
  return v === null || v === undefined ? '—' : `${(v * 100).toFixed(digits)}%`;
}

export function signedPct(v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  const p = v * 100;
  return `${p > 0 ? '+' : ''}${p.toFixed(2)} pt`;
}
