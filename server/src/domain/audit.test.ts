import { describe, expect, it } from 'vitest';
import { auditActionFor, csvCell, routePattern, scrubDetail, targetKindOf } from './audit.ts';

describe('auditActionFor', () => {
  it('records every write, refused ones included, and reads only when marked', () => {
    expect(auditActionFor('POST', undefined, 200)).toBe('write');
    expect(auditActionFor('DELETE', undefined, 403)).toBe('write');
    expect(auditActionFor('GET', undefined, 200)).toBeNull();
    expect(auditActionFor('GET', 'export', 200)).toBe('export');
  });
  it('names a login by its outcome', () => {
    expect(auditActionFor('POST', 'login', 200)).toBe('login');
    expect(auditActionFor('POST', 'login', 401)).toBe('login_failed');
    expect(auditActionFor('POST', 'login', 429)).toBe('login_failed');
  });
  it('knows a logout by its route', () => {
    expect(auditActionFor('POST', undefined, 200, '/api/auth/logout')).toBe('logout');
  });
  it('records telemetry only when it is refused', () => {
    expect(auditActionFor('POST', false, 200)).toBeNull();
    expect(auditActionFor('POST', false, 403)).toBe('write');
  });
});

describe('routePattern and targetKindOf', () => {
  it('writes parameters the OpenAPI way and names the target kind', () => {
    expect(routePattern('/api/grids/:id/split')).toBe('/api/grids/{id}/split');
    expect(targetKindOf('/api/grids/{id}/split')).toBe('grids');
    expect(targetKindOf('/open311/v2/requests.json')).toBe('requests');
    expect(targetKindOf('/health')).toBeNull();
  });
});

describe('scrubDetail', () => {
  it('drops secrets at any depth and keeps the rest', () => {
    expect(scrubDetail({ username: 'ann', password: 'x', nested: { token: 't', screen: 'hall' } })).toEqual({
      username: 'ann',
      nested: { screen: 'hall' },
    });
  });
});

describe('csvCell', () => {
  it('quotes separators and defuses formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell(null)).toBe('');
    expect(csvCell({ ids: [1] })).toBe('"{""ids"":[1]}"');
  });
});
