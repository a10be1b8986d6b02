/**
 * Camera coverage: the measures per grid, community and city, ranked grids, gaps and their
 * explanations, placement suggestions and what-if plans. The client imports the types from here.
 */
import { Type, type Static } from 'typebox';
import type { FeatureCollection } from './common.ts';
import { CameraKind, CameraPatchBody, CameraStatus, Fov, Height, NewCameraBody, Range } from './cameras.ts';
import { Id } from './common.ts';

const Share = Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], {
  description: 'covered / total; null when there is nothing to cover',
});

export const MeasuresSchema = Type.Object(
  {
    area_m2: Type.Number(),
    covered_m2: Type.Number(),
    area_share: Share,
    road_m: Type.Number(),
    road_covered_m: Type.Number(),
    road_share: Share,
    main_road_m: Type.Number(),
    main_road_covered_m: Type.Number(),
    main_road_share: Share,
    keyplaces: Type.Integer(),
    keyplaces_covered: Type.Integer(),
    keyplace_share: Share,
    intersections: Type.Integer(),
    intersections_covered: Type.Integer(),
    intersection_share: Share,
    uncovered_intersections: Type.Integer(),
    main_intersections: Type.Integer(),
    main_intersections_covered: Type.Integer(),
    main_intersection_share: Share,
    uncovered_main_intersections: Type.Integer(),
    cameras: Type.Integer(),
    cameras_working: Type.Integer(),
    score: Share,
    meets_targets: Type.Object({
      keyplaces: Type.Union([Type.Boolean(), Type.Null()]),
      main_intersections: Type.Union([Type.Boolean(), Type.Null()]),
    }),
  },
  { additionalProperties: true },
);
export type MeasuresT = Static<typeof MeasuresSchema>;

export const ScopeSchema = Type.Object({
  kind: Type.Union([Type.Literal('city'), Type.Literal('community'), Type.Literal('grid')]),
  id: Type.Union([Type.Integer(), Type.Null()]),
  code: Type.Union([Type.String(), Type.Null()]),
  name: Type.Union([Type.String(), Type.Null()]),
  name_zh: Type.Union([Type.String(), Type.Null()]),
  bbox: Type.Union([Type.Array(Type.Number()), Type.Null()]),
});
export type ScopeInfo = Static<typeof ScopeSchema>;

export const RankedGridSchema = Type.Object({
  grid_id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  community_id: Type.Integer(),
  lon: Type.Number(),
  lat: Type.Number(),
  measures: MeasuresSchema,
});
export type RankedGrid = Static<typeof RankedGridSchema>;

export const UncoveredStretchSchema = Type.Object({
  class: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  name_zh: Type.Union([Type.String(), Type.Null()]),
  length_m: Type.Number(),
  lon: Type.Number(),
  lat: Type.Number(),
  bbox: Type.Array(Type.Number()),
  geometry: Type.Any({ description: 'GeoJSON LineString' }),
});
export type UncoveredStretch = Static<typeof UncoveredStretchSchema>;

export const KindCountSchema = Type.Record(
  Type.String(),
  Type.Object({ total: Type.Integer(), covered: Type.Integer() }),
);

export const CoverageReport = Type.Object({
  scope: ScopeSchema,
  measures: MeasuresSchema,
  keyplaces_by_kind: KindCountSchema,
  worst_grids: Type.Array(RankedGridSchema),
  worst_roads: Type.Array(UncoveredStretchSchema),
  targets: Type.Object({ keyplace_share: Type.Number(), main_intersection_share: Type.Number() }),
  computed_at: Type.Union([Type.String(), Type.Null()]),
});
export type CoverageReportT = Static<typeof CoverageReport>;

const Shares = Type.Array(Type.Union([Type.Number(), Type.Null()]));

/** `GET /api/coverage/grid-shares`: every grid's shares, column by column (compact: for colouring the map). */
export const GridSharesSchema = Type.Object({
  ids: Type.Array(Type.Integer()),
  area: Shares,
  road: Shares,
  keyplace: Shares,
  intersection: Shares,
});
export type GridShares = Static<typeof GridSharesSchema>;

/** `GET /api/coverage/gaps` and `/api/coverage/views`: GeoJSON, `truncated` when `limit` cut it short. */
export type GapCollection = Static<typeof FeatureCollection>;

export const MissReason = Type.Union([
  Type.Literal('covers'),
  Type.Literal('faulty'),
  Type.Literal('offline'),
  Type.Literal('out_of_range'),
  Type.Literal('facing_away'),
  Type.Literal('blocked_by_building'),
]);

