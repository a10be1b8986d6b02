/**
 * Matching an actual track against a planned route: which checkpoints were visited inside their
 * time window, and when the unit strayed from the route or left its grid for long enough to be
 * an alert. Pure geometry in a local metric projection (tracks span a few km at most).
 */

export interface TrackPoint {
  lon: number;
  lat: number;
  /** Epoch ms. */
  t: number;
  /** Whether the fix lies inside the unit's own grid (null when unknown). */
  inside?: boolean | null;
}

export interface Checkpoint {
  seq: number;
  name: string;
  lon: number;
  lat: number;
  windowStart: number;
  windowEnd: number;
  radiusM: number;
}

export type CheckpointStatus = 'on_time' | 'early' | 'late' | 'missed' | 'pending';

export interface CheckpointResult {
  seq: number;
  name: string;
  status: CheckpointStatus;
  /** The first time the unit was within the radius, or null. */
  visitedAt: number | null;
}

export interface Deviation {
  kind: 'off_route' | 'left_grid';
  from: number;
  to: number;
  /** Largest distance from the route (off_route) in metres; 0 for left_grid. */
  maxM: number;
}

export interface MatchRules {
  /** Farther than this from the planned path counts as off the route. */
  offRouteM: number;
  /** Only a stretch at least this long (ms) is an alert: GPS noise and short detours are not. */
  minDurationMs: number;
}

export const DEFAULT_MATCH_RULES: MatchRules = { offRouteM: 60, minDurationMs: 120_000 };

type XY = [number, number];

/** A local equirectangular projection around a reference latitude, in metres. */
function projector(lat0: number) {
  const k = (Math.PI / 180) * 6_371_008.8;
  const kx = k * Math.cos((lat0 * Math.PI) / 180);
  return (lon: number, lat: number): XY => [lon * kx, lat * k];
}

function segmentDistance(p: XY, a: XY, b: XY): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const u = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - (a[0] + u * dx), p[1] - (a[1] + u * dy));
}

/** Metres from a point to a polyline given as [lon, lat] pairs. */
export function distanceToPath(lon: number, lat: number, path: [number, number][]): number {
  if (!path.length) return Infinity;
  const proj = projector(lat);
  const p = proj(lon, lat);
  if (path.length === 1) {
    const a = proj(...path[0]);
    return Math.hypot(p[0] - a[0], p[1] - a[1]);
  }
  let best = Infinity;
  for (let i = 1; i < path.length; i++)
    best = Math.min(best, segmentDistance(p, proj(...path[i - 1]), proj(...path[i])));
  return best;
}

export function matchCheckpoints(track: TrackPoint[], checkpoints: Checkpoint[], now: number): CheckpointResult[] {
  const sorted = [...track].sort((a, b) => a.t - b.t);
  return checkpoints.map((c) => {
    const proj = projector(c.lat);
    const [cx, cy] = proj(c.lon, c.lat);
    const near = sorted.filter((f) => {
      const [x, y] = proj(f.lon, f.lat);
      return Math.hypot(x - cx, y - cy) <= c.radiusM;
    });
    const inWindow = near.find((f) => f.t >= c.windowStart && f.t <= c.windowEnd);
    if (inWindow) return { seq: c.seq, name: c.name, status: 'on_time', visitedAt: inWindow.t };
    const first = near[0];
    if (first)
      return { seq: c.seq, name: c.name, status: first.t < c.windowStart ? 'early' : 'late', visitedAt: first.t };
    return { seq: c.seq, name: c.name, status: now > c.windowEnd ? 'missed' : 'pending', visitedAt: null };
  });
}

/** Stretches of consecutive fixes for which `bad` holds, lasting at least minDurationMs. */
function stretches(
  track: TrackPoint[],
  bad: (f: TrackPoint) => number | null,
  kind: Deviation['kind'],
  minMs: number,
): Deviation[] {
  const out: Deviation[] = [];
  let cur: Deviation | null = null;
  const close = () => {
    if (cur && cur.to - cur.from >= minMs) out.push(cur);
    cur = null;
  };
  for (const f of track) {
    const m = bad(f);
    if (m === null) {
      close();
      continue;
    }
    if (!cur) cur = { kind, from: f.t, to: f.t, maxM: m };
    else {
      cur.to = f.t;
      cur.maxM = Math.max(cur.maxM, m);
    }
  }
  close();
  return out;
}

/** Off-route and out-of-grid alerts of a track during [from, to] of a route. */
export function deviations(
  track: TrackPoint[],
  path: [number, number][],
  from: number,
  to: number,
  rules: MatchRules = DEFAULT_MATCH_RULES,
): Deviation[] {
  const during = [...track].sort((a, b) => a.t - b.t).filter((f) => f.t >= from && f.t <= to);
  const off = stretches(
    during,
    (f) => {
      const d = distanceToPath(f.lon, f.lat, path);
      return d > rules.offRouteM ? Math.round(d) : null;
    },
    'off_route',
    rules.minDurationMs,
  );
  const left = stretches(during, (f) => (f.inside === false ? 0 : null), 'left_grid', rules.minDurationMs);
  return [...off, ...left].sort((a, b) => a.from - b.from);
}
