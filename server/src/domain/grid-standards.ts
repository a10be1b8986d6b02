/**
 * The size standard grids are drawn to (DOMAIN.md: urban about 300 households or 1,000 people,
 * rural about 200 households or 500 people) and how far a grid may stray from it (the band),
 * plus the shape measures the editor shows: compactness and contiguity. Configuration, not code:
 * every value here is a default a request may override.
 */
import { HOUSEHOLD_STANDARD, POPULATION_STANDARD } from '../contract/standards.ts';

export interface Standard {
  households: number;
  population: number;
}

export const DEFAULT_STANDARDS: Record<'urban' | 'rural', Standard> = {
  urban: { households: HOUSEHOLD_STANDARD.urban, population: POPULATION_STANDARD.urban },
  rural: { households: HOUSEHOLD_STANDARD.rural, population: POPULATION_STANDARD.rural },
};

/** Default band: a grid within ±25 % of the standard households is in balance. */
export const DEFAULT_BAND = 0.25;

export type Balance = 'under' | 'ok' | 'over';

/** Relative deviation from the target (0 = on target, −0.5 = half, +1 = double). */
export function deviation(value: number, target: number): number {
  if (!(target > 0)) throw new RangeError('target must be positive');
  return value / target - 1;
}

export function balance(value: number, target: number, band = DEFAULT_BAND): Balance {
  const d = deviation(value, target);
  if (d < -band) return 'under';
  if (d > band) return 'over';
  return 'ok';
}

/** Polsby–Popper compactness 4πA/P²: 1 for a disc, about 0.785 for a square, → 0 for slivers. */
export function compactness(areaM2: number, perimeterM: number): number {
  if (!(perimeterM > 0) || !(areaM2 > 0)) return 0;
  return Math.min(1, (4 * Math.PI * areaM2) / (perimeterM * perimeterM));
}

export function standardFor(kind: 'urban' | 'rural', override?: Partial<Standard>): Standard {
  return { ...DEFAULT_STANDARDS[kind], ...override };
}
