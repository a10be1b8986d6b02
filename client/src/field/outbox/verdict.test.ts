import { describe, expect, it } from 'vitest';
import { outboxLabel, retryDelaySeconds, verdictOf } from './verdict';

describe('the outbox verdict', () => {
  it('drops what the server stored, a resent item included', () => {
    expect(verdictOf(201)).toBe('stored');
    expect(verdictOf(200)).toBe('stored');
  });
  it('keeps and retries when there is no answer or the server is busy', () => {
    for (const s of [0, 500, 502, 503, 408, 429]) expect(verdictOf(s)).toBe('retry');
  });
  it('asks to sign in on 401, and keeps a refusal with its reason', () => {
    expect(verdictOf(401)).toBe('sign_in');
    for (const s of [400, 403, 404, 409, 413, 415, 422]) expect(verdictOf(s)).toBe('refused');
  });
  it('backs off from 5 s to at most two minutes', () => {
    expect(retryDelaySeconds(1)).toBe(5);
    expect(retryDelaySeconds(3)).toBe(20);
    expect(retryDelaySeconds(20)).toBe(120);
  });
  it('says how many wait, in Chinese and English', () => {
    expect(outboxLabel(3, 0)).toBe('3 条待发送 · 3 waiting to send');
    expect(outboxLabel(0, 0)).toContain('All sent');
    expect(outboxLabel(1, 12)).toContain('12 GPS points');
  });
});
