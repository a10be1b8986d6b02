/**
 * The registers a city keeps (grid workers, patrol teams, key places, departments, incident
 * categories, users) as the HTTP API reads and writes them. Every record carries `version`: a
 * change names the version it was based on, and a stale one is a 409. Field names follow the
 * database and the import columns (snake_case), like the rest of the API.
 */
import { Type, type Static, type TSchema } from 'typebox';
import { ROLES, type UnitStatus as UnitStatusT } from './vocabulary.ts';

// Type.Enum keeps the literal types (a Union built with map() infers as never).
const lit = <const T extends readonly string[]>(values: T) => Type.Enum(values);

export const REGISTERS = ['workers', 'units', 'key-places', 'departments', 'categories', 'users'] as const;
export type RegisterName = (typeof REGISTERS)[number];

export const KEY_PLACE_KINDS = [
  'school',
  'hospital',
  'market',
  'station',
  'government',
  'enterprise',
  'square',
] as const;
export type KeyPlaceKind = (typeof KEY_PLACE_KINDS)[number];

const Version = Type.Integer({ minimum: 1, description: 'The version the change is based on; a stale one is a 409' });
const Code = Type.String({
  minLength: 1,
  maxLength: 40,
  pattern: '^[A-Za-z0-9][A-Za-z0-9_.:/-]*$',
  description: 'The register code (编码): letters, digits and _ . : / -',
});
const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });
const Phone = Type.Union([Type.String({ maxLength: 40, pattern: '^[0-9+()\\- ]*$' }), Type.Null()], {
  description: 'Phone number (digits, + ( ) - and spaces), or null',
});
const OptionalText = (maxLength: number) => Type.Union([Type.String({ maxLength }), Type.Null()]);
const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Ref = Nullable(Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() }));

/** Every body is closed: a misspelt field is a 400, not silently ignored. */
const body = <P extends Record<string, TSchema>>(props: P, description: string) =>
  Type.Object(props, { additionalProperties: false, description });

/** `GET /api/{register}?q=&limit=&offset=`. */
export const ListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Text searched in code and names (any part)' })),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
    offset: Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 }),
  },
  { additionalProperties: false },
);
export type ListQueryT = Static<typeof ListQuery>;

/** `DELETE /api/{register}/{id}?version=`. */
export const DeleteQuery = Type.Object({ version: Version }, { additionalProperties: false });

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer({ description: 'Records matching q, all pages' }) });

export const Deleted = Type.Object({ deleted: Type.Integer() });

// ---------------------------------------------------------------------------------------------
// Grid workers and patrol teams (patrol_units)

export const UNIT_STATUSES = ['on_patrol', 'responding', 'off_duty'] as const satisfies readonly UnitStatusT[];
export const UnitStatus = lit(UNIT_STATUSES);

const unitFields = {
  code: Code,
  name: Name,
  phone: Phone,
  status: UnitStatus,
  street_office_id: Nullable(Id),
};
const workerFields = {
  ...unitFields,
  grid_id: Type.Union([Id, Type.Null()], {
    description: 'The grid this worker serves (one grid, one worker); null = none',
  }),
};

export const UnitSchema = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]),
  status: UnitStatus,
  street_office_id: Type.Union([Type.Integer(), Type.Null()]),
  street_office: Ref,
  version: Type.Integer(),
  updated_at: Type.String(),
});
export type Unit = Static<typeof UnitSchema>;

export const WorkerSchema = Type.Object({
  ...UnitSchema.properties,
  grid_id: Type.Union([Type.Integer(), Type.Null()]),
  grid: Ref,
});
export type Worker = Static<typeof WorkerSchema>;

export const NewUnitBody = body(
  {
    code: Code,
    name: Name,
    phone: Type.Optional(Phone),
    status: Type.Optional(UnitStatus),
    street_office_id: Type.Optional(Nullable(Id)),
  },
  'A new patrol team (status defaults to on_patrol)',
);
export const UnitPatchBody = body(
  { version: Version, ...mapOptional(unitFields) },
  'Fields to change (others keep their value) and the version they were based on',
);
export const NewWorkerBody = body(
  { ...NewUnitBody.properties, grid_id: Type.Optional(workerFields.grid_id) },
  'A new grid worker; with grid_id it becomes that grid’s worker (the grid must have none)',
);
export const WorkerPatchBody = body(
  { version: Version, ...mapOptional(workerFields) },
  'Fields to change; grid_id moves the worker to another grid (null: serves none)',
);
export type UnitInput = Static<typeof NewUnitBody>;
export type WorkerInput = Static<typeof NewWorkerBody>;

// ---------------------------------------------------------------------------------------------
// Key places

