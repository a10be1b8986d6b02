/**
 * `window.__wall`: what the wall has drawn, for browser tests, the frame benchmark and a
 * watchdog. `complete` is the first moment the map, the grids, the heat and the figures are all in.
 */
export interface WallReadiness {
  mapReady: boolean;
  gridsLoaded: boolean;
  heatLoaded: boolean;
  kpisLoaded: boolean;
  /** ms after navigation start when everything above was first true. */
  completeAt: number | null;
  /** Points in the heatmap now. */
  heatCount: number;
  /** Tour stop on screen. */
  stop: string | null;
}

declare global {
  interface Window {
    __wall?: WallReadiness;
  }
}

export function resetWall(): void {
  window.__wall = {
    mapReady: false,
    gridsLoaded: false,
    heatLoaded: false,
    kpisLoaded: false,
    completeAt: null,
    heatCount: 0,
    stop: null,
  };
}

export function markWall(
  flag: 'mapReady' | 'gridsLoaded' | 'heatLoaded' | 'kpisLoaded',
  patch: Partial<WallReadiness> = {},
): void {
  if (!window.__wall) resetWall();
  const w = window.__wall!;
  w[flag] = true;
  Object.assign(w, patch);
  if (w.completeAt === null && w.mapReady && w.gridsLoaded && w.heatLoaded && w.kpisLoaded)
    w.completeAt = performance.now();
}

export function setWallInfo(patch: Partial<WallReadiness>): void {
  if (!window.__wall) resetWall();
  Object.assign(window.__wall!, patch);
}
