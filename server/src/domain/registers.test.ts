import { describe, expect, it } from 'vitest';
import { constraintProblem, lastAdminProblem, searchPattern, staleVersion } from './registers.ts';

describe('register rules', () => {
  it('searches any part of the text, taking % and _ literally', () => {
    expect(searchPattern(undefined)).toBeNull();
    expect(searchPattern('  ')).toBeNull();
    expect(searchPattern(' gw ')).toBe('%gw%');
    expect(searchPattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });

  it('names the current version of a stale change', () => {
    expect(staleVersion('Worker 3', 2, 2)).toBeNull();
    expect(staleVersion('Worker 3', 3, 2)).toMatch(/Worker 3 is at version 3, not 2/);
  });

  it('keeps one enabled admin', () => {
    const admin = { role: 'admin', disabled: false } as const;
    expect(lastAdminProblem(admin, { ...admin, disabled: true }, 1)).toMatch(/disabled/);
    expect(lastAdminProblem(admin, { role: 'planner', disabled: false }, 1)).toMatch(/another role/);
    expect(lastAdminProblem(admin, null, 1)).toMatch(/deleted/);
    expect(lastAdminProblem(admin, { ...admin, disabled: true }, 2)).toBeNull();
    expect(lastAdminProblem(admin, admin, 1)).toBeNull();
    expect(lastAdminProblem({ role: 'admin', disabled: true }, null, 1)).toBeNull();
    expect(lastAdminProblem({ role: 'planner', disabled: false }, null, 1)).toBeNull();
  });

  it('turns constraint violations into conflicts or bad input, and nothing else', () => {
    expect(constraintProblem({ code: '23505', detail: 'Key (code)=(A) already exists.' }, 'The unit')).toEqual({
      code: 'conflict',
      message: 'The unit: that value is already used (Key (code)=(A) already exists.)',
    });
    expect(constraintProblem({ code: '23505', constraint: 'grids_worker_once' }, 'X')?.code).toBe('conflict');
    expect(
      constraintProblem({ code: '23503', detail: 'Key (id)=(1) is still referenced from table "x".' }, 'X')?.code,
    ).toBe('conflict');
    expect(constraintProblem({ code: '23503', detail: 'Key (a)=(9) is not present in table "y".' }, 'X')?.code).toBe(
      'bad_request',
    );
    expect(constraintProblem({ code: '23514' }, 'X')?.code).toBe('bad_request');
    expect(constraintProblem({ code: '57P01' }, 'X')).toBeNull();
    expect(constraintProblem(new Error('boom'), 'X')).toBeNull();
  });
});
