/** TypeBox schemas of the grid editor's API (split, merge, move, reassign, history, restore, partition, import). */
import { Type, type Static } from 'typebox';

const Versions = Type.Record(Type.String({ pattern: '^[0-9]+$' }), Type.Integer({ minimum: 1 }), {
  description: 'Grid id → the version the edit was based on; a grid at another version makes the edit a 409',
});

/** Fields every edit takes. */
const EditCommon = {
  reason: Type.Optional(Type.String({ maxLength: 500, description: 'Why (kept in the history)' })),
  preview: Type.Optional(Type.Boolean({ description: 'Run every step and check, then roll back: what a save would do' })),
};

export const SplitBody = Type.Object({
  line: Type.Unknown({ description: 'GeoJSON LineString across the grid; snapped to streets and grid edges within 15 m' }),
  version: Type.Integer({ minimum: 1 }),
  ...EditCommon,
}, { additionalProperties: false });

export const MergeBody = Type.Object({
  ids: Type.Array(Type.Integer({ minimum: 1, maximum: 2147483647 }), { minItems: 2, maxItems: 50, description: 'The first one keeps its id' }),
  versions: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 2, maxItems: 50 }),
  ...EditCommon,
}, { additionalProperties: false });

export const MoveBody = Type.Object({
  geometry: Type.Unknown({ description: 'The grid\'s new boundary, GeoJSON Polygon or MultiPolygon' }),
  version: Type.Integer({ minimum: 1 }),
  neighbours: Type.Optional(Versions),
  ...EditCommon,
}, { additionalProperties: false });

export const ReassignBody = Type.Object({
  blocks: Type.Array(Type.Integer({ minimum: 1, maximum: 2147483647 }), { minItems: 1, maxItems: 5000 }),
  version: Type.Optional(Type.Integer({ minimum: 1, description: 'The target grid\'s version' })),
  versions: Type.Optional(Versions),
  ...EditCommon,
}, { additionalProperties: false });

export const RestoreBody = Type.Object({
  version: Type.Integer({ minimum: 1, description: 'A version id from the history' }),
  side: Type.Optional(Type.Union([Type.Literal('after'), Type.Literal('before')], { default: 'after' })),
  based_on: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { description: 'Newest version the client knew' })),
  ...EditCommon,
}, { additionalProperties: false });

export const PartitionBody = Type.Object({
  target: Type.Optional(Type.Integer({ minimum: 10, maximum: 5000, description: 'Households per grid (default: the standard)' })),
  based_on: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
  ...EditCommon,
}, { additionalProperties: false });

export const GridSnapshotSchema = Type.Object({
  id: Type.Integer(), code: Type.String(), name: Type.String(), type: Type.String(),
  worker_id: Type.Union([Type.Integer(), Type.Null()]), allow_multipart: Type.Boolean(), version: Type.Integer(),
  households: Type.Integer(), population: Type.Integer(), geom: Type.Any(),
});

export const EditResultSchema = Type.Object({
  op: Type.String(),
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

export const HistoryEntrySchema = Type.Object({
  id: Type.Integer(), op: Type.String(), actor: Type.String(), at: Type.String(), reason: Type.String(),
  grid_ids: Type.Array(Type.Integer()), restored_from: Type.Union([Type.Integer(), Type.Null()]),
  before_counts: Type.Array(Type.Any()), after_counts: Type.Array(Type.Any()),
});

export const ImportResultSchema = Type.Object({
  inserted: Type.Integer(),
  rejected: Type.Array(Type.Object({ index: Type.Integer(), reason: Type.String() })),
  ids: Type.Array(Type.Integer()),
});
