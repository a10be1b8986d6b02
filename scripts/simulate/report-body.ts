/**
 * A new report's body: a fresh incident at a random spot (its category boosted by the place),
 * or, now and then, a recent one of ours reported again by someone else nearby.
 */
import { randomUUID } from 'node:crypto';
import type { Grade, IncidentCategory } from '../../server/src/domain/incidents.ts';
import type { PlacePicker } from './places.ts';
import type { Rng } from './random.ts';
import type { Stats } from './stats.ts';
import type { Tracked } from './tracked.ts';
import {
  CATEGORY_WEIGHTS,
  PLACE_CATEGORY_BOOST,
  RURAL_CATEGORY_BOOST,
  describe,
  describeAgain,
  photoFor,
  pickGrade,
  pickSource,
  type Source,
} from './vocabulary.ts';

const CATEGORIES = Object.keys(CATEGORY_WEIGHTS) as IncidentCategory[];

export type ReportBody = Record<string, unknown> & {
  id: string;
  category: IncidentCategory;
  grade: Grade;
  description: string;
  lon: number;
  lat: number;
};

/**
 * `duplicateShare` of the reports repeat `recentReport(now)` (when there is one and a spot near
 * it), counted in `stats`.
 */
export function makeReport(
  rng: Rng,
  places: PlacePicker,
  duplicateShare: number,
  stats: Stats,
  recentReport: (now: number) => Tracked | null,
): ReportBody {
  const now = Date.now();
  let category: IncidentCategory;
  let grade: Grade;
  let source: Source;
  let description: string;
  let spot = null as ReturnType<PlacePicker['pick']> | null;
  const original = rng.chance(duplicateShare) ? recentReport(now) : null;
  if (original) spot = places.near(rng, original.lon, original.lat, 30, 70);
  if (original && spot) {
    category = original.category;
    grade = original.grade;
    source = rng.pick(['hotline', 'public', 'grid_worker'] as const);
    description = describeAgain(rng, original.description);
    stats.note('near_duplicate_sent');
  } else {
    spot = places.pick(rng);
    const boost = spot.placeKind
      ? PLACE_CATEGORY_BOOST[spot.placeKind]
      : spot.setting === 'rural'
        ? RURAL_CATEGORY_BOOST
        : {};
    category = rng.weighted(CATEGORIES, (c) => CATEGORY_WEIGHTS[c] * (boost[c] ?? 1));
    grade = pickGrade(rng, category);
    source = pickSource(rng, category);
    description = describe(rng, category, source, spot);
  }
  const body: ReportBody = {
    id: randomUUID(),
    category,
    grade,
    source,
    description,
    lon: spot.lon,
    lat: spot.lat,
  };
  if (source === 'grid_worker' || source === 'patrol' || source === 'public') {
    // Phones stamp the report when it was written; it may reach us a little later.
    const at = new Date(now - Math.round(rng.range(0, 20_000)));
    body.reported_at = at.toISOString();
    if (rng.chance(0.7)) body.photos = Array.from({ length: rng.int(1, 3) }, () => photoFor(rng, at));
  }
  return body;
}
