/**
 * TypeBox schemas of the patrol API: fixes, positions, trails, routes, playback, response. Each
 * response schema has a type of the same name (`Static`), which the client imports.
 */
import { Type, type Static } from 'typebox';
import { Id } from './common.ts';

const Nullable = <
  T extends
    | ReturnType<typeof Type.String>
    | ReturnType<typeof Type.Integer>
    | ReturnType<typeof Type.Number>
    | ReturnType<typeof Type.Boolean>,
>(
  t: T,
) => Type.Union([t, Type.Null()]);

export const FixBody = Type.Object(
  {
    unit: Id({ description: 'patrol unit id' }),
    lon: Type.Number(),
    lat: Type.Number(),
    t: Type.Union([Type.String({ format: 'date-time' }), Type.Number({ description: 'epoch milliseconds' })]),
    // Bounded: the columns are 4-byte reals, and no phone reports a kilometre of accuracy or Mach 3.
    accuracy: Type.Optional(Type.Number({ minimum: 0, maximum: 100_000, description: 'metres' })),
    speed: Type.Optional(Type.Number({ minimum: 0, maximum: 1000, description: 'metres per second' })),
  },
  { additionalProperties: false },
);

/**
 * A batch is judged item by item (FixBody, domain/patrol-fixes.ts screenFixes): one malformed
 * fix is reported by its index while the good ones are stored. Only a body that is not
 * `{fixes: [...]}` at all is a 400.
 */
export const FixBatch = Type.Object(
  {
    fixes: Type.Array(Type.Unknown({ description: 'a fix: FixBody' }), {
      minItems: 1,
      maxItems: 20_000,
      description: 'each item {unit, lon, lat, t, accuracy?, speed?}; malformed items are listed in `invalid`',
    }),
  },
  { additionalProperties: false },
);

/** One item of a batch that was not stored, by its index in the batch, and why. */
export const InvalidItem = Type.Object({ index: Type.Integer(), reason: Type.String() });

const Counts = Type.Object({
  unknown_unit: Type.Integer(),
  future: Type.Integer(),
  too_old: Type.Integer(),
  inaccurate: Type.Integer(),
  too_fast: Type.Integer(),
  duplicate: Type.Integer(),
  out_of_range: Type.Integer(),
  malformed: Type.Integer({ description: 'not a fix at all (listed in `invalid`)' }),
  not_your_unit: Type.Integer({ description: "a worker's fix for another unit (listed in `invalid`)" }),
});

export const IngestReply = Type.Object({
  received: Type.Integer(),
  stored: Type.Integer({ description: 'new fixes written' }),
  already_stored: Type.Integer({
    description: 'accepted, but the same unit and time was stored before (a resent batch)',
  }),
  late: Type.Integer({
    description: "older than the unit's current position: kept in its track, position not moved back",
  }),
  rejected: Counts,
  invalid: Type.Array(InvalidItem, {
    description: 'the items refused before judging (malformed, another unit), by index; at most 100 listed',
  }),
  moved: Type.Integer({ description: 'units whose current position moved' }),
});

/** A point as [lon, lat]. */
const LonLat = Type.Tuple([Type.Number(), Type.Number()]);

export const UnitKind = Type.Union([Type.Literal('grid_worker'), Type.Literal('patrol_team')]);
export type UnitKind = Static<typeof UnitKind>;
export const UnitStatus = Type.Union([Type.Literal('on_patrol'), Type.Literal('responding'), Type.Literal('off_duty')]);
export type UnitStatus = Static<typeof UnitStatus>;

export const UnitPosition = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  kind: UnitKind,
  status: UnitStatus,
  home_grid_id: Nullable(Type.Integer()),
  street_office_id: Nullable(Type.Integer()),
  lon: Type.Number(),
  lat: Type.Number(),
  last_fix_at: Nullable(Type.String()),
  in_own_area: Nullable(Type.Boolean({ description: 'inside its grid (grid worker) or street office (patrol team)' })),
  responding_to: Nullable(Type.String({ description: 'the dispatched incident it is responding to' })),
});
export type UnitPosition = Static<typeof UnitPosition>;

export const UnitsResponse = Type.Object({ at: Type.String(), units: Type.Array(UnitPosition) });
export type UnitsResponse = Static<typeof UnitsResponse>;

export const Trip = Type.Object({
  id: Type.Integer(),
  kind: Type.Optional(Type.String()),
  code: Type.Optional(Type.String()),
  path: Type.Array(LonLat),
  times: Type.Array(Type.Number({ description: 'epoch ms per point' })),
});
export type Trip = Static<typeof Trip>;

export const TrailsResponse = Type.Object({ minutes: Type.Integer(), trails: Type.Array(Trip) });
export type TrailsResponse = Static<typeof TrailsResponse>;

export const NearestUnit = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  kind: UnitKind,
  status: UnitStatus,
  phone: Nullable(Type.String()),
  home_grid_id: Nullable(Type.Integer()),
  last_fix_at: Nullable(Type.String()),
  lon: Type.Number(),
  lat: Type.Number(),
  distance_m: Type.Number({ description: 'along the streets' }),
  eta_min: Type.Number({ description: "travel time at the unit's speed (walking / driving)" }),
});
export type NearestUnit = Static<typeof NearestUnit>;

