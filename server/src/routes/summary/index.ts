import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AreasResponse } from '../../contract/areas.ts';
import { errorResponses } from '../../contract/common.ts';
import { cityCounts, cityExtent, listAreas } from '../../repos/summary.ts';

const Counts = Type.Object({
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

const Summary = Type.Object({
  city: Type.Object({
    name: Type.String(),
    name_zh: Type.String(),
    timeZone: Type.String(),
    center: Type.Union([Type.Tuple([Type.Number(), Type.Number()]), Type.Null()]),
    bbox: Type.Union([Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()]), Type.Null()]),
  }),
  counts: Counts,
});

export interface CityIdentity {
  name: string;
  name_zh: string;
  timeZone: string;
}

const routes: FastifyPluginAsyncTypebox<{ city: CityIdentity }> = async (app, { city }) => {
  app.get(
    '/api/summary',
    {
      preHandler: app.guard('read'),
      schema: { tags: ['summary'], summary: 'The city, its extent and headline counts', security: [{ bearer: [] }], response: { 200: Summary, ...errorResponses } },
    },
    async () => {
      const [counts, extent] = await Promise.all([cityCounts(app.db, city.timeZone), cityExtent(app.db)]);
      return {
        city: {
          ...city,
          center: extent ? ([extent.lon, extent.lat] as [number, number]) : null,
          bbox: extent ? ([extent.min_lon, extent.min_lat, extent.max_lon, extent.max_lat] as [number, number, number, number]) : null,
        },
        counts,
      };
    },
  );

  app.get(
    '/api/areas',
    {
      preHandler: app.guard('read'),
      schema: {
        tags: ['summary'],
        summary: 'Districts, street offices and communities with their extents',
        security: [{ bearer: [] }],
        response: { 200: AreasResponse, ...errorResponses },
      },
    },
    async () => {
      const rows = await listAreas(app.db);
      return {
        areas: rows.map(({ min_lon, min_lat, max_lon, max_lat, ...r }) => ({ ...r, bbox: [min_lon, min_lat, max_lon, max_lat] as [number, number, number, number] })),
      };
    },
  );
};
export default routes;
