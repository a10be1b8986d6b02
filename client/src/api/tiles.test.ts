import { describe, expect, it } from 'vitest';
import { tileErrorStatus } from './tiles';

describe('tile errors', () => {
  it('reads the status from a loaders.gl fetch error, not from numbers in the URL', () => {
    expect(tileErrorStatus(Object.assign(new Error('x'), { response: { status: 401 } }))).toBe(401);
    expect(tileErrorStatus(new Error('Failed to fetch resource (401) Unauthorized: /tiles/grids/10/401/401.mvt'))).toBe(
      401,
    );
    expect(
      tileErrorStatus(new Error('Failed to fetch resource (503) Service Unavailable: /tiles/grids/10/401/401.mvt')),
    ).toBe(503);
    expect(tileErrorStatus(new Error('network down'))).toBeNull();
  });
});
