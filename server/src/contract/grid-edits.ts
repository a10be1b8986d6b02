/**
 * TypeBox schemas of the grid editor's API (split, merge, move, reassign, history, restore, partition,
 * import), and the types of its responses, which the client imports.
 */
import { Type, type Static } from 'typebox';
import { Id } from './common.ts';

const Versions = Type.Record(Type.String({ pattern: '^[0-9]+$' }), Id(), {
  description: 'Grid id → the version the edit was based on; a grid at another version makes the edit a 409',
});

/** Fields every edit takes. */
const EditCommon = {
  reason: Type.Optional(Type.String({ maxLength: 500, description: 'Why (kept in the history)' })),
  preview: Type.Optional(
    Type.Boolean({ description: 'Run every step and check, then roll back: what a save would do' }),
  ),
};

export const SplitBody = Type.Object(
  {
    line: Type.Unknown({
      description: 'GeoJSON LineString across the grid; snapped to streets and grid edges within 15 m',
    }),
    version: Id(),
    ...EditCommon,
  },
  { additionalProperties: false },
);

export const MergeBody = Type.Object(
  {
    ids: Type.Array(Type.Integer({ minimum: 1, maximum: 2147483647 }), {
      minItems: 2,
      maxItems: 50,
      description: 'The first one keeps its id',
    }),
    versions: Type.Array(Id(), { minItems: 2, maxItems: 50 }),
    ...EditCommon,
  },
  { additionalProperties: false },
);

export const MoveBody = Type.Object(
  {
    geometry: Type.Unknown({ description: "The grid's new boundary, GeoJSON Polygon or MultiPolygon" }),
    version: Id(),
    neighbours: Type.Optional(Versions),
    ...EditCommon,
  },
  { additionalProperties: false },
);

export const ReassignBody = Type.Object(
  {
    blocks: Type.Array(Type.Integer({ minimum: 1, maximum: 2147483647 }), { minItems: 1, maxItems: 5000 }),
    version: Type.Optional(Id({ description: "The target grid's version" })),
    versions: Type.Optional(Versions),
    ...EditCommon,
  },
  { additionalProperties: false },
);

export const RestoreBody = Type.Object(
  {
    version: Id({ description: 'A version id from the history' }),
    side: Type.Optional(Type.Union([Type.Literal('after'), Type.Literal('before')], { default: 'after' })),
    based_on: Type.Optional(Type.Union([Id(), Type.Null()], { description: 'Newest version the client knew' })),
    ...EditCommon,
  },
  { additionalProperties: false },
);

export const PartitionBody = Type.Object(
  {
    target: Type.Optional(
      Type.Integer({ minimum: 10, maximum: 5000, description: 'Households per grid (default: the standard)' }),
    ),
    based_on: Type.Optional(Type.Union([Id(), Type.Null()])),
    ...EditCommon,
  },
  { additionalProperties: false },
);

export const GridSnapshotSchema = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  type: Type.String(),
  worker_id: Type.Union([Type.Integer(), Type.Null()]),
  allow_multipart: Type.Boolean(),
  version: Type.Integer(),
  households: Type.Integer(),
  population: Type.Integer(),
  geom: Type.Any(),
});
export type GridSnapshot = Static<typeof GridSnapshotSchema>;

export const EditOp = Type.Union([
  Type.Literal('split'),
  Type.Literal('merge'),
  Type.Literal('move'),
  Type.Literal('reassign'),
  Type.Literal('restore'),
  Type.Literal('partition'),
  Type.Literal('import'),
]);
export type EditOp = Static<typeof EditOp>;

