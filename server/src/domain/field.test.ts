import { describe, expect, it } from 'vitest';
import { cityDay, isCalendarDay } from './field.ts';

describe('field days', () => {
  it('names the day in the city, not in UTC', () => {
    // 20:00 UTC is already the next morning in Shanghai.
    expect(cityDay('Asia/Shanghai', new Date('2026-12-03T20:00:00Z'))).toBe('2026-12-04');
    expect(cityDay('UTC', new Date('2026-12-03T20:00:00Z'))).toBe('2026-12-03');
  });
  it('refuses days that do not exist', () => {
    expect(isCalendarDay('2026-02-28')).toBe(true);
    expect(isCalendarDay('2028-02-29')).toBe(true);
    for (const bad of ['2026-02-30', '2026-02-29', '2026-13-01', '2026-00-10', '2026-1-1', 'today'])
      expect(isCalendarDay(bad), bad).toBe(false);
  });
});
