/**
 * Roles and what each may do. `wall` screens only read; operators run incidents; planners edit
 * grids and cameras; admins do everything, including user management. A `worker` is a grid
 * worker on a phone, linked to one patrol unit: they report, upload photos, send their unit's
 * fixes, log visits and work the tasks dispatched to their unit (checked per incident).
 */
import { ROLES, type Role } from '../contract/vocabulary.ts';

export { ROLES, type Role };

export const PERMISSIONS = {
  read: ['wall', 'operator', 'planner', 'admin', 'worker'],
  'incidents:write': ['operator', 'admin'],
  // Filing a new incident: the console's operators, and grid workers from the field.
  'incidents:report': ['operator', 'admin', 'worker'],
  'media:write': ['operator', 'admin', 'worker'],
  // GPS fixes: simulators and gateways run as operators; a worker sends only their own unit's.
  'fixes:write': ['operator', 'admin', 'worker'],
  // The field app's own reads and writes (my grid, my tasks, my track, visits).
  'field:work': ['worker'],
  'visits:read': ['operator', 'admin', 'worker'],
  // Public channels' keys (Open311): who may file requests on the public's behalf.
  'channels:admin': ['admin'],
  'grids:write': ['planner', 'admin'],
  'cameras:write': ['planner', 'admin'],
  'patrols:write': ['operator', 'admin'],
  'import:write': ['planner', 'admin'],
  // The registers (workers, units, key places, departments, categories) hold phone numbers:
  // not for the wall display, which is often in view of visitors.
  'registers:read': ['operator', 'planner', 'admin'],
  'registers:write': ['planner', 'admin'],
  'users:admin': ['admin'],
  // The audit trail: who did what, when, from where (issue #13).
  'audit:read': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