export const EditResultSchema = Type.Object({
  op: EditOp,
  preview: Type.Boolean(),
  community_id: Type.Integer(),
  version: Type.Union([Type.Integer(), Type.Null()], { description: 'The history row written (null for a preview)' }),
  changed: Type.Array(Type.Integer()),
  created: Type.Array(Type.Integer()),
  removed: Type.Array(Type.Integer()),
  before: Type.Array(GridSnapshotSchema),
  after: Type.Array(GridSnapshotSchema),
  snapped: Type.Optional(Type.Any({ description: 'The split line as snapped to streets and edges' })),
});
export type EditResultT = Static<typeof EditResultSchema>;
/** What an edit did (or, previewed, would do). */
export type EditResult = EditResultT;

/** A grid's figures as a version recorded them. */
const GridCount = Type.Object({
  id: Type.String(),
  code: Type.String(),
  households: Type.Number(),
  population: Type.Number(),
});

export const HistoryEntrySchema = Type.Object({
  id: Type.Integer(),
  op: Type.String(),
  actor: Type.String(),
  at: Type.String(),
  reason: Type.String(),
  grid_ids: Type.Array(Type.Integer()),
  restored_from: Type.Union([Type.Integer(), Type.Null()]),
  before_counts: Type.Array(GridCount),
  after_counts: Type.Array(GridCount),
});
export type HistoryEntry = Static<typeof HistoryEntrySchema>;

export const HistoryResponse = Type.Object({ community_id: Type.Integer(), versions: Type.Array(HistoryEntrySchema) });
export type HistoryResponse = Static<typeof HistoryResponse>;

export const VersionStateResponse = Type.Object({
  community_id: Type.Integer(),
  version: Type.Integer(),
  side: Type.String(),
  grids: Type.Array(GridSnapshotSchema),
});
export type VersionStateResponse = Static<typeof VersionStateResponse>;

export const ImportResultSchema = Type.Object({
  inserted: Type.Integer(),
  rejected: Type.Array(Type.Object({ index: Type.Integer(), reason: Type.String() })),
  ids: Type.Array(Type.Integer()),
});
export type ImportResult = Static<typeof ImportResultSchema>;

// ---- The editor's GeoJSON reads (sent as the database builds them, so typed here, not validated) ----

/** RFC 7946 polygons as these collections carry them. */
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: number[][][];
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: number[][][][];
}

/** `exempt`: a unit grid (an organisation's own premises), not sized by households. */
export type GridBalance = 'under' | 'ok' | 'over' | 'exempt';

/** A grid's figures in `GET /api/communities/{id}/grids`. */
export interface GridBalanceProps {
  id: number;
  code: string;
  name: string;
  type: string;
  version: number;
  updated_by: string;
  updated_at: string;
  households: number;
  population: number;
  worker_id: number | null;
  worker_name: string | null;
  buildings: number;
  key_places: number;
  cameras: number;
  open_incidents: number;
  blocks: number;
  area_m2: number;
  /** Households against the target, relative; null for unit grids, which the standard does not apply to. */
  deviation: number | null;
  balance: GridBalance;
  parts: number;
  contiguous: boolean;
  allow_multipart: boolean;
  /** Polsby–Popper, 1 = round. */
  compactness: number;
}

export interface GridBalanceFeature {
  type: 'Feature';
  id: number;
  geometry: PolygonGeometry | MultiPolygonGeometry;
  properties: GridBalanceProps;
}

/** `GET /api/communities/{id}/grids`: the grids with their balance against `target` ± `band`. */
export interface CommunityGrids {
  type: 'FeatureCollection';
  features: GridBalanceFeature[];
  community: {
    id: number;
    code: string;
    name: string;
    name_zh: string;
    kind: 'urban' | 'rural';
    bbox: [number, number, number, number];
    geometry: MultiPolygonGeometry;
    latest_version: number | null;
  };
  target: number;
  band: number;
}

export interface BlockFeature {
  type: 'Feature';
  id: number;
  geometry: PolygonGeometry;
  properties: { id: number; grid_id: number | null; households: number };
}

/** `GET /api/communities/{id}/blocks`: the street blocks (the brush's units) and the grid each is in. */
export interface CommunityBlocks {
  type: 'FeatureCollection';
  features: BlockFeature[];
}
