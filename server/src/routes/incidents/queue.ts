/** The operator's queue: open incidents, most urgent first. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses, Id } from '../../contract/common.ts';
import { CategorySchema, GradeSchema, IncidentSummarySchema } from '../../contract/incidents.ts';
import type { Deadlines } from '../../domain/workflow.ts';
import { incidentQueue } from '../../repos/incident-reads.ts';

const routes: FastifyPluginAsyncTypebox<{ deadlines: Deadlines }> = async (app, { deadlines }) => {
  app.get(
    '/api/queue',
    {
      onRequest: app.guard('read'),
      schema: {
        tags: ['incidents'],
        summary: 'Open incidents sorted by urgency (overdue, grade, due time)',
        security: [{ bearer: [] }],
        querystring: Type.Object(
          {
            status: Type.Optional(
              Type.Union(
                ['reported', 'accepted', 'dispatched', 'handled', 'verified', 'escalated'].map((s) => Type.Literal(s)),
              ),
            ),
            grade: Type.Optional(GradeSchema),
            category: Type.Optional(CategorySchema),
            district: Type.Optional(Id()),
            community: Type.Optional(Id()),
            overdue: Type.Optional(Type.Boolean({ description: 'only overdue ones' })),
            limit: Type.Integer({ minimum: 1, maximum: 5000, default: 500 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            incidents: Type.Array(Type.Intersect([IncidentSummarySchema, Type.Object({ overdue: Type.Boolean() })])),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const q = request.query;
      return {
        incidents: await incidentQueue(app.db, deadlines, {
          status: q.status ?? null,
          grade: q.grade ?? null,
          category: q.category ?? null,
          district: q.district ?? null,
          community: q.community ?? null,
          overdueOnly: q.overdue ?? false,
          limit: q.limit,
        }),
      };
    },
  );
};
export default routes;
