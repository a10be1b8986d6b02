/** Reporting incidents and moving them through the closed loop. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorBody, errorResponses } from '../../contract/common.ts';
import { ActionBody, HistorySchema, IncidentSummarySchema, NewIncidentBody } from '../../contract/incidents.ts';
import type { Grade, IncidentCategory } from '../../domain/incidents.ts';
import { allowedActions, type Deadlines } from '../../domain/workflow.ts';
import { appError } from '../../errors.ts';
import { duplicateCandidates } from '../../repos/incident-reads.ts';
import { applyAction, createIncident, getHistory, getSummaryRow, toSummary } from '../../repos/incident-writes.ts';

export interface IncidentWriteOptions {
  deadlines: Deadlines;
  duplicateRadiusM: number;
  duplicateWindowH: number;
}

const IdParam = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Duplicates = Type.Array(Type.Intersect([IncidentSummarySchema, Type.Object({ distance_m: Type.Number() })]));
const writeErrors = { ...errorResponses, 409: ErrorBody };

const routes: FastifyPluginAsyncTypebox<IncidentWriteOptions> = async (app, opts) => {
  app.post(
    '/api/incidents',
    {
      preHandler: app.guard('incidents:write'),
      schema: {
        tags: ['incidents'],
        summary: 'Report an incident (idempotent on the client-chosen id)',
        security: [{ bearer: [] }],
        body: NewIncidentBody,
        response: {
          200: Type.Object({ incident: IncidentSummarySchema, created: Type.Boolean(), duplicates: Duplicates }),
          201: Type.Object({ incident: IncidentSummarySchema, created: Type.Boolean(), duplicates: Duplicates }),
          ...writeErrors,
        },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const now = Date.now();
      let reportedAt = new Date(now);
      if (b.reported_at) {
        reportedAt = new Date(b.reported_at);
        if (reportedAt.getTime() > now + 5 * 60_000) throw appError('bad_request', 'reported_at lies in the future');
        if (reportedAt.getTime() < now - 7 * 86_400_000)
          throw appError('bad_request', 'reported_at is more than 7 days old');
      }
      const { created, incident } = await createIncident(
        app.db,
        {
          id: b.id,
          category: b.category as IncidentCategory,
          grade: (b.grade ?? 'routine') as Grade,
          source: b.source ?? 'grid_worker',
          description: b.description,
          photos: b.photos ?? [],
          reportedAt,
          lon: b.lon,
          lat: b.lat,
        },
        request.user.username,
        opts.deadlines,
      );
      const duplicates = await duplicateCandidates(app.db, opts.deadlines, {
        excludeId: incident.id,
        lon: incident.lon,
        lat: incident.lat,
        category: incident.category,
        at: new Date(incident.reported_at),
        radiusM: opts.duplicateRadiusM,
        windowH: opts.duplicateWindowH,
      });
      return reply.code(created ? 201 : 200).send({ incident, created, duplicates });
    },
  );

  app.get(
    '/api/incidents/:id',
    {
      preHandler: app.guard('read'),
      schema: {
        tags: ['incidents'],
        summary: 'One incident with its history and the actions its status allows',
        security: [{ bearer: [] }],
        params: IdParam,
        response: {
          200: Type.Object({
            incident: IncidentSummarySchema,
            history: Type.Array(HistorySchema),
            allowed: Type.Array(Type.String()),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const row = await getSummaryRow(app.db, request.params.id);
      if (!row) throw appError('not_found', `No incident ${request.params.id}`);
      const incident = toSummary(row, opts.deadlines);
      return { incident, history: await getHistory(app.db, row.id), allowed: allowedActions(incident.status) };
    },
  );

  app.get(
    '/api/incidents/:id/duplicates',
    {
      preHandler: app.guard('read'),
      schema: {
        tags: ['incidents'],
        summary: 'Open incidents of the same category nearby and recent: likely duplicates',
        security: [{ bearer: [] }],
        params: IdParam,
        response: { 200: Type.Object({ duplicates: Duplicates }), ...errorResponses },
      },
    },
    async (request) => {
      const row = await getSummaryRow(app.db, request.params.id);
      if (!row) throw appError('not_found', `No incident ${request.params.id}`);
      return {
        duplicates: await duplicateCandidates(app.db, opts.deadlines, {
          excludeId: row.id,
          lon: row.lon,
          lat: row.lat,
          category: row.category,
          at: row.reported_at,
          radiusM: opts.duplicateRadiusM,
          windowH: opts.duplicateWindowH,
        }),
      };
    },
  );

  app.post(
    '/api/incidents/:id/actions',
    {
      preHandler: app.guard('incidents:write'),
      schema: {
        tags: ['incidents'],
        summary: 'Move an incident through the closed loop; an illegal transition is a 409 naming the allowed actions',
        security: [{ bearer: [] }],
        params: IdParam,
        body: ActionBody,
        response: {
          200: Type.Object({
            incident: IncidentSummarySchema,
            history: HistorySchema,
            allowed: Type.Array(Type.String()),
          }),
          ...writeErrors,
        },
      },
    },
    async (request) => {
      const b = request.body;
      const { incident, history } = await applyAction(
        app.db,
        request.params.id,
        {
          action: b.action,
          note: b.note ?? '',
          version: b.version,
          unitId: b.unit_id,
          duplicateOf: b.duplicate_of,
          evaluation: b.evaluation,
          department: b.department,
          lon: b.lon,
          lat: b.lat,
        },
        request.user.username,
        opts.deadlines,
      );
      return { incident, history, allowed: allowedActions(incident.status) };
    },
  );
};
export default routes;
