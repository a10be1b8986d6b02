/**
 * How fast units move on the street network: grid workers walk, patrol teams drive. Travel
 * time is network distance over the unit's speed; DOMAIN.md's yardsticks (arrive at a key
 * place within one minute; a half-hour walking circle) are read against these.
 */
export type UnitKind = 'grid_worker' | 'patrol_team';

export const WALK_MPS = 1.3; // ~4.7 km/h, on foot between households
export const DRIVE_MPS = 8.3; // ~30 km/h, a patrol car or e-bike in town

export function speedOf(kind: UnitKind | string): number {
  return kind === 'patrol_team' ? DRIVE_MPS : WALK_MPS;
}

/** Minutes to cover `metres` at the unit's speed, to a tenth. */
export function etaMinutes(metres: number, kind: UnitKind | string): number {
  return Math.round((metres / speedOf(kind) / 60) * 10) / 10;
}
