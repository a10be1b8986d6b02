import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses } from '../../contract/common.ts';
import { nearestUnits } from '../../repos/patrols.ts';

// Straight-line walking at 5 km/h: the estimate until routing on the street network exists.
const WALK_M_PER_MIN = 5000 / 60;

const Unit = Type.Object({
  id: Type.Integer(), code: Type.String(), name: Type.String(), kind: Type.String(), status: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]), home_grid_id: Type.Union([Type.Integer(), Type.Null()]),
  last_fix_at: Type.Union([Type.String(), Type.Null()]), lon: Type.Number(), lat: Type.Number(),
  distance_m: Type.Number(), eta_min: Type.Number({ description: 'straight-line walking estimate' }),
});

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/patrols/nearest',
    {
      preHandler: app.guard('read'),
      schema: {
        tags: ['patrols'],
        summary: 'Patrol units and grid workers nearest a point (straight-line distance)',
        security: [{ bearer: [] }],
        querystring: Type.Object(
          {
            lon: Type.Number({ minimum: -180, maximum: 180 }),
            lat: Type.Number({ minimum: -90, maximum: 90 }),
            limit: Type.Integer({ minimum: 1, maximum: 100, default: 5 }),
            include_off_duty: Type.Boolean({ default: false }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ method: Type.Literal('straight_line'), units: Type.Array(Unit) }), ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      const units = await nearestUnits(app.db, q.lon, q.lat, q.limit, q.include_off_duty);
      return {
        method: 'straight_line' as const,
        units: units.map((u) => ({
          ...u,
          last_fix_at: u.last_fix_at ? u.last_fix_at.toISOString() : null,
          eta_min: Math.round((u.distance_m / WALK_M_PER_MIN) * 10) / 10,
        })),
      };
    },
  );
};
export default routes;
