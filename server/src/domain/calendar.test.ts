import { expect, test } from 'vitest';
import { isCalendarDay, parseInstant } from './calendar.ts';

test('real days pass; days that do not exist do not', () => {
  expect(isCalendarDay('2024-02-29')).toBe(true);
  expect(isCalendarDay('2023-02-29')).toBe(false);
  expect(isCalendarDay('2024-02-30')).toBe(false);
});

test('parseInstant reads ISO-8601 and refuses rolled-over days and other text', () => {
  expect(parseInstant('2024-02-29T10:00:00Z')?.toISOString()).toBe('2024-02-29T10:00:00.000Z');
  expect(parseInstant('2024-03-01T08:00:00+08:00')?.toISOString()).toBe('2024-03-01T00:00:00.000Z');
  expect(parseInstant('2024-03-01')?.toISOString()).toBe('2024-03-01T00:00:00.000Z');
  for (const bad of ['2024-02-30T00:00:00Z', '2024-13-01', 'now', '1e309', '', '+275760-09-13T00:00:00Z'])
    expect(parseInstant(bad), bad).toBeNull();
});
