/**
 * Cameras and their coverage: the registry's shapes, the measures, gaps, suggestions and
 * what-if plans. The client imports the types from here (import type only).
 */
import { Type, type Static } from 'typebox';
import type { FeatureCollection } from './common.ts';

export const CameraKind = Type.Union([Type.Literal('fixed'), Type.Literal('ptz')], {
  description: 'fixed: a sector of fov_deg around bearing_deg; ptz (dome): sweeps, covers the full circle within its range',
});
export const CameraStatus = Type.Union([Type.Literal('working'), Type.Literal('faulty'), Type.Literal('offline')], {
  description: 'Faulty and offline cameras cover nothing',
});

const Lon = Type.Number({ minimum: -180, maximum: 180, description: 'Longitude, WGS 84' });
const Lat = Type.Number({ minimum: -90, maximum: 90, description: 'Latitude, WGS 84' });
const Bearing = Type.Number({ minimum: 0, exclusiveMaximum: 360, description: 'Where the camera faces: degrees clockwise from north, 0 ≤ b < 360' });
const Fov = Type.Number({ exclusiveMinimum: 0, maximum: 360, description: 'Horizontal field of view (degrees)' });
const Range = Type.Number({ exclusiveMinimum: 0, maximum: 2000, description: 'How far it sees usefully (m)' });
const Height = Type.Number({ minimum: 0, maximum: 200, description: 'Mounting height above the ground (m)' });
const Code = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9_.:/-]*$', description: 'Unique code, e.g. CAM-000123' });
const Day = Type.String({ format: 'date', description: 'Installation date, YYYY-MM-DD' });

/** The fields a camera is made of; the registry's source of truth for validation. */
export const CameraFields = {
  code: Code,
  kind: CameraKind,
  status: CameraStatus,
  lon: Lon,
  lat: Lat,
  bearing_deg: Bearing,
  fov_deg: Fov,
  range_m: Range,
  height_m: Height,
  installed_at: Type.Union([Day, Type.Null()]),
};

export const NewCameraBody = Type.Object(
  {
    code: Type.Optional(Code),
    kind: Type.Optional(CameraKind),
    status: Type.Optional(CameraStatus),
    lon: Lon,
    lat: Lat,
    bearing_deg: Type.Optional(Bearing),
    fov_deg: Type.Optional(Fov),
    range_m: Range,
    height_m: Type.Optional(Height),
    installed_at: Type.Optional(Type.Union([Day, Type.Null()])),
  },
  { additionalProperties: false, description: 'A new camera. Defaults: kind fixed, status working, bearing 0, fov 60 (360 for ptz), height 6 m; code CAM-<id>' },
);
export type NewCameraBodyT = Static<typeof NewCameraBody>;

export const CameraPatchBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1, description: 'The version the edit is based on; a stale one is a 409' }),
    code: Type.Optional(Code),
    kind: Type.Optional(CameraKind),
    status: Type.Optional(CameraStatus),
    lon: Type.Optional(Lon),
    lat: Type.Optional(Lat),
    bearing_deg: Type.Optional(Bearing),
    fov_deg: Type.Optional(Fov),
    range_m: Type.Optional(Range),
    height_m: Type.Optional(Height),
    installed_at: Type.Optional(Type.Union([Day, Type.Null()])),
  },
  { additionalProperties: false, description: 'Fields to change (others keep their value) and the version they were based on' },
);
export type CameraPatchBodyT = Static<typeof CameraPatchBody>;

export const CameraSchema = Type.Object({
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
  installed_at: Type.Union([Type.String(), Type.Null()]),
  grid_id: Type.Union([Type.Integer(), Type.Null()]),
  community_id: Type.Union([Type.Integer(), Type.Null()]),
  district_id: Type.Union([Type.Integer(), Type.Null()]),
  version: Type.Integer(),
  updated_at: Type.String(),
  updated_by: Type.String(),
  view_m2: Type.Union([Type.Number(), Type.Null()], { description: 'Ground in view (m²); null when it covers nothing' }),
});
export type Camera = Static<typeof CameraSchema>;

const Share = Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], { description: 'covered / total; null when there is nothing to cover' });