export const NearestResponse = Type.Object({ method: Type.Literal('street_network'), units: Type.Array(NearestUnit) });
export type NearestResponse = Static<typeof NearestResponse>;

export const StreetPathResponse = Type.Object({ path: Type.Array(LonLat), length_m: Type.Number() });
export type StreetPathResponse = Static<typeof StreetPathResponse>;

export const ReachPlace = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  name: Type.String(),
  name_zh: Type.String(),
  grid_id: Nullable(Type.Integer()),
  lon: Type.Number(),
  lat: Type.Number(),
  minutes: Nullable(Type.Number({ description: 'fastest unit, or null: none within the limit' })),
});
export type ReachPlace = Static<typeof ReachPlace>;

export const ReachResponse = Type.Object({
  minutes: Type.Number(),
  unreachable: Type.Integer(),
  total: Type.Integer(),
  places: Type.Array(ReachPlace),
});
export type ReachResponse = Static<typeof ReachResponse>;

export const CheckpointIn = Type.Object(
  {
    key_place_id: Type.Optional(Type.Integer()),
    lon: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    window_start: Type.String({ format: 'date-time' }),
    window_end: Type.String({ format: 'date-time' }),
    radius_m: Type.Optional(Type.Number({ minimum: 5, maximum: 500 })),
  },
  { additionalProperties: false },
);

export const RouteIn = Type.Object(
  {
    unit_id: Id({ description: 'patrol unit id' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    checkpoints: Type.Array(CheckpointIn, { minItems: 2, maxItems: 30 }),
  },
  { additionalProperties: false },
);
export type RouteIn = Static<typeof RouteIn>;

export const PlannedRoute = Type.Object({ id: Type.Integer() });
export type PlannedRoute = Static<typeof PlannedRoute>;

export const RouteSummary = Type.Object({
  id: Type.Integer(),
  unit_id: Type.Integer(),
  unit_code: Type.String(),
  name: Type.String(),
  starts_at: Type.String(),
  ends_at: Type.String(),
  length_m: Type.Number(),
  path: Type.Array(LonLat),
});
export type RouteSummary = Static<typeof RouteSummary>;

export const RoutesResponse = Type.Object({ routes: Type.Array(RouteSummary) });
export type RoutesResponse = Static<typeof RoutesResponse>;

export const CheckpointStatus = Type.Union([
  Type.Literal('on_time'),
  Type.Literal('early'),
  Type.Literal('late'),
  Type.Literal('missed'),
  Type.Literal('pending'),
]);
export type CheckpointStatus = Static<typeof CheckpointStatus>;

export const CheckpointResult = Type.Object({
  seq: Type.Integer(),
  name: Type.String(),
  status: CheckpointStatus,
  visited_at: Nullable(Type.String()),
  lon: Type.Number(),
  lat: Type.Number(),
  window_start: Type.String(),
  window_end: Type.String(),
});
export type CheckpointResult = Static<typeof CheckpointResult>;

export const Deviation = Type.Object({
  kind: Type.Union([Type.Literal('off_route'), Type.Literal('left_grid')]),
  from: Type.String(),
  to: Type.String(),
  max_m: Type.Number(),
});
export type Deviation = Static<typeof Deviation>;

export const RouteMatch = Type.Object({
  route: RouteSummary,
  checkpoints: Type.Array(CheckpointResult),
  deviations: Type.Array(Deviation),
  track: Type.Array(Type.Tuple([Type.Number(), Type.Number(), Type.Number()], { description: '[lon, lat, epoch ms]' })),
});
export type RouteMatch = Static<typeof RouteMatch>;

export const DailyRow = Type.Object({
  unit_id: Type.Integer(),
  unit_code: Type.String(),
  unit_name: Type.String(),
  grid_id: Nullable(Type.Integer()),
  grid_code: Nullable(Type.String()),
  fixes: Type.Integer(),
  street_m: Type.Number(),
  walked_m: Type.Number(),
  walked_share: Type.Number(),
  inside_share: Type.Number(),
  checkpoints_total: Type.Integer(),
  checkpoints_on_time: Type.Integer(),
  deviations: Type.Integer(),
});
export type DailyRow = Static<typeof DailyRow>;

export const AssessmentResponse = Type.Object({ day: Type.String(), rows: Type.Array(DailyRow) });
export type AssessmentResponse = Static<typeof AssessmentResponse>;

export const PlaybackIncident = Type.Object({
  id: Type.String(),
  category: Type.String(),
  grade: Type.String(),
  status: Type.String(),
  t: Type.Number(),
  lon: Type.Number(),
  lat: Type.Number(),
});
export type PlaybackIncident = Static<typeof PlaybackIncident>;

export const Playback = Type.Object({
  from: Type.String(),
  to: Type.String(),
  trips: Type.Array(Trip),
  incidents: Type.Array(PlaybackIncident),
});
export type Playback = Static<typeof Playback>;
