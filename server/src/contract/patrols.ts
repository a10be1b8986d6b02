/** TypeBox schemas of the patrol API: fixes, positions, trails, routes, playback, response. */
import { Type } from 'typebox';

const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Integer> | ReturnType<typeof Type.Number> | ReturnType<typeof Type.Boolean>>(t: T) =>
  Type.Union([t, Type.Null()]);

export const FixBody = Type.Object(
  {
    unit: Type.Integer({ description: 'patrol unit id' }),
    lon: Type.Number(),
    lat: Type.Number(),
    t: Type.Union([Type.String({ format: 'date-time' }), Type.Number({ description: 'epoch milliseconds' })]),
    accuracy: Type.Optional(Type.Number({ minimum: 0, description: 'metres' })),
    speed: Type.Optional(Type.Number({ minimum: 0, description: 'metres per second' })),
  },
  { additionalProperties: false },
);

export const FixBatch = Type.Object({ fixes: Type.Array(FixBody, { minItems: 1, maxItems: 20_000 }) }, { additionalProperties: false });

const Counts = Type.Object({
  unknown_unit: Type.Integer(), future: Type.Integer(), too_old: Type.Integer(), inaccurate: Type.Integer(),
  too_fast: Type.Integer(), duplicate: Type.Integer(), out_of_range: Type.Integer(),
});

export const IngestReply = Type.Object({
  received: Type.Integer(),
  stored: Type.Integer({ description: 'new fixes written' }),
  already_stored: Type.Integer({ description: 'accepted, but the same unit and time was stored before (a resent batch)' }),
  late: Type.Integer({ description: 'older than the unit\'s current position: kept in its track, position not moved back' }),
  rejected: Counts,
  moved: Type.Integer({ description: 'units whose current position moved' }),
});

export const UnitPosition = Type.Object({
  id: Type.Integer(), code: Type.String(), name: Type.String(), kind: Type.String(), status: Type.String(),
  home_grid_id: Nullable(Type.Integer()), street_office_id: Nullable(Type.Integer()),
  lon: Type.Number(), lat: Type.Number(), last_fix_at: Nullable(Type.String()),
  in_own_area: Nullable(Type.Boolean({ description: 'inside its grid (grid worker) or street office (patrol team)' })),
  responding_to: Nullable(Type.String({ description: 'the dispatched incident it is responding to' })),
});

export const Trip = Type.Object({
  id: Type.Integer(), kind: Type.Optional(Type.String()), code: Type.Optional(Type.String()),
  path: Type.Array(Type.Array(Type.Number())), times: Type.Array(Type.Number({ description: 'epoch ms per point' })),
});

export const NearestUnit = Type.Object({
  id: Type.Integer(), code: Type.String(), name: Type.String(), kind: Type.String(), status: Type.String(),
  phone: Nullable(Type.String()), home_grid_id: Nullable(Type.Integer()), last_fix_at: Nullable(Type.String()),
  lon: Type.Number(), lat: Type.Number(),
  distance_m: Type.Number({ description: 'along the streets' }),
  eta_min: Type.Number({ description: 'travel time at the unit\'s speed (walking / driving)' }),
});

export const ReachPlace = Type.Object({
  id: Type.Integer(), kind: Type.String(), name: Type.String(), name_zh: Type.String(), grid_id: Nullable(Type.Integer()),
  lon: Type.Number(), lat: Type.Number(), minutes: Nullable(Type.Number({ description: 'fastest unit, or null: none within the limit' })),
});

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
    unit_id: Type.Integer(),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    checkpoints: Type.Array(CheckpointIn, { minItems: 2, maxItems: 30 }),
  },
  { additionalProperties: false },
);