export const KeyPlaceKind = lit(KEY_PLACE_KINDS);
const Lon = Type.Number({ minimum: -180, maximum: 180, description: 'Longitude, WGS 84' });
const Lat = Type.Number({ minimum: -90, maximum: 90, description: 'Latitude, WGS 84' });

const placeFields = {
  code: Code,
  kind: KeyPlaceKind,
  name: Name,
  name_zh: Name,
  address: OptionalText(300),
  lon: Lon,
  lat: Lat,
};
export const KeyPlaceSchema = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  kind: KeyPlaceKind,
  name: Type.String(),
  name_zh: Type.String(),
  address: Type.Union([Type.String(), Type.Null()]),
  lon: Type.Number(),
  lat: Type.Number(),
  grid_id: Type.Union([Type.Integer(), Type.Null()], { description: 'The grid the point lies in (computed)' }),
  grid: Ref,
  version: Type.Integer(),
  updated_at: Type.String(),
});
export type KeyPlace = Static<typeof KeyPlaceSchema>;
export const NewKeyPlaceBody = body(
  { ...placeFields, address: Type.Optional(placeFields.address) },
  'A new key place; its grid is found from the point',
);
export const KeyPlacePatchBody = body(
  { version: Version, ...mapOptional(placeFields) },
  'Fields to change; moving the point finds its grid again',
);
export type KeyPlaceInput = Static<typeof NewKeyPlaceBody>;

// ---------------------------------------------------------------------------------------------
// Departments and incident categories

const departmentFields = { code: Code, name: Name, name_zh: Name, phone: Phone };
export const DepartmentSchema = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  name_zh: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
  updated_at: Type.String(),
});
export type Department = Static<typeof DepartmentSchema>;
export const NewDepartmentBody = body(
  { ...departmentFields, phone: Type.Optional(Phone) },
  'A department incidents are handed to',
);
export const DepartmentPatchBody = body({ version: Version, ...mapOptional(departmentFields) }, 'Fields to change');
export type DepartmentInput = Static<typeof NewDepartmentBody>;

export const CATEGORY_CODE_PATTERN = '^[a-z0-9_]{1,40}$';
const categoryFields = {
  code: Type.String({ pattern: CATEGORY_CODE_PATTERN, description: 'Lower-case letters, digits and _' }),
  name: Name,
  name_zh: Name,
  department_id: Nullable(Id),
};
export const CategorySchema = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  name_zh: Type.String(),
  department_id: Type.Union([Type.Integer(), Type.Null()]),
  department: Ref,
  version: Type.Integer(),
  updated_at: Type.String(),
});
export type Category = Static<typeof CategorySchema>;
export const NewCategoryBody = body(
  { ...categoryFields, department_id: Type.Optional(categoryFields.department_id) },
  'A new incident category (renaming a code carries its incidents along)',
);
export const CategoryPatchBody = body({ version: Version, ...mapOptional(categoryFields) }, 'Fields to change');
export type CategoryInput = Static<typeof NewCategoryBody>;

// ---------------------------------------------------------------------------------------------
// Users

export const RoleSchema = lit(ROLES);
const Password = Type.String({
  minLength: 10,
  maxLength: 200,
  description: 'At least 10 characters, not containing the user name, not a common password, hard to guess',
});
export const UserSchema = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  role: RoleSchema,
  unit_id: Type.Union([Type.Integer(), Type.Null()], { description: 'the patrol unit a worker account acts for' }),
  disabled: Type.Boolean(),
  created_at: Type.String(),
  version: Type.Integer(),
  updated_at: Type.String(),
});
export type User = Static<typeof UserSchema>;
const UnitLink = Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
  description: 'role worker: the patrol unit (one account per unit); other roles: none',
});
export const NewUserBody = body(
  {
    username: Type.String({ minLength: 1, maxLength: 64, pattern: '^[\\w.@-]{1,64}$' }),
    role: RoleSchema,
    password: Password,
    unit_id: Type.Optional(UnitLink),
    disabled: Type.Optional(Type.Boolean()),
  },
  'A new user; the password is stored only as a scrypt hash; a worker names their unit',
);
export const UserPatchBody = body(
  {
    version: Version,
    role: Type.Optional(RoleSchema),
    unit_id: Type.Optional(UnitLink),
    disabled: Type.Optional(Type.Boolean()),
  },
  "Change the role, a worker's unit, or disable/enable; the last enabled admin can be neither demoted nor disabled",
);
export const PasswordBody = body({ password: Password, version: Version }, 'A new password');
export type UserInput = Static<typeof NewUserBody>;

/** The same properties, each optional (a PUT changes only what it names). */
function mapOptional<P extends Record<string, TSchema>>(props: P) {
  return Type.Partial(Type.Object(props)).properties;
}
