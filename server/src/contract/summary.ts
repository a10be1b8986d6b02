/** The city summary (GET /api/summary): schema for the route and documentation, type for the client. */
import { Type, type Static } from 'typebox';

export const CityCountsSchema = Type.Object({
  districts: Type.Integer(),
  streetOffices: Type.Integer(),
  communities: Type.Integer(),
  grids: Type.Integer(),
  households: Type.Integer(),
  population: Type.Integer(),
  buildings: Type.Integer(),
  cameras: Type.Integer(),
  camerasWorking: Type.Integer(),
  incidentsOpen: Type.Integer(),
  incidentsToday: Type.Integer(),
  workers: Type.Integer(),
  patrolTeams: Type.Integer(),
  keyPlaces: Type.Integer(),
});
export type CityCounts = Static<typeof CityCountsSchema>;

export const CitySummarySchema = Type.Object({
  city: Type.Object({
    name: Type.String(),
    name_zh: Type.String(),
    /** IANA time zone of the city (e.g. Asia/Shanghai): "today" and day buckets follow it. */
    timeZone: Type.String(),
    /** Null while the city has no grids yet. */
    center: Type.Union([Type.Tuple([Type.Number(), Type.Number()]), Type.Null()]),
    /** [minLon, minLat, maxLon, maxLat] in WGS 84; null while the city has no grids yet. */
    bbox: Type.Union([Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()]), Type.Null()]),
  }),
  counts: CityCountsSchema,
});
export type CitySummary = Static<typeof CitySummarySchema>;
