/**
 * The wall display's configuration: which grid measures it shows, the tour (areas and
 * interval), the heatmap window, thresholds and the alert rules. Kept as JSON in app_settings so
 * a command centre changes its wall without code; the shape and defaults are shared with the
 * client (contract/wall-config.ts), this module holds the validation (pure, no I/O), so a bad
 * config is refused with reasons instead of breaking walls.
 */
import { GRADE_KEYS } from '../contract/vocabulary.ts';
import {
  DEFAULT_WALL_CONFIG,
  HEAT_WINDOWS,
  WALL_MEASURES,
  type HeatWindow,
  type TourArea,
  type WallConfig,
} from '../contract/wall-config.ts';

export {
  DEFAULT_WALL_CONFIG,
  HEAT_WINDOW_HOURS,
  HEAT_WINDOWS,
  WALL_MEASURES,
  type HeatWindow,
  type TourArea,
  type WallConfig,
  type WallMeasure,
} from '../contract/wall-config.ts';

export type ValidationResult = { ok: true; config: WallConfig } | { ok: false; errors: string[] };

const AREA_KINDS = ['city', 'district', 'street_office', 'community'];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function intIn(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

/**
 * Checks a whole config (fields left out take their default) and says every problem at once,
 * each naming its field, e.g. "tour.intervalSeconds must be an integer from 5 to 3600".
 */
export function validateWallConfig(input: unknown): ValidationResult {
  if (!isObject(input)) return { ok: false, errors: ['the config must be a JSON object'] };
  const errors: string[] = [];
  const d = DEFAULT_WALL_CONFIG;
  const known = new Set(Object.keys(d));
  for (const key of Object.keys(input)) if (!known.has(key)) errors.push(`unknown field "${key}"`);

  const list = <T extends string>(
    field: string,
    v: unknown,
    allowed: readonly T[],
    fallback: T[],
    minItems: number,
  ): T[] => {
    if (v === undefined) return fallback;
    if (
      !Array.isArray(v) ||
      v.length < minItems ||
      v.some((x) => !allowed.includes(x as T)) ||
      new Set(v).size !== v.length
    ) {
      errors.push(
        `${field} must be a list of distinct values from ${allowed.join(', ')}${minItems ? ` (at least ${minItems})` : ''}`,
      );
      return fallback;
    }
    return v as T[];
  };
  const int = (field: string, v: unknown, min: number, max: number, fallback: number): number => {
    if (v === undefined) return fallback;
    if (!intIn(v, min, max)) {
      errors.push(`${field} must be an integer from ${min} to ${max}`);
      return fallback;
    }
    return v;
  };

  const measures = list('measures', input.measures, WALL_MEASURES, d.measures, 1);
  const measureEverySeconds = int('measureEverySeconds', input.measureEverySeconds, 0, 86_400, d.measureEverySeconds);
  let heatWindow = d.heatWindow;
  if (input.heatWindow !== undefined) {
    if (HEAT_WINDOWS.includes(input.heatWindow as HeatWindow)) heatWindow = input.heatWindow as HeatWindow;
    else errors.push(`heatWindow must be one of ${HEAT_WINDOWS.join(', ')}`);
  }
  const heatWindows = list('heatWindows', input.heatWindows, HEAT_WINDOWS, d.heatWindows, 0);

  let tour = d.tour;
  if (input.tour !== undefined) {
    if (!isObject(input.tour)) errors.push('tour must be an object {intervalSeconds, areas}');
    else {
      const intervalSeconds = int('tour.intervalSeconds', input.tour.intervalSeconds, 5, 3600, d.tour.intervalSeconds);
      let areas: WallConfig['tour']['areas'] = d.tour.areas;
      const a = input.tour.areas;
      if (a === 'districts') areas = 'districts';
      else if (Array.isArray(a) && a.length > 0 && a.length <= 200) {
        const stops: TourArea[] = [];
        a.forEach((s, i) => {
          if (!isObject(s) || !AREA_KINDS.includes(s.kind as string)) {
            errors.push(`tour.areas[${i}].kind must be one of ${AREA_KINDS.join(', ')}`);
          } else if (s.kind === 'city') stops.push({ kind: 'city' });
          else if (!intIn(s.id, 1, 2_147_483_647)) errors.push(`tour.areas[${i}].id must be a positive integer`);
          else stops.push({ kind: s.kind as 'district' | 'street_office' | 'community', id: s.id });
        });
        areas = stops;
      } else if (a !== undefined) errors.push('tour.areas must be "districts" or a list of 1 to 200 stops');
      tour = { intervalSeconds, areas };
    }
  }

  let thresholds = d.thresholds;
  if (input.thresholds !== undefined) {
    const t = input.thresholds;
    if (!isObject(t)) errors.push('thresholds must be an object');
    else {
      let householdStandard = d.thresholds.householdStandard;
      if (t.householdStandard !== undefined) {
        const h = t.householdStandard;
        if (!isObject(h)) errors.push('thresholds.householdStandard must be {urban, rural}');
        else {
          householdStandard = {
            urban: int('thresholds.householdStandard.urban', h.urban, 1, 100_000, d.thresholds.householdStandard.urban),
            rural: int('thresholds.householdStandard.rural', h.rural, 1, 100_000, d.thresholds.householdStandard.rural),
          };
        }
      }
      const openWarn = int('thresholds.openWarn', t.openWarn, 1, 10_000, d.thresholds.openWarn);
      const openAlarm = int('thresholds.openAlarm', t.openAlarm, 1, 10_000, d.thresholds.openAlarm);
      if (openAlarm <= openWarn) errors.push('thresholds.openAlarm must be greater than thresholds.openWarn');
      const overdueAlarm = int('thresholds.overdueAlarm', t.overdueAlarm, 1, 10_000, d.thresholds.overdueAlarm);
      thresholds = { householdStandard, openWarn, openAlarm, overdueAlarm };
    }
  }

  let alerts = d.alerts;
  if (input.alerts !== undefined) {
    if (!isObject(input.alerts)) errors.push('alerts must be an object {grades, seconds}');
    else {
      alerts = {
        grades: list('alerts.grades', input.alerts.grades, GRADE_KEYS, d.alerts.grades, 0),
        seconds: int('alerts.seconds', input.alerts.seconds, 3, 600, d.alerts.seconds),
      };
    }
  }
  const shiftPixels = int('shiftPixels', input.shiftPixels, 0, 40, d.shiftPixels);
  const shiftEverySeconds = int('shiftEverySeconds', input.shiftEverySeconds, 10, 86_400, d.shiftEverySeconds);

  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    config: {
      measures,
      measureEverySeconds,
      heatWindow,
      heatWindows,
      tour,
      thresholds,
      alerts,
      shiftPixels,
      shiftEverySeconds,
    },
  };
}
