/**
 * Why a camera does or does not see a point: the facts come from PostGIS (distance, bearing
 * toward the point, whether the point lies in the camera's sector and in its view once
 * buildings are taken out); the verdict and its wording are decided here.
 */

export type MissReason = 'covers' | 'faulty' | 'offline' | 'out_of_range' | 'facing_away' | 'blocked_by_building';

export interface CameraFacts {
  kind: 'fixed' | 'ptz';
  status: 'working' | 'faulty' | 'offline';
  bearing_deg: number;
  fov_deg: number;
  range_m: number;
  distance_m: number;
  /** Bearing from the camera to the point (degrees clockwise from north). */
  toward_deg: number;
  /** The point lies in the camera's sector (range and field of view, no buildings). */
  in_sector: boolean;
  /** The point lies in the camera's view (the sector less what buildings hide). */
  in_view: boolean;
  blocked_by: { building_id: number; floors: number; distance_m: number } | null;
}

export interface Verdict {
  /** The reason that matters most: what would have to change for this camera to see the point. */
  reason: MissReason;
  /** Every reason that applies (a faulty camera facing away has two). */
  reasons: MissReason[];
  off_axis_deg: number;
  explanation: string;
}

/** Smallest angle between two bearings, 0–180°. */
export function angleBetween(a: number, b: number): number {
  const d = Math.abs(((((a - b) % 360) + 540) % 360) - 180);
  return d;
}

/**
 * The verdict. Geometry first (out of range, facing away, blocked): repairing a camera that
 * could not see the point anyway would not help. Then the status: a camera that would see the
 * point but is faulty or offline misses it for that reason alone.
 */
export function whyMiss(f: CameraFacts): Verdict {
  const full = f.kind === 'ptz' || f.fov_deg >= 360;
  const offAxis = full ? 0 : angleBetween(f.toward_deg, f.bearing_deg);
  const outside = !full && offAxis > f.fov_deg / 2;
  const far = f.distance_m > f.range_m;
  const reasons: MissReason[] = [];
  if (!f.in_sector) {
    // The sector is a polygon inscribed in the arc: a point just inside the nominal range may
    // fall outside it, and then it is out of range too.
    if (outside) reasons.push('facing_away');
    if (far || !outside) reasons.push('out_of_range');
  } else if (!f.in_view) {
    reasons.push('blocked_by_building');
  }
  if (f.status !== 'working') reasons.push(f.status);
  const reason: MissReason = reasons[0] ?? 'covers';
  return {
    reason,
    reasons: reasons.length ? reasons : ['covers'],
    off_axis_deg: Math.round(offAxis * 10) / 10,
    explanation: explain(reason, f, offAxis),
  };
}

function explain(reason: MissReason, f: CameraFacts, offAxis: number): string {
  const m = (v: number) => `${Math.round(v)} m`;
  switch (reason) {
    case 'covers':
      return `sees the point (${m(f.distance_m)} away, range ${m(f.range_m)})`;
    case 'out_of_range':
      return `out of range: the point is ${m(f.distance_m)} away, the camera sees ${m(f.range_m)}`;
    case 'facing_away':
      return `facing away: the point lies ${Math.round(offAxis)}° off its bearing ${Math.round(f.bearing_deg)}°, its field of view is ±${Math.round(f.fov_deg / 2)}°`;
    case 'blocked_by_building':
      return f.blocked_by
        ? `blocked by a building (${f.blocked_by.floors} floors, ${m(f.blocked_by.distance_m)} from the camera)`
        : 'blocked by a building';
    case 'faulty':
      return 'would see the point but is faulty';
    case 'offline':
      return 'would see the point but is offline';
  }
}
