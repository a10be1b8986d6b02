/**
 * Imports and exports of a real city's layers: the layer names, the report every import returns
 * (CLI `--json`, `POST /api/import/{layer}`, the Data page), and the import history.
 */
import { Type, type Static } from 'typebox';

/** The layers a city brings, in the order a city is built (parents before children). */
export const IMPORT_LAYERS = [
  'districts',
  'street-offices',
  'communities',
  'grids',
  'buildings',
  'key-places',
  'cameras',
  'departments',
  'categories',
  'workers',
  'units',
  'basemap',
] as const;
export type ImportLayer = (typeof IMPORT_LAYERS)[number];

export const AREA_LAYERS = ['districts', 'street-offices', 'communities', 'grids'] as const;
export type AreaLayer = (typeof AREA_LAYERS)[number];

/** What `GET /api/export/{layer}` serves (the basemap is exported as the city's own OSM file, not here). */
export const EXPORT_LAYERS = IMPORT_LAYERS.filter((l) => l !== 'basemap');
export const EXPORT_FORMATS = ['geojson', 'xlsx', 'gpkg'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * Each layer's columns as exports write them and imports read them (imports also accept the
 * Chinese headers and other aliases of domain/import-columns.ts). Point layers add lon/lat
 * (XLSX, CSV) or a Point geometry; area layers and buildings a polygon (WKT column `wkt` in XLSX).
 * Registers without a place (departments, categories, workers, units) have no geometry.
 */
export const LAYER_COLUMNS = {
  districts: ['code', 'name', 'name_zh'],
  'street-offices': ['code', 'name', 'name_zh', 'district_code'],
  communities: ['code', 'name', 'name_zh', 'kind', 'street_office_code'],
  grids: ['code', 'name', 'type', 'households', 'population', 'community_code', 'worker_code', 'allow_multipart'],
  buildings: ['code', 'name', 'address', 'use', 'floors', 'height_m', 'households', 'population'],
  'key-places': ['code', 'name', 'name_zh', 'kind', 'address'],
  cameras: ['code', 'name', 'kind', 'status', 'height_m', 'bearing_deg', 'fov_deg', 'range_m', 'installed_at'],
  departments: ['code', 'name', 'name_zh', 'phone'],
  categories: ['code', 'name', 'name_zh', 'department_code'],
  workers: ['code', 'name', 'phone', 'status', 'grid_code', 'street_office_code'],
  units: ['code', 'name', 'phone', 'status', 'street_office_code'],
} as const satisfies Record<Exclude<ImportLayer, 'basemap'>, readonly string[]>;

export const LAYER_GEOMETRY = {
  districts: 'area',
  'street-offices': 'area',
  communities: 'area',
  grids: 'area',
  buildings: 'area',
  'key-places': 'point',
  cameras: 'point',
  departments: 'none',
  categories: 'none',
  workers: 'none',
  units: 'none',
} as const satisfies Record<Exclude<ImportLayer, 'basemap'>, 'area' | 'point' | 'none'>;

export const ImportLayerSchema = Type.Union(IMPORT_LAYERS.map((l) => Type.Literal(l)));

/** `index`: 0-based position of the row in the file (feature, record, spreadsheet row below the header). */
const rowNote = {
  index: Type.Integer(),
  code: Type.Union([Type.String(), Type.Null()]),
};

export const RepairSchema = Type.Object({ ...rowNote, what: Type.String() });
export const RejectSchema = Type.Object({ ...rowNote, reason: Type.String() });

/** A place on the map a refusal points at (an overlap, a gap, a row outside its parent), as GeoJSON. */
export const ProblemPlaceSchema = Type.Object({
  code: Type.Union([Type.String(), Type.Null()]),
  problem: Type.String(),
  geometry: Type.Unknown(),
});

export const ImportReportSchema = Type.Object({
  /** The import's id in the history (null for a refused file that never started). */
  id: Type.Union([Type.Integer(), Type.Null()]),
  layer: Type.String(),
  file: Type.String(),
  dryRun: Type.Boolean(),
  /** The coordinate system the rows were read in, e.g. "EPSG:4490", "gcj02". */
  crs: Type.String(),
  encoding: Type.Union([Type.String(), Type.Null()]),
  read: Type.Integer(),
  inserted: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  repaired: Type.Array(RepairSchema),
  rejected: Type.Array(RejectSchema),
  warnings: Type.Array(Type.String()),
  /** Where the invariants of the map break; non-empty only when the import was refused for it. */
  problems: Type.Array(ProblemPlaceSchema),
  /** What changed, by code: the first few of each kind (the counts above are complete). */
  changed: Type.Object({
    inserted: Type.Array(Type.String()),
    updated: Type.Array(Type.String()),
  }),
  seconds: Type.Number(),
  /**
   * With `preview` asked for (the Data page's dry run): the rows as they would land, at most
   * 5,000, each with properties {index, code, name, outcome: inserted|updated|unchanged|repaired|rejected}.
   */
  preview: Type.Optional(Type.Unknown()),
});
export type ImportReport = Static<typeof ImportReportSchema>;
export type Repair = Static<typeof RepairSchema>;
export type Reject = Static<typeof RejectSchema>;
export type ProblemPlace = Static<typeof ProblemPlaceSchema>;

export const ImportHistoryEntrySchema = Type.Object({
  id: Type.Integer(),
  layer: Type.String(),
  file: Type.String(),
  actor: Type.String(),
  dryRun: Type.Boolean(),
  startedAt: Type.String(),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
  read: Type.Integer(),
  inserted: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  repaired: Type.Integer(),
  rejected: Type.Integer(),
  undoneAt: Type.Union([Type.String(), Type.Null()]),
  undoneBy: Type.Union([Type.String(), Type.Null()]),
  /** Whether undo is possible now: the latest import of its layer that changed something. */
  canUndo: Type.Boolean(),
});
export type ImportHistoryEntry = Static<typeof ImportHistoryEntrySchema>;

/** Progress pushed to the uploader's socket as `import:progress`. */
export interface ImportProgress {
  /** The upload's own token, chosen by the client and sent with the file. */
  upload: string;
  stage: 'reading' | 'checking' | 'merging' | 'done';
  rows: number;
  rowsPerSecond: number;
}
