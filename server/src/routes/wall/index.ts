/**
 * `/api/wall/*`: what the wall display reads, in the compact shapes a city-size screen needs
 * (packed binary heat, per-grid value columns joined to the grid tiles by id), its config, and
 * and the screens: wall sessions nobody logs in to, each opened once by a /wall?token=… link whose
 * token is only good for POST /api/auth/wall (routes/auth), listed and revoked per screen.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { SessionIdParams, SessionList, type TokenClaims } from '../../contract/auth.ts';
import { errorResponses } from '../../contract/common.ts';
import {
  GridValuesSchema,
  HeatWindowSchema,
  WallConfigBody,
  WallKpisSchema,
  WallMeasureSchema,
  WallOpenSchema,
  WallTokenBody,
  WallUnitsSchema,
  type WallKpis,
} from '../../contract/wall.ts';
import { HEAT_WINDOW_HOURS, validateWallConfig } from '../../domain/wall-config.ts';
import type { Deadlines } from '../../domain/workflow.ts';
import { appError } from '../../errors.ts';
import { createSession, endSession, liveSession, liveSessions } from '../../repos/sessions.ts';
import { findUser } from '../../repos/users.ts';
import {
  loadWallConfig,
  saveWallConfig,
  wallGridValues,
  wallHeat,
  wallKpis,
  wallOpenIncidents,
  wallUnits,
} from '../../repos/wall.ts';

/** Most open incidents drawn as markers (newest first); the heatmap still shows every one. */
const OPEN_LIMIT = 50_000;
/** How long one computation of the figures serves every wall. */
const KPI_FRESH_MS = 1_000;

const ConfigReply = Type.Object({ config: Type.Record(Type.String(), Type.Unknown()) });

