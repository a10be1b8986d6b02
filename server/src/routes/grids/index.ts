import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { maskPhonesInGeoJson, masksPersonalData } from '../../domain/personal-data.ts';
import { Type } from 'typebox';
import {
  BBoxQuery,
  errorResponses,
  Feature,
  FeatureCollection,
  Id,
  IdParams,
  LimitQuery,
} from '../../contract/common.ts';
import { appError } from '../../errors.ts';
import { getGridGeoJson, listGridsGeoJson } from '../../repos/grids.ts';
import { bboxParam, GEOJSON, sendEncoded } from '../params.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/grids',
    {
      onRequest: app.guard('read'),
      schema: {
        tags: ['features'],
        summary: 'Grids as GeoJSON (use /tiles/grids for city-wide maps)',
        security: [{ bearer: [] }],
        querystring: Type.Object(
          {
            bbox: Type.Optional(BBoxQuery),
            community: Type.Optional(Id({ description: 'Only the grids of this community' })),
            limit: LimitQuery(20000, 50000),
          },
          { additionalProperties: false },
        ),
        response: { 200: FeatureCollection, ...errorResponses },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const body = await listGridsGeoJson(app.db, bboxParam(q.bbox), q.limit, q.community ?? null);
      return sendEncoded(reply, GEOJSON, body);
    },
  );

  app.get(
    '/api/grids/:id',
    {
      onRequest: app.guard('read'),
      schema: {
        tags: ['features'],
        summary: 'One grid with its community, worker and load',
        security: [{ bearer: [] }],
        params: IdParams,
        response: { 200: Feature, ...errorResponses },
      },
    },
    async (request, reply) => {
      const body = await getGridGeoJson(app.db, request.params.id);
      if (!body) throw appError('not_found', `No grid with id ${request.params.id}`);
      // The wall display is in view of visitors: the worker's phone reaches it masked.
      return sendEncoded(reply, GEOJSON, masksPersonalData(request.user.role) ? maskPhonesInGeoJson(body) : body);
    },
  );
};
export default routes;
