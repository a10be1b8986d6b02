/**
 * Where each layer lands: its table, how a row is known (its code), and each column as an SQL
 * expression over the import's working row `i` (values `i.v`, geometry `i.g`, parent `i.parent_id`).
 * The expressions are constants of this file, never text from the file being imported.
 */
import type { RowLayer } from './import-rows.ts';

export interface LayerTable {
  table: string;
  /** Which rows of the table this layer owns (workers and units share patrol_units). */
  scope?: string;
  cols: Record<string, string>;
  /** Columns a re-import must not count as a change (derived ones). */
  derived?: string[];
  versioned: boolean;
  /** Area layers: the table of the parent (for containment) and the code field that names it. */
  parent?: { table: string; field: string; column: string; label: string };
}

const v = (f: string, cast = '') => `(i.v->>'${f}')${cast}`;
const gridAt = (point: string) => `(SELECT gr.id FROM grids gr WHERE ST_Intersects(gr.geom, ${point}) LIMIT 1)`;
const byCode = (table: string, f: string) => `(SELECT x.id FROM ${table} x WHERE x.code = i.v->>'${f}')`;

export const LAYER_TABLES: Record<RowLayer, LayerTable> = {
  districts: {
    table: 'districts',
    cols: { name: v('name'), name_zh: v('name_zh'), geom: 'ST_Multi(i.g)' },
    versioned: false,
  },
  'street-offices': {
    table: 'street_offices',
    cols: { district_id: 'i.parent_id', name: v('name'), name_zh: v('name_zh'), geom: 'ST_Multi(i.g)' },
    versioned: false,
    parent: { table: 'districts', field: 'district_code', column: 'district_id', label: 'district' },
  },
  communities: {
    table: 'communities',
    cols: {
      street_office_id: 'i.parent_id',
      name: v('name'),
      name_zh: v('name_zh'),
      kind: v('kind'),
      geom: 'ST_Multi(i.g)',
    },
    versioned: false,
    parent: {
      table: 'street_offices',
      field: 'street_office_code',
      column: 'street_office_id',
      label: 'street office',
    },
  },
  grids: {
    table: 'grids',
    cols: {
      community_id: 'i.parent_id',
      name: v('name'),
      type: `coalesce(${v('type')}, (SELECT c.kind FROM communities c WHERE c.id = i.parent_id))`,
      households: v('households', '::int'),
      population: v('population', '::int'),
      allow_multipart: `(${v('allow_multipart', '::boolean')} OR ST_NumGeometries(i.g) > 1)`,
      geom: 'ST_Multi(i.g)',
    },
    versioned: true,
    parent: { table: 'communities', field: 'community_code', column: 'community_id', label: 'community' },
  },
  buildings: {
    table: 'buildings',
    cols: {
      name: v('name'),
      address: v('address'),
      use: v('use'),
      floors: v('floors', '::smallint'),
      height_m: v('height_m', '::real'),
      households: v('households', '::int'),
      population: v('population', '::int'),
      geom: 'i.g',
      grid_id: gridAt('ST_PointOnSurface(i.g)'),
    },
    derived: ['grid_id'],
    versioned: false,
  },
  'key-places': {
    table: 'key_places',
    cols: {
      kind: v('kind'),
      name: v('name'),
      name_zh: v('name_zh'),
      address: v('address'),
      geom: 'i.g',
      grid_id: gridAt('i.g'),
    },
    derived: ['grid_id'],
    versioned: true,
  },
  cameras: {
    table: 'cameras',
    cols: {
      name: v('name'),
      kind: v('kind'),
      status: v('status'),
      height_m: v('height_m', '::real'),
      bearing_deg: v('bearing_deg', '::real'),
      fov_deg: v('fov_deg', '::real'),
      range_m: v('range_m', '::real'),
      installed_at: v('installed_at', '::date'),
      geom: 'i.g',
      grid_id: gridAt('i.g'),
    },
    derived: ['grid_id'],
    versioned: false,
  },
  departments: {
    table: 'departments',
    cols: { name: v('name'), name_zh: v('name_zh'), phone: v('phone') },
    versioned: true,
  },
  categories: {
    table: 'categories',
    cols: {
      name: v('name'),
      name_zh: v('name_zh'),
      department_id: byCode('departments', 'department_code'),
    },
    versioned: true,
  },
  workers: {
    table: 'patrol_units',
    scope: `kind = 'grid_worker'`,
    cols: {
      kind: `'grid_worker'`,
      name: v('name'),
      phone: v('phone'),
      status: v('status'),
      street_office_id: byCode('street_offices', 'street_office_code'),
    },
    versioned: true,
  },
  units: {
    table: 'patrol_units',
    scope: `kind = 'patrol_team'`,
    cols: {
      kind: `'patrol_team'`,
      name: v('name'),
      phone: v('phone'),
      status: v('status'),
      street_office_id: byCode('street_offices', 'street_office_code'),
    },
    versioned: true,
  },
};

/** References a row names by code that must exist: [field, table, what to say]. */
export const CODE_REFERENCES: Partial<Record<RowLayer, [string, string, string][]>> = {
  categories: [['department_code', 'departments', 'department']],
  workers: [
    ['street_office_code', 'street_offices', 'street office'],
    ['grid_code', 'grids', 'grid'],
  ],
  units: [['street_office_code', 'street_offices', 'street office']],
};