const routes: FastifyPluginAsyncTypebox<{ timeZone: string; deadlines: Deadlines }> = async (
  app,
  { timeZone, deadlines },
) => {
  const read = { onRequest: app.guard('read') };
  // A damaged stored config serves the defaults; the log says why, once per distinct reason.
  let damage = '';
  const wallConfig = () =>
    loadWallConfig(app.db, (reason) => {
      if (reason !== damage)
        app.log.warn({ reason }, 'stored wall config is invalid; walls use the defaults until an admin saves one');
      damage = reason;
    });
  const sec = { tags: ['wall'], security: [{ bearer: [] }] };

  // Every wall asks again right after each live change: walls asking together share one
  // computation, and an answer serves for KPI_FRESH_MS (the city-size query takes about a second).
  let kpis: { at: number; value: Promise<WallKpis> } | null = null;
  app.get(
    '/api/wall/kpis',
    {
      ...read,
      schema: {
        ...sec,
        summary: 'Headline figures, breakdowns, trends and the top grids by open load',
        response: { 200: WallKpisSchema, ...errorResponses },
      },
    },
    async () => {
      if (!kpis || Date.now() - kpis.at > KPI_FRESH_MS) {
        const value = wallKpis(app.db, timeZone, deadlines);
        const entry = { at: Date.now(), value };
        kpis = entry;
        // A failure is not kept: the next request tries again.
        value.catch(() => {
          if (kpis === entry) kpis = null;
        });
      }
      return kpis.value;
    },
  );

  app.get(
    '/api/wall/heat',
    {
      ...read,
      schema: {
        ...sec,
        summary: 'Incidents reported in the window as packed little-endian float32 (lon, lat, weight) triples',
        description:
          'Body: application/octet-stream of 12 bytes per incident; the count is in the X-Count header. Weight: routine 1, key 2, difficult 3.',
        querystring: Type.Object({ window: HeatWindowSchema }, { additionalProperties: false }),
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { count, data } = await wallHeat(app.db, HEAT_WINDOW_HOURS[request.query.window]);
      return reply
        .type('application/octet-stream')
        .header('x-count', String(count))
        .header('cache-control', 'no-store')
        .send(data);
    },
  );

  app.get(
    '/api/wall/grid-values',
    {
      ...read,
      schema: {
        ...sec,
        summary: 'One value per grid for a measure, as parallel id / value columns (joined to the grid tiles by id)',
        querystring: Type.Object({ measure: WallMeasureSchema }, { additionalProperties: false }),
        response: { 200: GridValuesSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { measure } = request.query;
      const config = await wallConfig();
      return { measure, ...(await wallGridValues(app.db, measure, deadlines, config)) };
    },
  );

  app.get(
    '/api/wall/open',
    {
      ...read,
      schema: {
        ...sec,
        summary: 'Open incidents for the markers, newest first, with their due times',
        response: { 200: WallOpenSchema, ...errorResponses },
      },
    },
    async () => {
      const incidents = await wallOpenIncidents(app.db, deadlines, OPEN_LIMIT + 1);
      return { incidents: incidents.slice(0, OPEN_LIMIT), truncated: incidents.length > OPEN_LIMIT };
    },
  );

  app.get(
    '/api/wall/units',
    {
      ...read,
      schema: {
        ...sec,
        summary: 'Last known positions of patrol units and grid workers on duty, as columns',
        response: { 200: WallUnitsSchema, ...errorResponses },
      },
    },
    async () => {
      const rows = await wallUnits(app.db);
      return {
        ids: rows.map((r) => r.id),
        kinds: rows.map((r) => r.kind),
        lon: rows.map((r) => r.lon),
        lat: rows.map((r) => r.lat),
      };
    },
  );

  app.get(
    '/api/wall/config',
    {
      ...read,
      schema: {
        ...sec,
        summary: 'The wall display configuration (defaults filled in)',
        response: { 200: ConfigReply, ...errorResponses },
      },
    },
    async () => ({ config: (await wallConfig()) as unknown as Record<string, unknown> }),
  );

  app.put(
    '/api/wall/config',
    {
      onRequest: app.guard('users:admin'),
      schema: {
        ...sec,
        summary: 'Replace the wall configuration (admin); every wall picks it up live',
        body: WallConfigBody,
        response: { 200: ConfigReply, ...errorResponses },
      },
    },
    async (request) => {
      const result = validateWallConfig(request.body);
      if (!result.ok)
        throw appError('bad_request', `Invalid wall config: ${result.errors.join('; ')}`, { errors: result.errors });
      await saveWallConfig(app.db, result.config, request.user.username);
      return { config: result.config as unknown as Record<string, unknown> };
    },
  );

  app.post(
    '/api/wall/tokens',
    {
      onRequest: app.guard('users:admin'),
      config: { audit: 'wall_token' },
      schema: {
        ...sec,
        summary: 'A link for a wall screen (admin): open /wall?token=… once on the screen; revoke it per screen',
        description:
          'Creates a wall session for the screen. The link token is accepted only by POST /api/auth/wall, which the wall page calls at once to get its bearer token.',
        body: WallTokenBody,
        response: {
          200: Type.Object({
            id: Type.String({
              format: 'uuid',
              description: "the screen's session: DELETE /api/wall/tokens/{id} revokes it",
            }),
            screen: Type.String(),
            token: Type.String(),
            path: Type.String(),
            expiresAt: Type.String(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { username, days } = request.body;
      const screen = request.body.screen?.trim() || username;
      const user = await findUser(app.db, username);
      if (!user || user.disabled) throw appError('not_found', `No active user "${username}"`);
      if (user.role !== 'wall')
        throw appError(
          'bad_request',
          `"${username}" has the ${user.role} role; wall tokens are only for wall users (read-only)`,
        );
      const seconds = days * 86_400;
      const expiresAt = new Date(Date.now() + seconds * 1000);
      const sid = await createSession(app.db, { userId: user.id, kind: 'wall', screen, expiresAt });
      const claims: TokenClaims = { sub: user.id, username: user.username, role: 'wall', sid, use: 'wall-link' };
      const token = app.jwt.sign(claims, { expiresIn: seconds });
      request.log.info({ user: user.username, screen, days, by: request.user.username }, 'wall screen link issued');
      request.audit({ target: { kind: 'users', ids: [user.id] }, detail: { wall_user: username, days, screen } });
      return {
        id: sid,
        screen,
        token,
        path: `/wall?token=${encodeURIComponent(token)}`,
        expiresAt: expiresAt.toISOString(),
      };
    },
  );

  app.get(
    '/api/wall/tokens',
    {
      onRequest: app.guard('users:admin'),
      schema: {
        ...sec,
        summary: 'The wall screens whose links are live (admin), one row per screen',
        response: { 200: SessionList, ...errorResponses },
      },
    },
    async () => ({ sessions: (await liveSessions(app.db, 'wall')).map((s) => ({ ...s, current: false })) }),
  );

  app.delete(
    '/api/wall/tokens/:id',
    {
      onRequest: app.guard('users:admin'),
      schema: {
        ...sec,
        summary: 'Revoke a wall screen (admin): its link, its bearer token and its sockets stop at once',
        params: SessionIdParams,
        response: { 200: Type.Object({ ended: Type.String({ format: 'uuid' }) }), ...errorResponses },
      },
    },
    async (request) => {
      const { id } = request.params;
      const session = await liveSession(app.db, id);
      if (!session || session.kind !== 'wall') throw appError('not_found', 'No live wall screen with this id');
      await endSession(app.db, id, request.user.username, 'wall screen revoked');
      app.sessions.ended();
      request.log.info({ screen: session.screen, by: request.user.username }, 'wall screen revoked');
      return { ended: id };
    },
  );
};
export default routes;
