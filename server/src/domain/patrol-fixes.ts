/**
 * Plausibility of GPS fixes from field phones. A batch is judged fix by fix against the unit's
 * last accepted fix (from the database, then from the batch itself), so one bad fix cannot
 * drag a unit across the city and a late one cannot move its current position backwards.
 */

export interface FixInput {
  unit: number;
  lon: number;
  lat: number;
  /** Epoch milliseconds. */
  t: number;
  accuracy?: number;
  speed?: number;
}

/** A fix as devices send it (HTTP body or socket message): `t` is ISO-8601 text or epoch ms. */
export interface WireFix {
  unit: number;
  lon: number;
  lat: number;
  t: string | number;
  accuracy?: number;
  speed?: number;
}

/** A device's fix with its time as epoch ms (NaN when `t` is not a time; judging refuses it). */
export function toFixInput(f: WireFix): FixInput {
  return {
    unit: f.unit,
    lon: f.lon,
    lat: f.lat,
    t: typeof f.t === 'number' ? f.t : Date.parse(f.t),
    accuracy: f.accuracy,
    speed: f.speed,
  };
}

export interface LastFix {
  lon: number;
  lat: number;
  t: number;
}

export type RejectReason =
  'unknown_unit' | 'future' | 'too_old' | 'inaccurate' | 'too_fast' | 'duplicate' | 'out_of_range';

export interface FixRules {
  /** Faster than this between two fixes is a GPS jump, not movement (200 km/h). */
  maxSpeedMps: number;
  /** Fixes with a reported accuracy worse than this (metres) are dropped. */
  maxAccuracyM: number;
  /** Phone clocks run a little fast; further in the future than this is refused. */
  futureSlackMs: number;
  /** Older than this is refused (a phone that kept fixes for too long). */
  maxAgeMs: number;
}

export const DEFAULT_FIX_RULES: FixRules = {
  maxSpeedMps: 200 / 3.6,
  maxAccuracyM: 100,
  futureSlackMs: 60_000,
  maxAgeMs: 7 * 24 * 3600_000,
};

export interface Judged {
  accepted: FixInput[];
  /** The newest accepted fix per unit, when it is newer than the unit's stored one. */
  current: Map<number, FixInput>;
  rejected: Record<RejectReason, number>;
  /** Accepted fixes older than the unit's newest: stored in the track, current position kept. */
  late: number;
}

/** Great-circle distance in metres (haversine; plenty for fixes seconds apart). */
export function metres(aLon: number, aLat: number, bLon: number, bLat: number): number {
  const r = Math.PI / 180;
  const dLat = (bLat - aLat) * r;
  const dLon = (bLon - aLon) * r;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * r) * Math.cos(bLat * r) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Judges a batch. `last` holds each known unit's newest stored fix (or null when it has none);
 * units missing from `last` do not exist. Fixes are judged in time order per unit, so a batch
 * that arrives shuffled is judged like one that arrived in order.
 */
export function judgeFixes(
  batch: FixInput[],
  last: Map<number, LastFix | null>,
  now: number,
  rules: FixRules = DEFAULT_FIX_RULES,
): Judged {
  const rejected: Record<RejectReason, number> = {
    unknown_unit: 0,
    future: 0,
    too_old: 0,
    inaccurate: 0,
    too_fast: 0,
    duplicate: 0,
    out_of_range: 0,
  };
  const accepted: FixInput[] = [];
  const current = new Map<number, FixInput>();
  const seen = new Set<string>();
  let late = 0;
  const order = batch.map((f, i) => ({ f, i })).sort((a, b) => a.f.unit - b.f.unit || a.f.t - b.f.t || a.i - b.i);
  // The newest accepted position per unit while walking the batch: the reference for jumps.
  const head = new Map<number, LastFix | null>();
  for (const { f } of order) {
    if (!last.has(f.unit)) {
      rejected.unknown_unit++;
      continue;
    }
    if (
      !Number.isFinite(f.t) ||
      !Number.isFinite(f.lon) ||
      !Number.isFinite(f.lat) ||
      Math.abs(f.lon) > 180 ||
      Math.abs(f.lat) > 90
    ) {
      rejected.out_of_range++;
      continue;
    }
    if (f.t > now + rules.futureSlackMs) {
      rejected.future++;
      continue;
    }
    if (f.t < now - rules.maxAgeMs) {
      rejected.too_old++;
      continue;
    }
    if (f.accuracy !== undefined && !(f.accuracy <= rules.maxAccuracyM)) {
      rejected.inaccurate++;
      continue;
    }
    const key = `${f.unit}:${f.t}`;
    const stored = last.get(f.unit) ?? null;
    if (seen.has(key) || (stored && stored.t === f.t)) {
      rejected.duplicate++;
      continue;
    }
    const ref = head.has(f.unit) ? head.get(f.unit)! : stored;
    if (ref && f.t > ref.t) {
      const v = metres(ref.lon, ref.lat, f.lon, f.lat) / ((f.t - ref.t) / 1000);
      if (v > rules.maxSpeedMps) {
        rejected.too_fast++;
        continue;
      }
    }
    seen.add(key);
    accepted.push(f);
    if (!ref || f.t > ref.t) {
      head.set(f.unit, { lon: f.lon, lat: f.lat, t: f.t });
      current.set(f.unit, f);
    } else {
      // Older than what the unit already reported: part of its track, not where it is now.
      late++;
    }
  }
  return { accepted, current, rejected, late };
}
