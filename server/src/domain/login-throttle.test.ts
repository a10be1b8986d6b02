import { describe, expect, it } from 'vitest';
import { BACKOFF_CAP_S, backoffSeconds, locksPair, retryAfterSeconds } from './login-throttle.ts';

describe('login back-off per account', () => {
  it('lets the first five failures through, then doubles the wait from 1 s', () => {
    expect([0, 1, 4].map(backoffSeconds)).toEqual([0, 0, 0]);
    expect([5, 6, 7, 8, 9].map(backoffSeconds)).toEqual([1, 2, 4, 8, 16]);
  });
  it('caps the wait at two minutes however many failures there were', () => {
    expect(BACKOFF_CAP_S).toBe(120);
    expect(backoffSeconds(12)).toBe(120);
    expect(backoffSeconds(1000)).toBe(120);
  });
  it('counts the wait from the last failure, rounded up to whole seconds', () => {
    const last = new Date('2026-12-03T10:00:00Z');
    expect(retryAfterSeconds(7, last, new Date('2026-12-03T10:00:00.500Z'))).toBe(4);
    expect(retryAfterSeconds(7, last, new Date('2026-12-03T10:00:03.100Z'))).toBe(1);
    expect(retryAfterSeconds(7, last, new Date('2026-12-03T10:00:04Z'))).toBe(0);
    expect(retryAfterSeconds(4, last, last)).toBe(0);
    expect(retryAfterSeconds(0, null, last)).toBe(0);
  });
});

describe('lockout per account and address', () => {
  it('locks the pair at the tenth failure', () => {
    expect(locksPair(9)).toBe(false);
    expect(locksPair(10)).toBe(true);
  });
});
