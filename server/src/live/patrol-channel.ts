/**
 * The patrol side of the live hub: every screen joins the `patrols` room (positions come in
 * batches from PatrolFeed), and devices allowed fixes:write (operators, admins, a grid worker for
 * their own unit) may send `fixes` over the socket instead of HTTP; they are judged and stored
 * exactly as POST /api/patrols/fixes does.
 */
import type { FastifyInstance } from 'fastify';
import type { Server } from 'socket.io';
import type { TokenClaims } from '../contract/auth.ts';
import type { FixesReply } from '../contract/events.ts';
import { batchReply, screenFixes } from '../domain/patrol-fixes.ts';
import { can } from '../domain/roles.ts';
import { isDatabaseUnavailable } from '../errors.ts';
import { ingestFixes } from '../repos/patrol-fixes.ts';
import { PATROL_ROOM, patrolFeedFor } from './patrol-feed.ts';

const MAX_SOCKET_BATCH = 5000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function attachPatrolChannel(app: FastifyInstance, io: Server<any, any, any, any>) {
  const feed = patrolFeedFor(app.server);
  feed.io = io;
  app.addHook('preClose', async () => feed.close());
  io.on('connection', (socket) => {
    void socket.join(PATROL_ROOM);
    socket.on('fixes', async (req: { fixes?: unknown }, ack: (r: FixesReply) => void) => {
      if (typeof ack !== 'function') return;
      const user = socket.data.user as TokenClaims;
      if (!can(user.role, 'fixes:write'))
        return ack({ ok: false, error: { code: 'forbidden', message: `A ${user.role} client may not send fixes` } });
      const fixes = req?.fixes;
      if (!Array.isArray(fixes) || fixes.length === 0 || fixes.length > MAX_SOCKET_BATCH) {
        return ack({
          ok: false,
          error: { code: 'bad_request', message: `fixes takes {fixes: [1..${MAX_SOCKET_BATCH} fixes]}` },
        });
      }
      // Judged item by item, as over HTTP: bad items are listed by index, the rest stored.
      const screened = screenFixes(fixes, user.role === 'worker' ? (user.unit ?? -1) : null);
      try {
        const r = await ingestFixes(app.db, screened.fixes);
        feed.push(r.moved);
        ack({ ok: true, data: batchReply(fixes.length, screened, { ...r, moved: r.moved.length }) });
      } catch (err) {
        const code = isDatabaseUnavailable(err) ? 'db_unavailable' : 'internal';
        if (code === 'internal') app.log.error({ err }, 'socket fixes failed');
        ack({
          ok: false,
          error: {
            code,
            message:
              code === 'db_unavailable' ? 'The database is unavailable; retry shortly' : 'storing the fixes failed',
          },
        });
      }
    });
  });
}
