import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { BBoxQuery, errorResponses, FeatureCollection, Id, LimitQuery } from '../../contract/common.ts';
import { GRADES, INCIDENT_CATEGORIES, STATUSES } from '../../domain/incidents.ts';
import { appError } from '../../errors.ts';
import { listIncidentsGeoJson } from '../../repos/incidents.ts';
import { bboxParam, GEOJSON, sendEncoded, timeParam } from '../params.ts';

const literals = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const DAY = 86_400_000;

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/incidents',
    {
      onRequest: app.guard('read'),
      schema: {
        tags: ['features'],
        summary: 'Incidents as GeoJSON, newest first (default: the last 7 days)',
        security: [{ bearer: [] }],
        querystring: Type.Object(
          {
            bbox: Type.Optional(BBoxQuery),
            since: Type.Optional(Type.String({ description: 'ISO-8601; default 7 days ago' })),
            until: Type.Optional(Type.String({ description: 'ISO-8601; default now' })),
            status: Type.Optional(literals(['open', 'closed', ...STATUSES])),
            grade: Type.Optional(literals(Object.keys(GRADES))),
            category: Type.Optional(literals(Object.keys(INCIDENT_CATEGORIES))),
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
      const until = timeParam('until', q.until, new Date(Date.now() + 60_000));
      const since = timeParam('since', q.since, new Date(until.getTime() - 7 * DAY));
      if (since >= until) throw appError('bad_request', 'since must be before until');
      const body = await listIncidentsGeoJson(app.db, bboxParam(q.bbox), q.limit, {
        since,
        until,
        status: q.status ?? null,
        grade: q.grade ?? null,
        category: q.category ?? null,
        gridId: q.grid ?? null,
      });
      return sendEncoded(reply, GEOJSON, body);
    },
  );
};
export default routes;
