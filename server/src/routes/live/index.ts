/** Live status: the outbox position and who is connected across every server process. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Server } from 'socket.io';
import { Type } from 'typebox';
import { errorResponses } from '../../contract/common.ts';
import type { OutboxListener } from '../../live/outbox-listener.ts';

const routes: FastifyPluginAsyncTypebox<{ io: Server; listener: OutboxListener }> = async (app, { io, listener }) => {
  app.get(
    '/api/live',
    {
      onRequest: app.guard('read'),
      schema: {
        tags: ['live'],
        summary: 'Live hub status: last delivered seq, and sockets connected to all server processes',
        security: [{ bearer: [] }],
        response: {
          200: Type.Object({
            pid: Type.Integer(),
            latest: Type.Integer(),
            listening: Type.Boolean(),
            localClients: Type.Integer(),
            clients: Type.Integer({ description: 'across every process (through the PostgreSQL adapter)' }),
            byRole: Type.Record(Type.String(), Type.Integer()),
          }),
          ...errorResponses,
        },
      },
    },
    async () => {
      // Another process not answering within 3 s must not fail the status page: count this
      // process's sockets alone, and say so in the log.
      const sockets = await io
        .timeout(3000)
        .fetchSockets()
        .catch((err: unknown) => {
          app.log.warn({ err }, 'counting sockets across processes failed; /api/live reports this process only');
          return io.local.fetchSockets();
        });
      const byRole: Record<string, number> = {};
      for (const s of sockets) {
        const role = (s.data as { user?: { role?: string } }).user?.role ?? 'unknown';
        byRole[role] = (byRole[role] ?? 0) + 1;
      }
      return {
        pid: process.pid,
        latest: listener.position,
        listening: listener.connected,
        localClients: io.of('/').sockets.size,
        clients: sockets.length,
        byRole,
      };
    },
  );
};
export default routes;
