/**
 * Roles and what each may do. `wall` screens only read; operators run incidents; planners edit
 * grids and cameras; admins do everything, including user management.
 */
import { ROLES, type Role } from '../contract/vocabulary.ts';

export { ROLES, type Role };

export const PERMISSIONS = {
  read: ['wall', 'operator', 'planner', 'admin'],
  'incidents:write': ['operator', 'admin'],
  'grids:write': ['planner', 'admin'],
  'cameras:write': ['planner', 'admin'],
  'patrols:write': ['operator', 'admin'],
  'import:write': ['planner', 'admin'],
  // The registers (workers, units, key places, departments, categories) hold phone numbers:
  // not for the wall display, which is often in view of visitors.
  'registers:read': ['operator', 'planner', 'admin'],
  'registers:write': ['planner', 'admin'],
  'users:admin': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
