/**
 * The size standard grids are drawn to (DOMAIN.md; the Hantai / Yongzhou practice): an urban grid
 * holds about 300 households or 1,000 people, a rural one about 200 households or 500 people.
 * Configuration, not law: these are the defaults a city or a request may override. One source for
 * the server's grid measures, the wall's thresholds, the editor and the map's load colours.
 */

export type GridKindStandard = 'urban' | 'rural';

/** Households one grid should hold. */
export const HOUSEHOLD_STANDARD: Readonly<Record<GridKindStandard, number>> = { urban: 300, rural: 200 };

/** People one grid should hold. */
export const POPULATION_STANDARD: Readonly<Record<GridKindStandard, number>> = { urban: 1000, rural: 500 };
