/**
 * The grid worker's phone (/m): my grid, my tasks, my day's track, and household visits.
 * Everything here is the signed-in worker's own unit (`request.user.unit` from the token).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, errorResponses } from '../../contract/common.ts';
import {
  MyGridResponse,
  MyTasksResponse,
  NewVisitBody,
  TrackQuery,
  TrackResponse,
  VisitCreated,
  VisitsQuery,
  VisitsResponse,
} from '../../contract/field.ts';
import { cityDay, isCalendarDay } from '../../domain/field.ts';
import { allowedFor, type Deadlines } from '../../domain/workflow.ts';
import { appError } from '../../errors.ts';
import { dayTrack, myGrid, myTasks } from '../../repos/field.ts';
import { createVisit, listVisits } from '../../repos/visits.ts';

export interface FieldRouteOptions {
  timeZone: string;
  deadlines: Deadlines;
}

const security = [{ bearer: [] }];

/** The worker's unit from the token; a worker account always has one (users_worker_has_unit). */
function unitOf(user: { unit?: number | null }): number {
  if (!user.unit) throw appError('forbidden', 'This account is not linked to a patrol unit');
  return user.unit;
}

function dayOrToday(day: string | undefined, timeZone: string): string {
  if (day === undefined) return cityDay(timeZone);
  if (!isCalendarDay(day)) throw appError('bad_request', `day ${day} is not a calendar day (YYYY-MM-DD)`);
  return day;
}

const routes: FastifyPluginAsyncTypebox<FieldRouteOptions> = async (app, opts) => {
  app.get(
    '/api/me/grid',
    {
      onRequest: app.guard('field:work'),
      schema: {
        tags: ['field'],
        summary: "My unit, the grid it looks after (null for a patrol team) and that grid's key places",
        security,
        response: { 200: MyGridResponse, ...errorResponses },
      },
    },
    async (request) => {
      const unit = unitOf(request.user);
      const mine = await myGrid(app.db, unit);
      if (!mine) throw appError('not_found', `Unit ${unit} no longer exists; ask an administrator`);
      return mine;
    },
  );

  app.get(
    '/api/me/tasks',
    {
      onRequest: app.guard('field:work'),
      schema: {
        tags: ['field'],
        summary: 'Incidents dispatched to my unit and not closed, newest first, with the actions I may take',
        security,
        response: { 200: MyTasksResponse, ...errorResponses },
      },
    },
    async (request) => {
      const unit = unitOf(request.user);
      const tasks = await myTasks(app.db, unit, opts.deadlines);
      return {
        tasks: tasks.map((t) => ({
          ...t,
          allowed: allowedFor(t.status, { role: request.user.role, ownsIncident: t.assigned_unit_id === unit }),
        })),
      };
    },
  );

  app.get(
    '/api/me/track',
    {
      onRequest: app.guard('field:work'),
      schema: {
        tags: ['field'],
        summary: "My unit's GPS track of one day (default today, in the city's time zone)",
        security,
        querystring: TrackQuery,
        response: { 200: TrackResponse, ...errorResponses },
      },
    },
    async (request) =>
      dayTrack(app.db, unitOf(request.user), dayOrToday(request.query.day, opts.timeZone), opts.timeZone),
  );

  app.post(
    '/api/visits',
    {
      onRequest: app.guard('field:work'),
      schema: {
        tags: ['field'],
        summary: 'Log a household or building visit (idempotent on the phone-chosen id)',
        security,
        body: NewVisitBody,
        response: { 200: VisitCreated, 201: VisitCreated, ...errorResponses, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const visitedAt = new Date(b.visited_at);
      if (visitedAt.getTime() > Date.now() + 5 * 60_000) throw appError('bad_request', 'visited_at lies in the future');
      const r = await createVisit(app.db, {
        id: b.id,
        unitId: unitOf(request.user),
        userId: request.user.sub,
        role: request.user.role,
        who: b.who,
        found: b.found,
        household: b.household,
        buildingId: b.building_id,
        photos: b.photos ?? [],
        lon: b.lon,
        lat: b.lat,
        visitedAt,
      });
      if (r.already_stored) return reply.code(200).send({ visit: r.visit, already_stored: true });
      return reply.code(201).send({ visit: r.visit });
    },
  );

  app.get(
    '/api/visits',
    {
      onRequest: app.guard('visits:read'),
      schema: {
        tags: ['field'],
        summary: "Visits by day, unit and grid, newest first; a worker sees only their own unit's",
        security,
        querystring: VisitsQuery,
        response: { 200: VisitsResponse, ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      let unit = q.unit ?? null;
      if (request.user.role === 'worker') {
        const own = unitOf(request.user);
        if (unit !== null && unit !== own)
          throw appError('forbidden', "A grid worker sees only their own unit's visits");
        unit = own;
      }
      return listVisits(app.db, {
        day: q.day === undefined ? null : dayOrToday(q.day, opts.timeZone),
        timeZone: opts.timeZone,
        unit,
        grid: q.grid ?? null,
        limit: q.limit,
      });
    },
  );
};

export default routes;
