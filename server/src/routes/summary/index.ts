import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AreasResponse } from '../../contract/areas.ts';
import { errorResponses } from '../../contract/common.ts';
import { CitySummarySchema } from '../../contract/summary.ts';
import { cityCounts, cityExtent, listAreas } from '../../repos/summary.ts';

export interface CityIdentity {
  name: string;
  name_zh: string;
  timeZone: string;
}

const routes: FastifyPluginAsyncTypebox<{ city: CityIdentity }> = async (app, { city }) => {
  app.get(
    '/api/summary',
    {
      onRequest: app.guard('read'),
      schema: {
        tags: ['summary'],
        summary: 'The city, its extent and headline counts',
        security: [{ bearer: [] }],
        response: { 200: CitySummarySchema, ...errorResponses },
      },
    },
    async () => {
      const [counts, extent] = await Promise.all([cityCounts(app.db, city.timeZone), cityExtent(app.db)]);
      return {
        city: {
          ...city,
          center: extent ? ([extent.lon, extent.lat] as [number, number]) : null,
          bbox: extent
            ? ([extent.min_lon, extent.min_lat, extent.max_lon, extent.max_lat] as [number, number, number, number])
            : null,
        },
        counts,
      };
    },
  );

  app.get(
    '/api/areas',
    {
      onRequest: app.guard('read'),
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
        areas: rows.map(({ min_lon, min_lat, max_lon, max_lat, ...r }) => ({
          ...r,
          bbox: [min_lon, min_lat, max_lon, max_lat] as [number, number, number, number],
        })),
      };
    },
  );
};
export default routes;
