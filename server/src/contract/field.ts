/**
 * The grid worker's phone app (/m): my grid, my tasks, my track, household visits. JSON in
 * snake_case, as the rest of the API.
 */
import { Type, type Static } from 'typebox';
import { Day as SharedDay, Id } from './common.ts';
import { IncidentSummarySchema } from './incidents.ts';

const Lon = Type.Number({ minimum: -180, maximum: 180, description: 'WGS 84 longitude' });
const Lat = Type.Number({ minimum: -90, maximum: 90, description: 'WGS 84 latitude' });
const Day = SharedDay({ description: "YYYY-MM-DD in the city's time zone" });

export const MyUnit = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  kind: Type.String({ description: 'grid_worker or patrol_team' }),
  status: Type.String({ description: 'on_patrol, responding or off_duty' }),
  phone: Type.Optional(Type.String()),
});

export const MyGrid = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  community_name: Type.Optional(Type.String()),
  households: Type.Optional(Type.Integer()),
  geometry: Type.Object(
    { type: Type.String({ description: 'MultiPolygon or Polygon' }), coordinates: Type.Array(Type.Unknown()) },
    { additionalProperties: true },
  ),
});

export const KeyPlace = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  lon: Type.Number(),
  lat: Type.Number(),
});

export const MyGridResponse = Type.Object({
  unit: MyUnit,
  grid: Type.Union([MyGrid, Type.Null()], { description: 'null for a patrol team, which has no grid' }),
  key_places: Type.Array(KeyPlace),
});
export type MyGridResponseT = Static<typeof MyGridResponse>;

export const TaskSchema = Type.Intersect([
  IncidentSummarySchema,
  Type.Object({
    photos: Type.Array(Type.Unknown()),
    allowed: Type.Array(Type.String(), { description: 'the actions this worker may take now' }),
  }),
]);

export const MyTasksResponse = Type.Object({ tasks: Type.Array(TaskSchema) });

export const TrackQuery = Type.Object({ day: Type.Optional(Day) }, { additionalProperties: false });

export const TrackResponse = Type.Object({
  unit_id: Type.Integer(),
  day: Type.String(),
  points: Type.Array(Type.Tuple([Type.Number(), Type.Number(), Type.Number()]), {
    description: '[lon, lat, epoch ms], in time order',
  }),
  length_m: Type.Number(),
});
export type TrackResponseT = Static<typeof TrackResponse>;

export const PhotoRef = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: true },
);

export const NewVisitBody = Type.Object(
  {
    id: Type.String({ format: 'uuid', description: 'Chosen by the phone; a resend is stored once' }),
    who: Type.String({ minLength: 1, maxLength: 200, description: 'whom the worker met' }),
    found: Type.String({ maxLength: 2000, description: 'what they found' }),
    household: Type.Optional(Type.String({ maxLength: 200 })),
    building_id: Type.Optional(Id()),
    photos: Type.Optional(Type.Array(PhotoRef, { maxItems: 20 })),
    lon: Lon,
    lat: Lat,
    visited_at: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type NewVisitBodyT = Static<typeof NewVisitBody>;

export const VisitSchema = Type.Object({
  id: Type.String(),
  unit_id: Type.Integer(),
  user_id: Type.Union([Type.Integer(), Type.Null()]),
  grid_id: Type.Union([Type.Integer(), Type.Null()]),
  building_id: Type.Union([Type.Integer(), Type.Null()]),
  household: Type.Union([Type.String(), Type.Null()]),
  who: Type.String(),
  found: Type.String(),
  photos: Type.Array(Type.Unknown()),
  visited_at: Type.String(),
  received_at: Type.String(),
  lon: Type.Union([Type.Number(), Type.Null()]),
  lat: Type.Union([Type.Number(), Type.Null()]),
});
export type Visit = Static<typeof VisitSchema>;

export const VisitCreated = Type.Object({ visit: VisitSchema, already_stored: Type.Optional(Type.Boolean()) });

export const VisitsQuery = Type.Object(
  {
    day: Type.Optional(Day),
    unit: Type.Optional(Id()),
    grid: Type.Optional(Id()),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 200 }),
  },
  { additionalProperties: false },
);

export const VisitsResponse = Type.Object({ visits: Type.Array(VisitSchema), total: Type.Integer() });
