import { describe, expect, it } from 'vitest';
import { redactSecrets } from './logging.ts';

describe('redactSecrets', () => {
  it('blanks token-like values in addresses, headers and free text', () => {
    expect(redactSecrets('GET /wall?token=abc.def&x=1')).toBe('GET /wall?token=[redacted]&x=1');
    expect(redactSecrets('/open311/v2/requests.json?api_key=K1&access_token=T2')).toBe(
      '/open311/v2/requests.json?api_key=[redacted]&access_token=[redacted]',
    );
    expect(redactSecrets('{"authorization":"Bearer abc.def-ghi"}')).toBe('{"authorization":"Bearer [redacted]"}');
    expect(redactSecrets('saw eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOjF9.c2lnbmF0dXJl here')).toBe('saw [redacted] here');
    expect(redactSecrets('/api/grids?tokenize=1&page=2')).toBe('/api/grids?tokenize=1&page=2');
  });
});