export const MeasuresSchema = Type.Object(
  {
    area_m2: Type.Number(), covered_m2: Type.Number(), area_share: Share,
    road_m: Type.Number(), road_covered_m: Type.Number(), road_share: Share,
    main_road_m: Type.Number(), main_road_covered_m: Type.Number(), main_road_share: Share,
    keyplaces: Type.Integer(), keyplaces_covered: Type.Integer(), keyplace_share: Share,
    intersections: Type.Integer(), intersections_covered: Type.Integer(), intersection_share: Share,
    uncovered_intersections: Type.Integer(),
    main_intersections: Type.Integer(), main_intersections_covered: Type.Integer(), main_intersection_share: Share,
    uncovered_main_intersections: Type.Integer(),
    cameras: Type.Integer(), cameras_working: Type.Integer(),
    score: Share,
    meets_targets: Type.Object({ keyplaces: Type.Union([Type.Boolean(), Type.Null()]), main_intersections: Type.Union([Type.Boolean(), Type.Null()]) }),
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
  grid_id: Type.Integer(), code: Type.String(), name: Type.String(), community_id: Type.Integer(),
  lon: Type.Number(), lat: Type.Number(), measures: MeasuresSchema,
});
export type RankedGrid = Static<typeof RankedGridSchema>;

export const UncoveredStretchSchema = Type.Object({
  class: Type.String(), name: Type.Union([Type.String(), Type.Null()]), name_zh: Type.Union([Type.String(), Type.Null()]),
  length_m: Type.Number(), lon: Type.Number(), lat: Type.Number(), bbox: Type.Array(Type.Number()),
  geometry: Type.Any({ description: 'GeoJSON LineString' }),
});
export type UncoveredStretch = Static<typeof UncoveredStretchSchema>;

export const KindCountSchema = Type.Record(Type.String(), Type.Object({ total: Type.Integer(), covered: Type.Integer() }));

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
export const GridSharesSchema = Type.Object({ ids: Type.Array(Type.Integer()), area: Shares, road: Shares, keyplace: Shares, intersection: Shares });
export type GridShares = Static<typeof GridSharesSchema>;

/** `GET /api/coverage/gaps` and `/api/coverage/views`: GeoJSON, `truncated` when `limit` cut it short. */
export type GapCollection = Static<typeof FeatureCollection>;

export const MissReason = Type.Union([
  Type.Literal('covers'), Type.Literal('faulty'), Type.Literal('offline'), Type.Literal('out_of_range'),
  Type.Literal('facing_away'), Type.Literal('blocked_by_building'),
]);

export const ExplainSchema = Type.Object({
  lon: Type.Number(), lat: Type.Number(),
  covered: Type.Boolean({ description: 'Some working camera sees this point' }),
  cameras: Type.Array(Type.Object({
    id: Type.Integer(), code: Type.String(), kind: CameraKind, status: CameraStatus,
    lon: Type.Number(), lat: Type.Number(), bearing_deg: Type.Number(), fov_deg: Type.Number(), range_m: Type.Number(), height_m: Type.Number(),
    distance_m: Type.Number(), toward_deg: Type.Number({ description: 'Bearing from the camera to the point' }),
    off_axis_deg: Type.Number({ description: 'How far the point lies off where the camera faces (0 for ptz)' }),
    reason: MissReason,
    reasons: Type.Array(MissReason),
    explanation: Type.String(),
    blocked_by: Type.Union([Type.Object({ building_id: Type.Integer(), floors: Type.Integer(), use: Type.String(), distance_m: Type.Number() }), Type.Null()]),
  })),
});
export type ExplainT = Static<typeof ExplainSchema>;

/** An area for suggestions and plans: one of grid, community, bbox. */
export const AreaSchema = Type.Object(
  {
    grid: Type.Optional(Type.Integer({ minimum: 1 })),
    community: Type.Optional(Type.Integer({ minimum: 1 })),
    bbox: Type.Optional(Type.Array(Type.Number(), { minItems: 4, maxItems: 4, description: '[minLon, minLat, maxLon, maxLat]' })),
  },
  { additionalProperties: false },
);

