/** Planned routes with checkpoints, their match against the actual track, and the daily assessment. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Day, errorResponses, Id } from '../../contract/common.ts';
import { AssessmentResponse, PlannedRoute, RouteIn, RouteMatch, RoutesResponse } from '../../contract/patrols.ts';
import { assessableDayProblem } from '../../domain/calendar.ts';
import { appError } from '../../errors.ts';
import { getSetting } from '../../repos/settings.ts';
import { assessDay, listRoutes, matchRoute, planRoute } from '../../repos/patrol-routes.ts';
import { timeParam } from '../params.ts';

/** Today's date in the city's time zone, as YYYY-MM-DD. */
export function cityDay(timeZone: string, at = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

const routes: FastifyPluginAsyncTypebox<{ timeZone: string }> = async (app, opts) => {
  const security = [{ bearer: [] }];
  const summary = (r: Awaited<ReturnType<typeof listRoutes>>[number]) => ({
    ...r,
    starts_at: r.starts_at.toISOString(),
    ends_at: r.ends_at.toISOString(),
    length_m: Math.round(r.length_m),
  });

  app.post(
    '/api/patrols/routes',
    {
      onRequest: app.guard('patrols:write'),
      schema: {
        tags: ['patrols'],
        summary: 'Plan a route: checkpoints (key places or points) with time windows, joined along the streets',
        security,
        body: RouteIn,
        response: { 201: PlannedRoute, 422: errorResponses[400], ...errorResponses },
      },
    },
    async (request, reply) => {
      const id = await planRoute(app.db, request.body, request.user.username);
      return reply.code(201).send({ id });
    },
  );

  app.get(
    '/api/patrols/routes',
    {
      onRequest: app.guard('read'),
      schema: {
        tags: ['patrols'],
        summary: 'Routes planned in a window (default: today)',
        security,
        querystring: Type.Object(
          { from: Type.Optional(Type.String()), to: Type.Optional(Type.String()), unit: Type.Optional(Id()) },
          { additionalProperties: false },
        ),
        response: { 200: RoutesResponse, ...errorResponses },
      },
    },
    async (request) => {
      const now = new Date();
      const from = timeParam('from', request.query.from, new Date(now.getTime() - 24 * 3600_000));
      const to = timeParam('to', request.query.to, new Date(now.getTime() + 24 * 3600_000));
      return { routes: (await listRoutes(app.db, from, to, request.query.unit ?? null)).map(summary) };
    },
  );

  app.get(
    '/api/patrols/routes/:id',
    {
      onRequest: app.guard('read'),
      schema: {
        tags: ['patrols'],
        summary: "A route matched against the unit's track: checkpoints on time, deviation alerts",
        security,
        params: Type.Object({ id: Id() }),
        response: { 200: RouteMatch, ...errorResponses },
      },
    },
    async (request) => {
      const m = await matchRoute(app.db, request.params.id);
      return {
        route: summary(m.route),
        checkpoints: m.checkpoints.map((c) => ({
          ...c,
          visited_at: c.visitedAt === null ? null : new Date(c.visitedAt).toISOString(),
        })),
        deviations: m.deviations.map((d) => ({
          kind: d.kind,
          from: new Date(d.from).toISOString(),
          to: new Date(d.to).toISOString(),
          max_m: d.maxM,
        })),
        track: m.track.map((p): [number, number, number] => [p.lon, p.lat, p.t]),
      };
    },
  );

  app.get(
    '/api/patrols/assessment',
    {
      onRequest: app.guard('read'),
      schema: {
        tags: ['patrols'],
        summary:
          "Grid workers' daily assessment: share of the grid's streets walked, time inside, checkpoints, deviations",
        security,
        querystring: Type.Object(
          {
            day: Type.Optional(Day({ description: "YYYY-MM-DD in the city's time zone; default today" })),
            community: Type.Optional(Id()),
          },
          { additionalProperties: false },
        ),
        response: { 200: AssessmentResponse, ...errorResponses },
      },
    },
    async (request) => {
      const today = cityDay(opts.timeZone);
      const day = request.query.day ?? today;
      const kept = Number((await getSetting(app.db, 'patrol_fix_retention_days')) ?? 90);
      const problem = assessableDayProblem(day, today, kept);
      if (problem) throw appError('bad_request', problem);
      const rows = await assessDay(app.db, day, opts.timeZone, request.query.community ?? null);
      return {
        day,
        rows: rows.map((r) => ({ ...r, street_m: Math.round(r.street_m), walked_m: Math.round(r.walked_m) })),
      };
    },
  );
};
export default routes;
