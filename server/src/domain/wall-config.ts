/**
 * The wall display's configuration: which grid measures it shows, the tour (areas and
 * interval), the heatmap window, thresholds and the alert rules. Kept as JSON in app_settings so
 * a command centre changes its wall without code; this module holds the defaults and the
 * validation (pure, no I/O), so a bad config is refused with reasons instead of breaking walls.
 */
import type { Grade } from './incidents.ts';
import { HOUSEHOLD_STANDARD } from '../contract/standards.ts';

export const WALL_MEASURES = ['open_incidents', 'overdue', 'households'] as const;
export type WallMeasure = (typeof WALL_MEASURES)[number];

export const HEAT_WINDOWS = ['24h', '7d', '30d'] as const;
export type HeatWindow = (typeof HEAT_WINDOWS)[number];

/** Hours each heatmap window covers. */
export const HEAT_WINDOW_HOURS: Record<HeatWindow, number> = { '24h': 24, '7d': 7 * 24, '30d': 30 * 24 };

/** A tour stop: the whole city, or one district / street office / community by id. */
export type TourArea = { kind: 'city' } | { kind: 'district' | 'street_office' | 'community'; id: number };

export interface WallConfig {
  /** Measures the grid colouring rotates through (the first is shown first). */
  measures: WallMeasure[];
  /** Seconds between grid measures; 0 keeps the first. */
  measureEverySeconds: number;
  heatWindow: HeatWindow;
  /** Heat windows the tour rotates through together with the measures (empty: heatWindow only). */
  heatWindows: HeatWindow[];
  tour: {
    /** Seconds on each stop. */
    intervalSeconds: number;
    /** 'districts': the city, then every district; or an explicit list of stops. */
    areas: 'districts' | TourArea[];
  };
  thresholds: {
    /** Households one grid should hold (default: contract/standards.ts HOUSEHOLD_STANDARD). */
    householdStandard: { urban: number; rural: number };
    /** Open incidents per grid at which the colour reaches its warning and alarm steps. */
    openWarn: number;
    openAlarm: number;
    /** Overdue incidents per grid at which a grid turns to alarm. */
    overdueAlarm: number;
  };
  alerts: {
    /** Grades whose new incidents raise the alert card and zoom the map. */
    grades: Grade[];
    /** How long the alert card holds the map before the tour resumes. */
    seconds: number;
  };
  /** Burn-in protection: the layout moves by up to this many pixels … */
  shiftPixels: number;
  /** … every this many seconds. */
  shiftEverySeconds: number;
}

export const DEFAULT_WALL_CONFIG: WallConfig = {
  measures: ['open_incidents', 'overdue', 'households'],
  measureEverySeconds: 120,
  heatWindow: '7d',
  heatWindows: [],
  tour: { intervalSeconds: 30, areas: 'districts' },
  thresholds: { householdStandard: { ...HOUSEHOLD_STANDARD }, openWarn: 3, openAlarm: 10, overdueAlarm: 2 },
  alerts: { grades: ['key', 'difficult'], seconds: 20 },
  shiftPixels: 6,
  shiftEverySeconds: 300,
};

export type ValidationResult = { ok: true; config: WallConfig } | { ok: false; errors: string[] };

const AREA_KINDS = ['city', 'district', 'street_office', 'community'];
const GRADES: readonly Grade[] = ['routine', 'key', 'difficult'];

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

  const list = <T extends string>(field: string, v: unknown, allowed: readonly T[], fallback: T[], minItems: number): T[] => {
    if (v === undefined) return fallback;
    if (!Array.isArray(v) || v.length < minItems || v.some((x) => !allowed.includes(x as T)) || new Set(v).size !== v.length) {
      errors.push(`${field} must be a list of distinct values from ${allowed.join(', ')}${minItems ? ` (at least ${minItems})` : ''}`);
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
        grades: list('alerts.grades', input.alerts.grades, GRADES, d.alerts.grades, 0),
        seconds: int('alerts.seconds', input.alerts.seconds, 3, 600, d.alerts.seconds),
      };
    }
  }
  const shiftPixels = int('shiftPixels', input.shiftPixels, 0, 40, d.shiftPixels);
  const shiftEverySeconds = int('shiftEverySeconds', input.shiftEverySeconds, 10, 86_400, d.shiftEverySeconds);

  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    config: { measures, measureEverySeconds, heatWindow, heatWindows, tour, thresholds, alerts, shiftPixels, shiftEverySeconds },
  };
}
