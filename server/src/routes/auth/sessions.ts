/**
 * Admins see every live session (who, from where, last seen) and end any of them. Wall screens
 * are sessions too, listed and revoked per screen under /api/wall/tokens.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { SessionIdParams, SessionList } from '../../contract/auth.ts';
import { errorResponses } from '../../contract/common.ts';
import { appError } from '../../errors.ts';
import { endSession, liveSession, liveSessions } from '../../repos/sessions.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const sec = { tags: ['auth'], security: [{ bearer: [] }] };

  app.get(
    '/api/sessions',
    {
      onRequest: app.guard('users:admin'),
      schema: {
        ...sec,
        summary: 'Every live session (admin): user, role, kind, wall screen, created, last seen, address, browser',
        response: { 200: SessionList, ...errorResponses },
      },
    },
    async (request) => ({
      sessions: (await liveSessions(app.db)).map((s) => ({ ...s, current: s.id === request.user.sid })),
    }),
  );

  app.delete(
    '/api/sessions/:id',
    {
      onRequest: app.guard('users:admin'),
      schema: {
        ...sec,
        summary: 'End a session (admin): its tokens and sockets stop working within seconds',
        params: SessionIdParams,
        response: { 200: Type.Object({ ended: Type.String({ format: 'uuid' }) }), ...errorResponses },
      },
    },
    async (request) => {
      const { id } = request.params;
      const session = await liveSession(app.db, id);
      if (!session || !(await endSession(app.db, id, request.user.username, 'ended by an admin')))
        throw appError('not_found', 'No live session with this id');
      app.sessions.ended();
      request.log.info({ session: id, user: session.username, by: request.user.username }, 'session ended');
      return { ended: id };
    },
  );
};
export default routes;
