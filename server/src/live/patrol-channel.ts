/**
 * The patrol side of the live hub: every screen joins the `patrols` room (positions come in
 * batches from PatrolFeed), and devices with an operator or admin token may send `fixes` over
 * the socket instead of HTTP; they are judged and stored exactly as POST /api/patrols/fixes does.
 */
import type { FastifyInstance } from 'fastify';
import type { Server } from 'socket.io';
import type { TokenClaims } from '../contract/auth.ts';
import type { FixesReply } from '../contract/events.ts';
import { toFixInput, type WireFix } from '../domain/patrol-fixes.ts';
import { can } from '../domain/roles.ts';
import { isDatabaseUnavailable } from '../errors.ts';
import { ingestFixes } from '../repos/patrol-fixes.ts';
import { PATROL_ROOM, patrolFeedFor } from './patrol-feed.ts';

const MAX_SOCKET_BATCH = 5000;

/** Checks one fix's shape; returns the reason it is malformed, or null. */
function malformed(f: unknown): string | null {
  if (!f || typeof f !== 'object') return 'each fix is an object {unit, lon, lat, t, accuracy?, speed?}';
  const x = f as Record<string, unknown>;
  if (!Number.isInteger(x.unit)) return 'unit must be an integer';
  if (typeof x.lon !== 'number' || typeof x.lat !== 'number') return 'lon and lat must be numbers';
  if (typeof x.t !== 'number' && typeof x.t !== 'string') return 't must be an ISO-8601 time or epoch milliseconds';
  if (x.accuracy !== undefined && typeof x.accuracy !== 'number') return 'accuracy must be a number';
  if (x.speed !== undefined && typeof x.speed !== 'number') return 'speed must be a number';
  return null;
}

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
      if (!can(user.role, 'patrols:write'))
        return ack({ ok: false, error: { code: 'forbidden', message: `A ${user.role} client may not send fixes` } });
      const fixes = req?.fixes;
      if (!Array.isArray(fixes) || fixes.length === 0 || fixes.length > MAX_SOCKET_BATCH) {
        return ack({
          ok: false,
          error: { code: 'bad_request', message: `fixes takes {fixes: [1..${MAX_SOCKET_BATCH} fixes]}` },
        });
      }
      for (const [i, f] of fixes.entries()) {
        const why = malformed(f);
        if (why) return ack({ ok: false, error: { code: 'bad_request', message: `fix ${i}: ${why}` } });
      }
      try {
        const r = await ingestFixes(
          app.db,
          fixes.map((f) => toFixInput(f as WireFix)),
        );
        feed.push(r.moved);
        ack({ ok: true, data: { ...r, moved: r.moved.length } });
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
