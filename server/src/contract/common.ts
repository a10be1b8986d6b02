/** Shared TypeBox schemas: errors, GeoJSON shapes and common query strings. */
import { Type, type Static } from 'typebox';

export const ErrorBody = Type.Object(
  {
    error: Type.Object(
      {
        code: Type.String({ description: 'Stable machine-readable code, e.g. bad_bbox' }),
        message: Type.String({ description: 'What was wrong, for people' }),
      },
      { additionalProperties: true },
    ),
  },
  { $id: 'ErrorBody', description: 'Every error response has this shape' },
);
export type ErrorBodyT = Static<typeof ErrorBody>;

/** Error responses documented on every route. */
export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  503: ErrorBody,
};

export const Position = Type.Array(Type.Number(), { minItems: 2, maxItems: 3 });

export const GeoJsonGeometry = Type.Object(
  { type: Type.String(), coordinates: Type.Any() },
  { description: 'An RFC 7946 geometry', additionalProperties: true },
);

export const Feature = Type.Object(
  {
    type: Type.Literal('Feature'),
    id: Type.Optional(Type.Union([Type.String(), Type.Number()])),
    geometry: GeoJsonGeometry,
    properties: Type.Record(Type.String(), Type.Any()),
  },
  { additionalProperties: true },
);

export const FeatureCollection = Type.Object(
  {
    type: Type.Literal('FeatureCollection'),
    features: Type.Array(Feature),
    numberReturned: Type.Integer(),
    truncated: Type.Boolean({ description: 'true when more features matched than `limit` allowed' }),
  },
  { description: 'An RFC 7946 FeatureCollection' },
);

export const BBoxQuery = Type.String({
  description: 'minLon,minLat,maxLon,maxLat in WGS 84',
  examples: ['111.55,26.15,111.65,26.25'],
});

export const LimitQuery = (def: number, max: number) =>
  Type.Integer({
    minimum: 1,
    maximum: max,
    default: def,
    description: `Most features to return (default ${def}, at most ${max})`,
  });

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });

/** A row id: PostgreSQL int4, positive. */
export const Id = (opts: { description?: string } = {}) => Type.Integer({ minimum: 1, maximum: 2147483647, ...opts });
/** Any PostgreSQL int4 value. */
export const Int4 = (opts: { description?: string } = {}) =>
  Type.Integer({ minimum: -2147483648, maximum: 2147483647, ...opts });
/** Finite WGS 84 coordinates. */
export const Lon = (opts: { description?: string } = {}) =>
  Type.Number({ minimum: -180, maximum: 180, description: 'Longitude, WGS 84', ...opts });
export const Lat = (opts: { description?: string } = {}) =>
  Type.Number({ minimum: -90, maximum: 90, description: 'Latitude, WGS 84', ...opts });
/** A calendar day that exists (2024-02-30 is refused by the full `date` format). */
export const Day = (opts: { description?: string } = {}) =>
  Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', format: 'date', description: 'YYYY-MM-DD', ...opts });
/** "lon,lat" in a query string; parsed by domain/lonlat.ts. */
export const LonLatText = (opts: { description?: string } = {}) =>
  Type.String({ pattern: '^-?\\d{1,3}(\\.\\d+)?,-?\\d{1,2}(\\.\\d+)?$', description: 'lon,lat in WGS 84', ...opts });