export const SuggestBody = Type.Object(
  {
    area: AreaSchema,
    count: Type.Integer({ minimum: 1, maximum: 50, description: 'How many cameras to place' }),
    camera: Type.Optional(Type.Object(
      { kind: Type.Optional(CameraKind), fov_deg: Type.Optional(Fov), range_m: Type.Optional(Range), height_m: Type.Optional(Height) },
      { additionalProperties: false, description: 'The camera to place (default: ptz, 80 m range, 8 m high)' },
    )),
    spacing_m: Type.Optional(Type.Number({ minimum: 10, maximum: 500, description: 'Candidate spacing along roads (default 40 m)' })),
    weights: Type.Optional(Type.Object(
      {
        keyplace: Type.Optional(Type.Number({ minimum: 0, maximum: 1e6 })),
        main_intersection: Type.Optional(Type.Number({ minimum: 0, maximum: 1e6 })),
        intersection: Type.Optional(Type.Number({ minimum: 0, maximum: 1e6 })),
        main_road_m: Type.Optional(Type.Number({ minimum: 0, maximum: 1e6 })),
        road_m: Type.Optional(Type.Number({ minimum: 0, maximum: 1e6 })),
      },
      { additionalProperties: false },
    )),
  },
  { additionalProperties: false },
);
export type SuggestBodyT = Static<typeof SuggestBody>;

const Gain = Type.Object({
  score: Type.Number(), keyplaces: Type.Integer(), main_intersections: Type.Integer(), intersections: Type.Integer(),
  main_road_m: Type.Number(), road_m: Type.Number(),
});

export const SuggestionSchema = Type.Object({
  rank: Type.Integer(),
  lon: Type.Number(), lat: Type.Number(),
  kind: CameraKind, bearing_deg: Type.Number(), fov_deg: Type.Number(), range_m: Type.Number(), height_m: Type.Number(),
  site: Type.Union([Type.Literal('intersection'), Type.Literal('road')]),
  gain: Gain,
  total: Gain,
});
export type Suggestion = Static<typeof SuggestionSchema>;

export const SuggestResponse = Type.Object({
  suggestions: Type.Array(SuggestionSchema),
  candidates: Type.Integer(),
  targets: Type.Object({ keyplaces: Type.Integer(), main_intersections: Type.Integer(), intersections: Type.Integer(), road_m: Type.Number() }),
  seconds: Type.Number(),
});
export type SuggestResponseT = Static<typeof SuggestResponse>;

export const PlanChange = Type.Union([
  Type.Object({ op: Type.Literal('add'), camera: NewCameraBody }, { additionalProperties: false }),
  Type.Object({ op: Type.Literal('update'), id: Type.Integer({ minimum: 1 }), camera: Type.Omit(CameraPatchBody, ['version']) }, { additionalProperties: false }),
  Type.Object({ op: Type.Literal('remove'), id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
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

const BeforeAfter = Type.Object({ before: MeasuresSchema, after: MeasuresSchema, delta: Type.Record(Type.String(), Type.Union([Type.Number(), Type.Null()])) });

export const WhatIfResponse = Type.Object({
  city: BeforeAfter,
  area: Type.Union([Type.Intersect([BeforeAfter, Type.Object({ scope: ScopeSchema })]), Type.Null()]),
  grids: Type.Array(Type.Intersect([BeforeAfter, Type.Object({ grid_id: Type.Integer(), code: Type.String(), name: Type.String() })])),
});
export type WhatIfResponseT = Static<typeof WhatIfResponse>;

export const ImportResult = Type.Object({
  inserted: Type.Integer(),
  rejected: Type.Array(Type.Object({ index: Type.Integer(), reason: Type.String() })),
  ids: Type.Array(Type.Integer()),
});

/** What a camera change did to coverage (in write responses and `camera.changed` events). */
export const CoverageEffect = Type.Object({
  grids: Type.Array(Type.Integer(), { description: 'Grids whose measures were recomputed' }),
  roads: Type.Integer(),
  points: Type.Integer(),
  ms: Type.Number({ description: 'Time the coverage update took' }),
});
export type CoverageEffectT = Static<typeof CoverageEffect>;

/** `GET /api/cameras/{id}`. */
export const CameraResponse = Type.Object({ camera: CameraSchema });
export type CameraResponse = Static<typeof CameraResponse>;

/** A camera written (added or changed) and what it did to coverage. */
export const CameraWritten = Type.Object({ camera: CameraSchema, coverage: CoverageEffect });
export type CameraWritten = Static<typeof CameraWritten>;

/** A camera removed and what it did to coverage. */
export const CameraDeleted = Type.Object({ deleted: Type.Integer(), coverage: CoverageEffect });
export type CameraDeleted = Static<typeof CameraDeleted>;
