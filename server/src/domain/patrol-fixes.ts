/**
 * Shape and plausibility of GPS fixes from field phones. A batch is first screened item by item
 * (a malformed item or another unit's fix is refused by its index, the rest go on); then each fix is judged against the unit's
 * last accepted fix (from the database, then from the batch itself), so one bad fix cannot
 * drag a unit across the city and a late one cannot move its current position backwards.
 */
import { Compile } from 'typebox/compile';
import { FixBody } from '../contract/patrols.ts';
import { itemProblem, type ItemProblem } from './batch-items.ts';

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
  | 'unknown_unit'
  | 'future'
  | 'too_old'
  | 'inaccurate'
  | 'too_fast'
  | 'duplicate'
  | 'out_of_range'
  | 'malformed'
  | 'not_your_unit';

export const NO_REJECTS: Readonly<Record<RejectReason, number>> = {
  unknown_unit: 0,
  future: 0,
  too_old: 0,
  inaccurate: 0,
  too_fast: 0,
  duplicate: 0,
  out_of_range: 0,
  malformed: 0,
  not_your_unit: 0,
};

const checkFix = Compile(FixBody);

/** Most refused items listed by index in a reply (the counts cover them all). */
export const MAX_LISTED = 100;

export interface Screened {
  fixes: FixInput[];
  invalid: ItemProblem[];
  malformed: number;
  notYourUnit: number;
}

/**
 * Screens a batch item by item: each must be a FixBody; a worker (ownUnit set) may send only
 * their own unit's fixes. Returns the good fixes and the refused items by index.
 */
export function screenFixes(items: readonly unknown[], ownUnit: number | null): Screened {
  const fixes: FixInput[] = [];
  const invalid: ItemProblem[] = [];
  let malformed = 0;
  let notYourUnit = 0;
  items.forEach((item, index) => {
    if (!checkFix.Check(item)) {
      malformed++;
      // The reason costs ~100× the check: worked out only for the items listed.
      if (invalid.length < MAX_LISTED) invalid.push({ index, reason: itemProblem(checkFix, item) ?? 'malformed' });
      return;
    }
    const f = item as WireFix;
    if (ownUnit !== null && f.unit !== ownUnit) {
      notYourUnit++;
      if (invalid.length < MAX_LISTED)
        invalid.push({ index, reason: `not_your_unit: unit ${f.unit} is not yours (${ownUnit})` });
      return;
    }
    fixes.push(toFixInput(f));
  });
  return { fixes, invalid, malformed, notYourUnit };
}

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
  const rejected: Record<RejectReason, number> = { ...NO_REJECTS };
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

/** An ingest's counts, as both the HTTP route and the socket channel reply. */
export interface BatchReply {
  received: number;
  stored: number;
  already_stored: number;
  late: number;
  rejected: Record<RejectReason, number>;
  invalid: ItemProblem[];
  moved: number;
}

/** The reply for a whole batch: the screened-out items added to what judging the rest found. */
export function batchReply(
  received: number,
  screened: Screened,
  r: { stored: number; already_stored: number; late: number; rejected: Record<RejectReason, number>; moved: number },
): BatchReply {
  return {
    received,
    stored: r.stored,
    already_stored: r.already_stored,
    late: r.late,
    rejected: { ...r.rejected, malformed: screened.malformed, not_your_unit: screened.notYourUnit },
    invalid: screened.invalid,
    moved: r.moved,
  };
}
