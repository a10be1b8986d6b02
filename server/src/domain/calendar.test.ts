import { describe, expect, it } from 'vitest';
import { assessableDayProblem, isCalendarDay } from './calendar.ts';

describe('calendar days', () => {
  it('knows real days', () => {
    expect(isCalendarDay('2026-02-28')).toBe(true);
    expect(isCalendarDay('2026-02-30')).toBe(false);
  });

  it('assesses today, tomorrow and the kept past, nothing else', () => {
    expect(assessableDayProblem('2026-12-03', '2026-12-03', 90)).toBeNull();
    expect(assessableDayProblem('2026-12-04', '2026-12-03', 90)).toBeNull();
    expect(assessableDayProblem('2026-09-04', '2026-12-03', 90)).toBeNull();
    expect(assessableDayProblem('9999-12-31', '2026-12-03', 90)).toMatch(/future/);
    expect(assessableDayProblem('2026-12-05', '2026-12-03', 90)).toMatch(/future/);
    expect(assessableDayProblem('2026-09-03', '2026-12-03', 90)).toMatch(/before the kept GPS fixes/);
    expect(assessableDayProblem('1999-01-01', '2026-12-03', 90)).toMatch(/before/);
    expect(assessableDayProblem('2026-02-30', '2026-12-03', 90)).toMatch(/not a calendar day/);
  });
});
