/**
 * `window.__gridboard`: flags browser tests (and wall-screen watchdogs) wait on.
 * - `mapReady`: the MapLibre map fired 'load' (style and first basemap tiles).
 * - `gridsLoaded`: the grid tile layer has loaded every tile of its viewport.
 */
export interface GridboardReadiness {
  mapReady: boolean;
  gridsLoaded: boolean;
}

declare global {
  interface Window {
    __gridboard?: GridboardReadiness;
  }
}

export function resetReadiness(): void {
  window.__gridboard = { mapReady: false, gridsLoaded: false };
}

export function markReady(flag: keyof GridboardReadiness): void {
  if (!window.__gridboard) resetReadiness();
  window.__gridboard![flag] = true;
}
