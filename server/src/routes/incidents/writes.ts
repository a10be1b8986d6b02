/** Reporting incidents and moving them through the closed loop. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorBody, errorResponses } from '../../contract/common.ts';
import {
  ActionBody,
  HistorySchema,
  IncidentPhotosSchema,
  IncidentSummarySchema,
  NewIncidentBody,
} from '../../contract/incidents.ts';
import type { StoredPhoto } from '../../contract/media.ts';
import { IncidentContactSchema } from '../../contract/open311.ts';
import type { Grade, IncidentCategory } from '../../domain/incidents.ts';
import { can } from '../../domain/roles.ts';
import { allowedFor, mayTake, type Actor, type Deadlines } from '../../domain/workflow.ts';
import { appError } from '../../errors.ts';
import { duplicateCandidates } from '../../repos/incident-reads.ts';
import { reportPhotos, resolvePhotos } from '../../repos/media.ts';
import { getIncidentContact } from '../../repos/open311.ts';
import { applyAction, createIncident, getHistory, getSummaryRow, toSummary } from '../../repos/incident-writes.ts';

export interface IncidentWriteOptions {
  deadlines: Deadlines;
  duplicateRadiusM: number;
  duplicateWindowH: number;
}

const IdParam = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Duplicates = Type.Array(Type.Intersect([IncidentSummarySchema, Type.Object({ distance_m: Type.Number() })]));
const writeErrors = { ...errorResponses, 409: ErrorBody };

/** The acting user, and for a worker whether the incident is dispatched to their own unit. */
const actorOf = (user: { role: Actor['role']; unit?: number | null }, assignedUnitId: number | null): Actor => ({
  role: user.role,
  ownsIncident: user.role === 'worker' && user.unit != null && assignedUnitId === user.unit,
});

const routes: FastifyPluginAsyncTypebox<IncidentWriteOptions> = async (app, opts) => {
  app.post(
    '/api/incidents',
    {
      onRequest: app.guard('incidents:report'),
      schema: {
        tags: ['incidents'],
        summary: "Report an incident (idempotent on the client-chosen id); a grid worker's source is grid_worker",
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
      // Resolved before anything is written: an unknown photo id is a 400 and stores nothing.
      const photos = await reportPhotos(app.db, b.photos ?? [], {
        userId: request.user.sub,
        role: request.user.role,
        lon: b.lon,
        lat: b.lat,
        at: reportedAt,
      });
      const { created, incident } = await createIncident(
        app.db,
        {
          id: b.id,
          category: b.category as IncidentCategory,
          grade: (b.grade ?? 'routine') as Grade,
          // A worker reports from the field: the source is theirs whatever the phone sent.
          source: request.user.role === 'worker' ? 'grid_worker' : (b.source ?? 'grid_worker'),
          description: b.description,
          photos,
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
      onRequest: app.guard('read'),
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
            photos: IncidentPhotosSchema,
            contact: Type.Optional(Type.Union([IncidentContactSchema, Type.Null()])),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const row = await getSummaryRow(app.db, request.params.id);
      if (!row) throw appError('not_found', `No incident ${request.params.id}`);
      const incident = toSummary(row, opts.deadlines);
      return {
        incident,
        history: await getHistory(app.db, row.id),
        photos: (row as { photos?: object[] }).photos ?? [],
        allowed: allowedFor(incident.status, actorOf(request.user, incident.assigned_unit_id)),
        // A public channel's contact details: for the console's operators only (open311.ts).
        ...(can(request.user.role, 'incidents:write') && { contact: await getIncidentContact(app.db, row.id) }),
      };
    },
  );

  app.get(
    '/api/incidents/:id/duplicates',
    {
      onRequest: app.guard('read'),
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
      // incidents:write, or a grid worker on a task of their own unit (checked below, per incident).
      onRequest: app.guard('read'),
      schema: {
        tags: ['incidents'],
        summary:
          'Move an incident through the closed loop; an illegal transition is a 409 naming the allowed actions. ' +
          'A grid worker may acknowledge, handle, request_help or send_back a task dispatched to their unit',
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
      if (!can(request.user.role, 'incidents:write')) {
        const row = await getSummaryRow(app.db, request.params.id);
        if (!row) throw appError('not_found', `No incident ${request.params.id}`);
        const may = mayTake(actorOf(request.user, row.assigned_unit_id), b.action);
        if (!may.ok) throw appError('forbidden', may.reason);
      }
      // Every step names the version it was decided on: two people acting on the same incident
      // get one 200 and one 409, never a silent override.
      const version = b.version;
      if (version === undefined) throw appError('bad_request', 'version is required');
      // A step's photos (e.g. handle's "after" photos) are flagged against where the step says it
      // was taken, else the incident's own place.
      let photos: StoredPhoto[] | undefined;
      if (b.photos?.length) {
        const at = await getSummaryRow(app.db, request.params.id);
        if (!at) throw appError('not_found', `No incident ${request.params.id}`);
        photos = await resolvePhotos(
          app.db,
          b.photos.map((p) => p.id),
          {
            userId: request.user.sub,
            role: request.user.role,
            lon: b.lon ?? at.lon,
            lat: b.lat ?? at.lat,
            at: new Date(),
            stage: 'after',
          },
        );
      }
      request.audit({ target: { kind: 'incidents', ids: [request.params.id] }, detail: { action: b.action } });
      const { incident, history } = await applyAction(
        app.db,
        request.params.id,
        {
          action: b.action,
          note: b.note ?? '',
          version,
          unitId: b.unit_id,
          duplicateOf: b.duplicate_of,
          evaluation: b.evaluation,
          department: b.department,
          lon: b.lon,
          lat: b.lat,
          photos,
        },
        request.user.username,
        opts.deadlines,
      );
      request.audit({
        before: { status: history.from_status },
        after: { status: history.to_status, version: incident.version },
      });
      return {
        incident,
        history,
        allowed: allowedFor(incident.status, actorOf(request.user, incident.assigned_unit_id)),
      };
    },
  );
};
export default routes;
