/**
 * Colour scales for the grid measures on the wall: a few strong steps rather than a smooth ramp,
 * so a class is read from across the room; the steps come from the wall config's thresholds.
 */
import type { WallConfig, WallMeasure } from '../../api/wall';
import type { RGBA } from '../../layers/palette';

export interface MeasureStep {
  /** Smallest value of the step (inclusive). */
  min: number;
  label: string;
  labelZh: string;
  color: RGBA;
}

const CALM: RGBA = [0, 229, 255, 14];
const LOW: RGBA = [250, 204, 21, 85];
const WARN: RGBA = [251, 146, 60, 140];
const ALARM: RGBA = [239, 68, 68, 180];

export const MEASURE_NAMES: Record<WallMeasure, { en: string; zh: string }> = {
  open_incidents: { en: 'Open incidents per grid', zh: '网格在办事件' },
  overdue: { en: 'Overdue incidents per grid', zh: '网格超时事件' },
  households: { en: 'Households vs standard', zh: '网格户数/标准' },
};

export function measureSteps(measure: WallMeasure, t: WallConfig['thresholds']): MeasureStep[] {
  switch (measure) {
    case 'open_incidents':
      return [
        { min: 0, label: 'None', labelZh: '无', color: CALM },
        { min: 1, label: `1–${t.openWarn - 1}`, labelZh: '', color: LOW },
        { min: t.openWarn, label: `${t.openWarn}–${t.openAlarm - 1}`, labelZh: '', color: WARN },
        { min: t.openAlarm, label: `${t.openAlarm}+`, labelZh: '', color: ALARM },
      ];
    case 'overdue':
      return [
        { min: 0, label: 'None', labelZh: '无', color: CALM },
        { min: 1, label: t.overdueAlarm > 2 ? `1–${t.overdueAlarm - 1}` : '1', labelZh: '', color: WARN },
        { min: t.overdueAlarm, label: `${t.overdueAlarm}+`, labelZh: '', color: ALARM },
      ];
    case 'households':
      return [
        { min: 0, label: 'Under half', labelZh: '不足半数', color: [96, 165, 250, 90] },
        { min: 0.5, label: 'Light', labelZh: '偏少', color: [125, 211, 252, 50] },
        { min: 0.8, label: 'On standard', labelZh: '达标', color: [52, 211, 153, 55] },
        { min: 1.2, label: 'Heavy', labelZh: '偏重', color: [251, 191, 36, 110] },
        { min: 1.5, label: 'Over 1.5×', labelZh: '超标', color: ALARM },
      ];
  }
}

/** The colour of a value: the last step whose `min` it reaches; no value → transparent. */
export function colorFor(steps: MeasureStep[], value: number | undefined): RGBA {
  if (value === undefined || Number.isNaN(value)) return [0, 0, 0, 0];
  let color = steps[0].color;
  for (const s of steps) if (value >= s.min) color = s.color;
  return color;
}
