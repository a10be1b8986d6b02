/** /api/patrols: positions, trails, nearest units by travel time, key-place reach; sub-routes below. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { maskPhone, masksPersonalData } from '../../domain/personal-data.ts';
import { Type } from 'typebox';
import { BBoxQuery, errorResponses } from '../../contract/common.ts';
import {
  NearestResponse,
  ReachResponse,
  StreetPathResponse,
  TrailsResponse,
  UnitsResponse,
} from '../../contract/patrols.ts';
import { etaMinutes } from '../../domain/patrol-travel.ts';
import { unitPositions, trails } from '../../repos/patrol-live.ts';
import { keyPlaceReach, nearestUnits, streetPath } from '../../repos/patrol-routing.ts';
import { bboxParam, lonLatParam } from '../params.ts';
import fixRoutes from './fixes.ts';
import planRoutes from './plans.ts';
import playbackRoutes from './playback.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const bboxOrNull = (text: string | undefined) => (text === undefined ? null : bboxParam(text));

const routes: FastifyPluginAsyncTypebox<{ timeZone?: string }> = async (app, opts) => {
  const security = [{ bearer: [] }];

  app.get(
    '/api/patrols/units',
    {
      onRequest: app.guard('read'),
      schema: {
        tags: ['patrols'],
        summary: "Every unit's current position, status and whether it is inside its own area",
        security,
        querystring: Type.Object({ bbox: Type.Optional(BBoxQuery) }, { additionalProperties: false }),
        response: { 200: UnitsResponse, ...errorResponses },
      },
    },
    async (request) => {
      const units = await unitPositions(app.db, bboxOrNull(request.query.bbox));
      return { at: new Date().toISOString(), units: units.map((u) => ({ ...u, last_fix_at: iso(u.last_fix_at) })) };
    },
  );

  app.get(
    '/api/patrols/trails',
    {
      onRequest: app.guard('read'),
      schema: {
        tags: ['patrols'],
        summary: "Short trails: each unit's fixes of the last minutes",
        security,
        querystring: Type.Object(
          {
            minutes: Type.Integer({ minimum: 1, maximum: 120, default: 10 }),
            bbox: Type.Optional(BBoxQuery),
          },
          { additionalProperties: false },
        ),
        response: { 200: TrailsResponse, ...errorResponses },
      },
    },
    async (request) => ({
      minutes: request.query.minutes,
      trails: await trails(app.db, request.query.minutes, bboxOrNull(request.query.bbox)),
    }),
  );

  app.get(
    '/api/patrols/nearest',
    {
      onRequest: app.guard('read'),
      schema: {
        tags: ['patrols'],
        summary: 'Available units nearest a point by travel time on the street network (pgRouting)',
        security,
        querystring: Type.Object(
          {
            lon: Type.Number({ minimum: -180, maximum: 180 }),
            lat: Type.Number({ minimum: -90, maximum: 90 }),
            limit: Type.Integer({ minimum: 1, maximum: 100, default: 5 }),
            include_off_duty: Type.Boolean({ default: false }),
            include_responding: Type.Boolean({
              default: false,
              description: 'also units already responding to another incident',
            }),
            max_minutes: Type.Number({
              minimum: 1,
              maximum: 120,
              default: 20,
              description: 'longest travel time searched',
            }),
          },
          { additionalProperties: false },
        ),
        response: { 200: NearestResponse, ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      const units = await nearestUnits(app.db, {
        lon: q.lon,
        lat: q.lat,
        limit: q.limit,
        includeOffDuty: q.include_off_duty,
        includeResponding: q.include_responding,
        maxMinutes: q.max_minutes,
      });
      const masked = masksPersonalData(request.user.role);
      return {
        method: 'street_network' as const,
        units: units.map((u) => ({
          ...u,
          // The wall display is in view of visitors: phones reach it masked.
          phone: masked ? maskPhone(u.phone) : u.phone,
          last_fix_at: iso(u.last_fix_at),
          eta_min: etaMinutes(u.distance_m, u.kind),
        })),
      };
    },
  );

  app.get(
    '/api/patrols/path',
    {
      onRequest: app.guard('read'),
      schema: {
        tags: ['patrols'],
        summary: "The street path between two points (a responding unit's way to its incident)",
        security,
        querystring: Type.Object(
          {
            from: Type.String({ pattern: '^-?[0-9.]+,-?[0-9.]+$', description: 'lon,lat' }),
            to: Type.String({ pattern: '^-?[0-9.]+,-?[0-9.]+$', description: 'lon,lat' }),
          },
          { additionalProperties: false },
        ),
        response: { 200: StreetPathResponse, ...errorResponses },
      },
    },
    async (request) => {
      const a = lonLatParam('from', request.query.from);
      const b = lonLatParam('to', request.query.to);
      const p = await streetPath(app.db, a, b);
      return p ? { path: p.coords, length_m: p.length_m } : { path: [a, b], length_m: 0 };
    },
  );

  app.get(
    '/api/patrols/reach',
    {
      onRequest: app.guard('read'),
      schema: {
        tags: ['patrols'],
        summary: 'Key places and how soon the fastest unit on patrol reaches each; null = none within the limit',
        security,
        querystring: Type.Object(
          { minutes: Type.Number({ minimum: 0.5, maximum: 60, default: 5 }) },
          { additionalProperties: false },
        ),
        response: { 200: ReachResponse, ...errorResponses },
      },
    },
    async (request) => {
      const places = await keyPlaceReach(app.db, request.query.minutes);
      return {
        minutes: request.query.minutes,
        unreachable: places.filter((p) => p.minutes === null).length,
        total: places.length,
        places,
      };
    },
  );

  await app.register(fixRoutes);
  await app.register(planRoutes, { timeZone: opts.timeZone ?? 'Asia/Shanghai' });
  await app.register(playbackRoutes);
};
export default routes;