export const ExplainSchema = Type.Object({
  lon: Type.Number(),
  lat: Type.Number(),
  covered: Type.Boolean({ description: 'Some working camera sees this point' }),
  cameras: Type.Array(
    Type.Object({
      id: Type.Integer(),
      code: Type.String(),
      kind: CameraKind,
      status: CameraStatus,
      lon: Type.Number(),
      lat: Type.Number(),
      bearing_deg: Type.Number(),
      fov_deg: Type.Number(),
      range_m: Type.Number(),
      height_m: Type.Number(),
      distance_m: Type.Number(),
      toward_deg: Type.Number({ description: 'Bearing from the camera to the point' }),
      off_axis_deg: Type.Number({ description: 'How far the point lies off where the camera faces (0 for ptz)' }),
      reason: MissReason,
      reasons: Type.Array(MissReason),
      explanation: Type.String(),
      blocked_by: Type.Union([
        Type.Object({
          building_id: Type.Integer(),
          floors: Type.Integer(),
          use: Type.String(),
          distance_m: Type.Number(),
        }),
        Type.Null(),
      ]),
    }),
  ),
});
export type ExplainT = Static<typeof ExplainSchema>;

/** An area for suggestions and plans: one of grid, community, bbox. */
export const AreaSchema = Type.Object(
  {
    grid: Type.Optional(Id()),
    community: Type.Optional(Id()),
    bbox: Type.Optional(
      Type.Array(Type.Number(), { minItems: 4, maxItems: 4, description: '[minLon, minLat, maxLon, maxLat]' }),
    ),
  },
  { additionalProperties: false },
);

export const SuggestBody = Type.Object(
  {
    area: AreaSchema,
    count: Type.Integer({ minimum: 1, maximum: 50, description: 'How many cameras to place' }),
    camera: Type.Optional(
      Type.Object(
        {
          kind: Type.Optional(CameraKind),
          fov_deg: Type.Optional(Fov),
          range_m: Type.Optional(Range),
          height_m: Type.Optional(Height),
        },
        { additionalProperties: false, description: 'The camera to place (default: ptz, 80 m range, 8 m high)' },
      ),
    ),
    spacing_m: Type.Optional(
      Type.Number({ minimum: 10, maximum: 500, description: 'Candidate spacing along roads (default 40 m)' }),
    ),
    weights: Type.Optional(
      Type.Object(
        {
          keyplace: Type.Optional(Type.Number({ minimum: 0, maximum: 1e6 })),
          main_intersection: Type.Optional(Type.Number({ minimum: 0, maximum: 1e6 })),
          intersection: Type.Optional(Type.Number({ minimum: 0, maximum: 1e6 })),
          main_road_m: Type.Optional(Type.Number({ minimum: 0, maximum: 1e6 })),
          road_m: Type.Optional(Type.Number({ minimum: 0, maximum: 1e6 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type SuggestBodyT = Static<typeof SuggestBody>;

const Gain = Type.Object({
  score: Type.Number(),
  keyplaces: Type.Integer(),
  main_intersections: Type.Integer(),
  intersections: Type.Integer(),
  main_road_m: Type.Number(),
  road_m: Type.Number(),
});

export const SuggestionSchema = Type.Object({
  rank: Type.Integer(),
  lon: Type.Number(),
  lat: Type.Number(),
  kind: CameraKind,
  bearing_deg: Type.Number(),
  fov_deg: Type.Number(),
  range_m: Type.Number(),
  height_m: Type.Number(),
  site: Type.Union([Type.Literal('intersection'), Type.Literal('road')]),
  gain: Gain,
  total: Gain,
});
export type Suggestion = Static<typeof SuggestionSchema>;

export const SuggestResponse = Type.Object({
  suggestions: Type.Array(SuggestionSchema),
  candidates: Type.Integer(),
  targets: Type.Object({
    keyplaces: Type.Integer(),
    main_intersections: Type.Integer(),
    intersections: Type.Integer(),
    road_m: Type.Number(),
  }),
  seconds: Type.Number(),
});
export type SuggestResponseT = Static<typeof SuggestResponse>;

export const PlanChange = Type.Union([
  Type.Object({ op: Type.Literal('add'), camera: NewCameraBody }, { additionalProperties: false }),
  Type.Object(
    { op: Type.Literal('update'), id: Id(), camera: Type.Omit(CameraPatchBody, ['version']) },
    { additionalProperties: false },
  ),
  Type.Object({ op: Type.Literal('remove'), id: Id() }, { additionalProperties: false }),
]);
export type PlanChangeT = Static<typeof PlanChange>;

export const WhatIfBody = Type.Object(
  {
    changes: Type.Array(PlanChange, { minItems: 1, maxItems: 200 }),
    area: Type.Optional(AreaSchema),
  },
  { additionalProperties: false },
);
export type WhatIfBodyT = Static<typeof WhatIfBody>;

const BeforeAfter = Type.Object({
  before: MeasuresSchema,
  after: MeasuresSchema,
  delta: Type.Record(Type.String(), Type.Union([Type.Number(), Type.Null()])),
});

export const WhatIfResponse = Type.Object({
  city: BeforeAfter,
  area: Type.Union([Type.Intersect([BeforeAfter, Type.Object({ scope: ScopeSchema })]), Type.Null()]),
  grids: Type.Array(
    Type.Intersect([BeforeAfter, Type.Object({ grid_id: Type.Integer(), code: Type.String(), name: Type.String() })]),
  ),
});
export type WhatIfResponseT = Static<typeof WhatIfResponse>;
