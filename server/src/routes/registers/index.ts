/**
 * The city's registers over HTTP: grid workers, patrol teams, key places, departments and
 * incident categories (users, admin only, are in users.ts). Reads are for every signed-in role
 * but the wall display and the phone (categories: for every role); writes for planners and admins.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CategoryPatchBody,
  CategorySchema,
  DepartmentPatchBody,
  DepartmentSchema,
  KeyPlacePatchBody,
  KeyPlaceSchema,
  NewCategoryBody,
  NewDepartmentBody,
  NewKeyPlaceBody,
  NewUnitBody,
  NewWorkerBody,
  UnitPatchBody,
  UnitSchema,
  WorkerPatchBody,
  WorkerSchema,
} from '../../contract/registers.ts';
import { categories, departments } from '../../repos/register-departments.ts';
import { keyPlaces } from '../../repos/register-places.ts';
import { units, workers } from '../../repos/register-units.ts';
import { registerCrud } from './crud.ts';
import userRoutes from './users.ts';

const access = { read: 'registers:read', write: 'registers:write' } as const;
const keepsHistory =
  'A worker or team with GPS fixes, incidents, planned routes or assessments on record is not deleted ' +
  '(409 naming them): set its status to off_duty instead.';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  registerCrud(app, {
    name: 'workers',
    label: 'grid worker',
    item: WorkerSchema,
    newBody: NewWorkerBody,
    patchBody: WorkerPatchBody,
    ...access,
    repo: workers,
    searches: 'code, name and phone',
    deleteNote: `${keepsHistory} Deleting a worker frees its grid.`,
  });
  registerCrud(app, {
    name: 'units',
    label: 'patrol team',
    item: UnitSchema,
    newBody: NewUnitBody,
    patchBody: UnitPatchBody,
    ...access,
    repo: units,
    searches: 'code, name and phone',
    deleteNote: keepsHistory,
  });
  registerCrud(app, {
    name: 'key-places',
    label: 'key place',
    item: KeyPlaceSchema,
    newBody: NewKeyPlaceBody,
    patchBody: KeyPlacePatchBody,
    ...access,
    repo: keyPlaces,
    searches: 'code, names and address',
  });
  registerCrud(app, {
    name: 'departments',
    label: 'department',
    item: DepartmentSchema,
    newBody: NewDepartmentBody,
    patchBody: DepartmentPatchBody,
    ...access,
    repo: departments,
    searches: 'code and names',
    deleteNote: 'Its categories stay, without a department.',
  });
  registerCrud(app, {
    name: 'categories',
    label: 'category',
    item: CategorySchema,
    newBody: NewCategoryBody,
    patchBody: CategoryPatchBody,
    // The category list carries no personal data: every role reads it (the phone's report form).
    read: 'read',
    write: 'registers:write',
    repo: categories,
    searches: 'code and names',
    deleteNote: 'A category used by incidents is not deleted (409 with the count).',
  });
  await app.register(userRoutes);
};
export default routes;
