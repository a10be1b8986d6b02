import { describe, expect, it } from 'vitest';
import { can, isRole, ROLES } from './roles.ts';

describe('roles', () => {
  it('lets every role read', () => {
    for (const r of ROLES) expect(can(r, 'read')).toBe(true);
  });
  it('keeps the wall display read-only', () => {
    expect(can('wall', 'incidents:write')).toBe(false);
    expect(can('wall', 'grids:write')).toBe(false);
    expect(can('wall', 'users:admin')).toBe(false);
  });
  it('separates operators from planners', () => {
    expect(can('operator', 'incidents:write')).toBe(true);
    expect(can('operator', 'grids:write')).toBe(false);
    expect(can('planner', 'grids:write')).toBe(true);
    expect(can('planner', 'incidents:write')).toBe(false);
    expect(can('admin', 'users:admin')).toBe(true);
  });
  it('lets planners and admins write the registers, and keeps them from the wall', () => {
    expect(can('planner', 'registers:write')).toBe(true);
    expect(can('operator', 'registers:write')).toBe(false);
    expect(can('operator', 'registers:read')).toBe(true);
    expect(can('wall', 'registers:read')).toBe(false);
  });
  it('lets a worker report and send fixes but not run the console or the registers', () => {
    expect(can('worker', 'incidents:report')).toBe(true);
    expect(can('worker', 'fixes:write')).toBe(true);
    expect(can('worker', 'field:work')).toBe(true);
    expect(can('worker', 'incidents:write')).toBe(false);
    expect(can('worker', 'registers:read')).toBe(false);
    expect(can('operator', 'field:work')).toBe(false);
  });
  it('recognises only the five roles', () => {
    expect(isRole('worker')).toBe(true);
    expect(isRole('admin')).toBe(true);
    expect(isRole('root')).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
});
