/**
 * The wall display's configuration: its shape and defaults, shared by the server (which keeps it
 * as JSON in app_settings and validates it, domain/wall-config.ts) and the wall page. Pure values.
 */
import type { Grade } from './vocabulary.ts';
import { HOUSEHOLD_STANDARD } from './standards.ts';

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
