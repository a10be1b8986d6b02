import { describe, expect, it } from 'vitest';
import { assessableDayProblem, isCalendarDay, parseInstant } from './calendar.ts';

describe('calendar days', () => {
  it('knows real days', () => {
    expect(isCalendarDay('2024-02-29')).toBe(true);
    expect(isCalendarDay('2026-02-28')).toBe(true);
    expect(isCalendarDay('2023-02-29')).toBe(false);
    expect(isCalendarDay('2026-02-30')).toBe(false);
  });

  it('parseInstant reads ISO-8601 and refuses rolled-over days and other text', () => {
    expect(parseInstant('2024-02-29T10:00:00Z')?.toISOString()).toBe('2024-02-29T10:00:00.000Z');
    expect(parseInstant('2024-03-01T08:00:00+08:00')?.toISOString()).toBe('2024-03-01T00:00:00.000Z');
    expect(parseInstant('2024-03-01')?.toISOString()).toBe('2024-03-01T00:00:00.000Z');
    for (const bad of ['2024-02-30T00:00:00Z', '2024-13-01', 'now', '1e309', '', '+275760-09-13T00:00:00Z'])
      expect(parseInstant(bad), bad).toBeNull();
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
