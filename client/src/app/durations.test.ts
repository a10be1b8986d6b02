import { describe, expect, it } from 'vitest';
import { age, clockTime, dateTime, dueLabel, formatDuration, formatMeters } from './durations';

const NOW = Date.parse('2026-03-01T10:00:00Z');

describe('durations', () => {
  it('formats short durations densely', () => {
    expect(formatDuration(20_000)).toBe('<1m');
    expect(formatDuration(12 * 60_000)).toBe('12m');
    expect(formatDuration((3 * 60 + 5) * 60_000)).toBe('3h 05m');
    expect(formatDuration((2 * 24 + 4) * 3_600_000)).toBe('2d 4h');
    expect(formatDuration(-5)).toBe('<1m');
    expect(age('2026-03-01T09:48:00Z', NOW)).toBe('12m');
  });

  it('says how a step stands against its due time', () => {
    expect(dueLabel(null, NOW)).toBeNull();
    expect(dueLabel('2026-03-01T10:30:00Z', NOW)).toMatchObject({ en: 'due in 30m', overdue: false, soon: false });
    expect(dueLabel('2026-03-01T10:10:00Z', NOW)).toMatchObject({ en: 'due in 10m', soon: true });
    expect(dueLabel('2026-03-01T09:35:00Z', NOW)).toMatchObject({ en: 'overdue 25m', zh: '超时 25m', overdue: true });
  });

  it('shows times in the city time zone', () => {
    expect(clockTime('2026-03-01T10:05:00Z', 'Asia/Shanghai')).toBe('18:05');
    expect(dateTime('2026-03-01T17:05:00Z', 'Asia/Shanghai')).toBe('03-02 01:05');
    expect(formatMeters(85.4)).toBe('85 m');
    expect(formatMeters(1234)).toBe('1.2 km');
  });
});
