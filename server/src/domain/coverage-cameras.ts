/**
 * The camera registry's rules: what a camera is made of, its defaults, and how an imported
 * GeoJSON feature becomes one (or is refused, with a reason a planner can act on).
 */
import { isCalendarDay } from './calendar.ts';

export type CameraKind = 'fixed' | 'ptz';
export type CameraStatus = 'working' | 'faulty' | 'offline';

export interface CameraInput {
  code: string | null;
  kind: CameraKind;
  status: CameraStatus;
  lon: number;
  lat: number;
  bearing_deg: number;
  fov_deg: number;
  range_m: number;
  height_m: number;
  installed_at: string | null;
}

export const LIMITS = {
  fov: { min: 0, max: 360 },
  range: { min: 0, max: 2000 },
  height: { min: 0, max: 200 },
} as const;

export const DEFAULTS = { kind: 'fixed', status: 'working', bearing_deg: 0, fov_deg: 60, height_m: 6 } as const;

const CODE = /^[A-Za-z0-9][A-Za-z0-9_.:/-]*$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A new camera's fields with the defaults filled in. A PTZ camera sweeps: its field of view is 360°. */
export function withDefaults(b: Partial<CameraInput> & { lon: number; lat: number; range_m: number }): CameraInput {
  const kind = b.kind ?? DEFAULTS.kind;
  return {
    code: b.code ?? null,
    kind,
    status: b.status ?? DEFAULTS.status,
    lon: b.lon,
    lat: b.lat,
    bearing_deg: b.bearing_deg ?? DEFAULTS.bearing_deg,
    fov_deg: kind === 'ptz' ? 360 : (b.fov_deg ?? DEFAULTS.fov_deg),
    range_m: b.range_m,
    height_m: b.height_m ?? DEFAULTS.height_m,
    installed_at: b.installed_at ?? null,
  };
}

/** A camera after an edit: the current fields overlaid with the changed ones. */
export function applyPatch(current: CameraInput, patch: Partial<CameraInput>): CameraInput {
  const next: CameraInput = { ...current };
  for (const [k, v] of Object.entries(patch) as [keyof CameraInput, never][]) {
    if (v !== undefined && Object.hasOwn(next, k)) next[k] = v;
  }
  if (next.kind === 'ptz') next.fov_deg = 360;
  else if (patch.kind === 'fixed' && current.kind === 'ptz' && patch.fov_deg === undefined)
    next.fov_deg = DEFAULTS.fov_deg;
  return next;
}

/** Why a camera's fields are not acceptable, or null when they are. Non-finite numbers included. */
export function cameraProblem(c: CameraInput): string | null {
  const num = (name: string, v: unknown): string | null =>
    typeof v !== 'number' || !Number.isFinite(v) ? `${name} must be a finite number` : null;
  for (const [name, v] of [
    ['lon', c.lon],
    ['lat', c.lat],
    ['bearing_deg', c.bearing_deg],
    ['fov_deg', c.fov_deg],
    ['range_m', c.range_m],
    ['height_m', c.height_m],
  ] as const) {
    const p = num(name, v);
    if (p) return p;
  }
  if (c.lon < -180 || c.lon > 180) return `lon ${c.lon} is outside −180…180`;
  if (c.lat < -90 || c.lat > 90) return `lat ${c.lat} is outside −90…90`;
  if (c.bearing_deg < 0 || c.bearing_deg >= 360) return `bearing_deg ${c.bearing_deg} must be at least 0 and below 360`;
  if (!(c.fov_deg > LIMITS.fov.min && c.fov_deg <= LIMITS.fov.max))
    return `fov_deg ${c.fov_deg} must be above 0 and at most 360`;
  if (!(c.range_m > LIMITS.range.min && c.range_m <= LIMITS.range.max))
    return `range_m ${c.range_m} must be above 0 and at most 2000`;
  if (!(c.height_m >= LIMITS.height.min && c.height_m <= LIMITS.height.max))
    return `height_m ${c.height_m} must be between 0 and 200`;
  if (c.kind !== 'fixed' && c.kind !== 'ptz') return `kind must be fixed or ptz, not ${JSON.stringify(c.kind)}`;
  if (c.status !== 'working' && c.status !== 'faulty' && c.status !== 'offline')
    return `status must be working, faulty or offline, not ${JSON.stringify(c.status)}`;
  if (c.code !== null && (typeof c.code !== 'string' || c.code.length > 64 || !CODE.test(c.code)))
    return `code ${JSON.stringify(c.code)} is not a valid camera code`;
  if (
    c.installed_at !== null &&
    (typeof c.installed_at !== 'string' || !DAY.test(c.installed_at) || !isCalendarDay(c.installed_at))
  ) {
    return `installed_at ${JSON.stringify(c.installed_at)} must be a calendar date YYYY-MM-DD`;
  }
  return null;
}

export type ParsedFeature = { ok: true; camera: CameraInput } | { ok: false; reason: string };

/**
 * One feature of an imported FeatureCollection: a Point with the camera's properties (the
 * shape GET /api/cameras/export writes). Properties it does not know are ignored (exports
 * carry ids, grids and versions); numbers given as numeric strings are taken.
 */
export function parseCameraFeature(f: unknown): ParsedFeature {
  if (!f || typeof f !== 'object' || Array.isArray(f)) return { ok: false, reason: 'not a GeoJSON Feature object' };
  const feat = f as { type?: unknown; geometry?: unknown; properties?: unknown };
  if (feat.type !== 'Feature') return { ok: false, reason: `type must be "Feature", not ${JSON.stringify(feat.type)}` };
  const g = feat.geometry as { type?: unknown; coordinates?: unknown } | null;
  if (!g || typeof g !== 'object') return { ok: false, reason: 'geometry is missing' };
  if (g.type !== 'Point') return { ok: false, reason: `geometry must be a Point, not ${JSON.stringify(g.type)}` };
  const xy = g.coordinates;
  if (!Array.isArray(xy) || xy.length < 2 || xy.length > 3)
    return { ok: false, reason: 'Point coordinates must be [lon, lat]' };
  const p = (feat.properties ?? {}) as Record<string, unknown>;
  if (typeof p !== 'object' || Array.isArray(p)) return { ok: false, reason: 'properties must be an object' };
  const num = (v: unknown): number | undefined => {
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'number') return v;
    if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
    return NaN;
  };
  const str = (v: unknown): string | undefined =>
    v === undefined || v === null ? undefined : typeof v === 'string' ? v : String(v);
  if (p.range_m === undefined || p.range_m === null) return { ok: false, reason: 'range_m is required' };
  const kind = str(p.kind) as CameraKind | undefined;
  const status = str(p.status) as CameraStatus | undefined;
  if (kind !== undefined && kind !== 'fixed' && kind !== 'ptz')
    return { ok: false, reason: `kind must be fixed or ptz, not ${JSON.stringify(p.kind)}` };
  if (status !== undefined && status !== 'working' && status !== 'faulty' && status !== 'offline') {
    return { ok: false, reason: `status must be working, faulty or offline, not ${JSON.stringify(p.status)}` };
  }
  const camera = withDefaults({
    code: str(p.code) ?? null,
    kind,
    status,
    lon: num(xy[0]) ?? NaN,
    lat: num(xy[1]) ?? NaN,
    bearing_deg: num(p.bearing_deg),
    fov_deg: num(p.fov_deg),
    range_m: num(p.range_m) ?? NaN,
    height_m: num(p.height_m),
    installed_at: str(p.installed_at) ?? null,
  });
  const problem = cameraProblem(camera);
  return problem ? { ok: false, reason: problem } : { ok: true, camera };
}
