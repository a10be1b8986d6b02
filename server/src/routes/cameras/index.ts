import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { BBoxQuery, errorResponses, FeatureCollection, Id, LimitQuery } from '../../contract/common.ts';
import { listCamerasGeoJson } from '../../repos/cameras.ts';
import { bboxParam, GEOJSON, sendEncoded } from '../params.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/cameras',
    {
      onRequest: app.guard('read'),
      schema: {
        tags: ['features'],
        summary: 'Cameras as GeoJSON (use /tiles/cameras for city-wide maps)',
        security: [{ bearer: [] }],
        querystring: Type.Object(
          {
            bbox: Type.Optional(BBoxQuery),
            status: Type.Optional(
              Type.Union([Type.Literal('working'), Type.Literal('faulty'), Type.Literal('offline')]),
            ),
            grid: Type.Optional(Id()),
            limit: LimitQuery(5000, 50000),
          },
          { additionalProperties: false },
        ),
        response: { 200: FeatureCollection, ...errorResponses },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const body = await listCamerasGeoJson(app.db, bboxParam(q.bbox), q.limit, {
        status: q.status ?? null,
        gridId: q.grid ?? null,
      });
      return sendEncoded(reply, GEOJSON, body);
    },
  );
};
export default routes;
