/**
 * The tour: the stops the wall rotates through (the city, then each district, or the
 * configured list), and the small layout shifts against burn-in. Pure: no timers here.
 */
import type { Area } from '../../api/incidents';
import type { BBox } from '../../api/types';
import type { TourArea } from '../../api/wall';

export interface TourStop {
  key: string;
  label: string;
  labelZh: string;
  bbox: BBox;
}

/** Stops for the config's areas; areas that no longer exist are skipped, and the city stands in for an empty list. */
export function tourStops(
  areas: 'districts' | TourArea[],
  tree: Area[],
  city: BBox,
  cityName: { en: string; zh: string },
): TourStop[] {
  const cityStop: TourStop = { key: 'city', label: cityName.en, labelZh: cityName.zh, bbox: city };
  const wanted: TourArea[] =
    areas === 'districts'
      ? [
          { kind: 'city' },
          ...tree.filter((a) => a.level === 'district').map((a) => ({ kind: 'district' as const, id: a.id })),
        ]
      : areas;
  const stops: TourStop[] = [];
  for (const w of wanted) {
    if (w.kind === 'city') {
      stops.push(cityStop);
      continue;
    }
    const a = tree.find((x) => x.level === w.kind && x.id === w.id);
    if (a) stops.push({ key: `${a.level}:${a.id}`, label: a.name, labelZh: a.name_zh, bbox: a.bbox });
  }
  return stops.length ? stops : [cityStop];
}

/** The stop shown at `elapsedMs` after the tour started, every `intervalMs`. */
export function stopIndexAt(elapsedMs: number, intervalMs: number, count: number): number {
  if (count <= 0 || intervalMs <= 0) return 0;
  return Math.floor(Math.max(0, elapsedMs) / intervalMs) % count;
}

/**
 * The layout offset (px) for burn-in protection at step `n`: a slow walk round a small square,
 * so static edges never sit on the same pixels for long and the picture stays centred on average.
 */
export function burnInShift(n: number, maxPx: number): { x: number; y: number } {
  if (maxPx <= 0) return { x: 0, y: 0 };
  const path = [
    [0, 0],
    [1, 0],
    [1, 1],
    [0, 1],
    [-1, 1],
    [-1, 0],
    [-1, -1],
    [0, -1],
    [1, -1],
  ] as const;
  const [x, y] = path[((n % path.length) + path.length) % path.length];
  return { x: x * maxPx, y: y * maxPx };
}
