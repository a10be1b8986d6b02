/**
 * Colours and classes shared by the map layers and the legend, so the two never disagree.
 * Colours are RGBA 0–255 as deck.gl takes them.
 */
import type { CameraStatus, GridTileProperties, GridType, IncidentGrade, IncidentProperties } from '../api/types';
import type { GridMeasure } from '../state/model';
import { HOUSEHOLD_STANDARD } from '../../../server/src/contract/standards.ts';
import {
  CAMERA_STATUS_NAMES,
  CLOSED_STATUSES,
  GRADES,
  GRID_TYPE_NAMES,
  type Bilingual,
} from '../../../server/src/contract/vocabulary.ts';

export type RGBA = [number, number, number, number];

export const GRID_OUTLINE: RGBA = [0, 229, 255, 235];
export const GRID_HOVER: RGBA = [255, 255, 255, 56];
export const SELECTED_OUTLINE: RGBA = [255, 214, 10, 255];
export const SELECTED_GLOW: RGBA = [255, 214, 10, 70];

/** One legend entry: the class label (English + Chinese) and its colour. */
export interface LegendClass {
  label: string;
  labelZh: string;
  color: RGBA;
}

/** A legend class named after a coded value (its name from the shared vocabulary). */
function named({ en, zh }: Bilingual, color: RGBA): LegendClass {
  return { label: en, labelZh: zh, color };
}

// ---------------------------------------------------------------------------------------------
// Grid fill by open incidents

export const OPEN_INCIDENT_CLASSES: (LegendClass & { min: number })[] = [
  { min: 0, label: 'None', labelZh: '无', color: [0, 229, 255, 12] },
  { min: 1, label: '1–2', labelZh: '', color: [250, 204, 21, 48] },
  { min: 3, label: '3–5', labelZh: '', color: [251, 146, 60, 82] },
  { min: 6, label: '6–9', labelZh: '', color: [239, 68, 68, 112] },
  { min: 10, label: '10 +', labelZh: '', color: [219, 39, 119, 150] },
];

export function openIncidentsColor(openIncidents: number): RGBA {
  let color = OPEN_INCIDENT_CLASSES[0].color;
  for (const c of OPEN_INCIDENT_CLASSES) if (openIncidents >= c.min) color = c.color;
  return color;
}

// ---------------------------------------------------------------------------------------------
// Grid fill by load: households against the size standard for the grid's kind

/** Households a grid of this kind should hold (the shared standard; unit grids count as urban). */
export function householdStandard(type: GridType): number {
  return type === 'rural' ? HOUSEHOLD_STANDARD.rural : HOUSEHOLD_STANDARD.urban;
}

export const LOAD_CLASSES: (LegendClass & { maxRatio: number })[] = [
  { maxRatio: 0.5, label: 'Under half', labelZh: '不足半数', color: [96, 165, 250, 95] },
  { maxRatio: 0.8, label: 'Light', labelZh: '偏少', color: [125, 211, 252, 60] },
  { maxRatio: 1.2, label: 'On standard', labelZh: '达标', color: [52, 211, 153, 60] },
  { maxRatio: 1.5, label: 'Heavy', labelZh: '偏重', color: [251, 191, 36, 100] },
  { maxRatio: Infinity, label: 'Over 1.5×', labelZh: '超标', color: [239, 68, 68, 135] },
];

export function loadRatio(households: number, type: GridType): number {
  return households / householdStandard(type);
}

/** Unit grids (enterprises, schools, hospitals) hold no households: no load to show. */
export const NOT_RESIDENTIAL: LegendClass = {
  label: 'Unit, no households',
  labelZh: '单位网格',
  color: [148, 163, 184, 40],
};

export function loadColor(households: number, type: GridType): RGBA {
  if (type === 'unit') return NOT_RESIDENTIAL.color;
  const ratio = loadRatio(households, type);
  return (LOAD_CLASSES.find((c) => ratio < c.maxRatio) ?? LOAD_CLASSES[LOAD_CLASSES.length - 1]).color;
}

// ---------------------------------------------------------------------------------------------
// Grid fill by type

export const GRID_TYPE_CLASSES: Record<GridType, LegendClass> = {
  compound: named(GRID_TYPE_NAMES.compound, [129, 140, 248, 80]),
  street_lane: named(GRID_TYPE_NAMES.street_lane, [45, 212, 191, 70]),
  urban: named(GRID_TYPE_NAMES.urban, [56, 189, 248, 70]),
  unit: named(GRID_TYPE_NAMES.unit, [244, 114, 182, 90]),
  rural: named(GRID_TYPE_NAMES.rural, [163, 230, 53, 55]),
};

const UNKNOWN: RGBA = [148, 163, 184, 40];

export function gridTypeColor(type: GridType): RGBA {
  return GRID_TYPE_CLASSES[type]?.color ?? UNKNOWN;
}

/** The fill colour of a grid under the chosen measure. */
export function gridFillColor(
  p: Pick<GridTileProperties, 'open_incidents' | 'households' | 'type'>,
  measure: GridMeasure,
): RGBA {
  switch (measure) {
    case 'open_incidents':
      return openIncidentsColor(p.open_incidents ?? 0);
    case 'load':
      return loadColor(p.households ?? 0, p.type);
    case 'type':
      return gridTypeColor(p.type);
  }
}

// ---------------------------------------------------------------------------------------------
// Incidents

export const GRADE_CLASSES: Record<IncidentGrade, LegendClass> = {
  routine: named(GRADES.routine, [59, 130, 246, 235]),
  key: named(GRADES.key, [249, 115, 22, 240]),
  difficult: named(GRADES.difficult, [239, 68, 68, 250]),
};

export function gradeColor(grade: IncidentGrade, alpha?: number): RGBA {
  const c = GRADE_CLASSES[grade]?.color ?? UNKNOWN;
  return alpha === undefined ? c : [c[0], c[1], c[2], alpha];
}

/** Open unless the server says it closed (closed_at), or, without that, its status is a closed one. */
export function isIncidentOpen(p: Pick<IncidentProperties, 'status' | 'closed_at'>): boolean {
  if (p.closed_at !== undefined) return p.closed_at === null;
  return !CLOSED_STATUSES.includes(p.status);
}

// ---------------------------------------------------------------------------------------------
// Cameras

export const CAMERA_STATUS_CLASSES: Record<CameraStatus, LegendClass> = {
  working: named(CAMERA_STATUS_NAMES.working, [34, 197, 94, 255]),
  faulty: named(CAMERA_STATUS_NAMES.faulty, [245, 158, 11, 255]),
  offline: named(CAMERA_STATUS_NAMES.offline, [148, 163, 184, 230]),
};

export function cameraStatusColor(status: CameraStatus): RGBA {
  return CAMERA_STATUS_CLASSES[status]?.color ?? UNKNOWN;
}

/** CSS colour for a legend swatch. */
export function cssColor([r, g, b, a]: RGBA, alphaFloor = 0): string {
  return `rgba(${r}, ${g}, ${b}, ${Math.max(a / 255, alphaFloor).toFixed(2)})`;
}
