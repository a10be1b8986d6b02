/**
 * The live hub: socket.io on the HTTP server. Authenticates sockets with the same bearer
 * token and session check as HTTP, on connect and before every message (session-guard.ts),
 * puts each in a room for the area it follows, forwards committed outbox events (from
 * OutboxListener) to the sockets of this process, and answers `resync`.
 *
 * Every process tails the outbox itself and emits only to its own sockets (io.local), so a
 * process that dies after a commit loses nothing: the event is in the table for every other
 * process and for resync. The PostgreSQL adapter joins the processes for what is not in the
 * outbox: cluster-wide socket queries (who is connected) and server-to-server messages.
 */
import { createAdapter } from '@socket.io/postgres-adapter';
import type { FastifyInstance } from 'fastify';
import { Server, type Socket } from 'socket.io';
import type { TokenClaims } from '../contract/auth.ts';
import type {
  ClientToServerEvents,
  FollowRequest,
  LiveEvent,
  ResyncReply,
  ServerToClientEvents,
} from '../contract/events.ts';
import type { Deadlines } from '../domain/workflow.ts';
import { countSince, eventsSince } from '../repos/outbox.ts';
import { openIncidentSnapshot } from '../repos/incident-reads.ts';
import { isDatabaseUnavailable } from '../errors.ts';
import { OutboxListener } from './outbox-listener.ts';
import { attachPatrolChannel } from './patrol-channel.ts';
import { attachSessionGuard } from './session-guard.ts';

export interface HubOptions {
  databaseUrl: string;
  deadlines: Deadlines;
  /** Most events one resync replays; a client further behind gets a snapshot. */
  replayLimit: number;
  /** Largest socket message accepted (bytes); larger ones close the connection. */
  maxMessageBytes: number;
  /** How often (ms) sockets of ended sessions and expired tokens are looked for and cut. */
  sessionSweepMs: number;
}

type LiveSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  { user: TokenClaims; rooms: string[] }
>;

const roomsFor = (f: FollowRequest | null): string[] =>
  f?.community ? [`community:${f.community}`] : f?.district ? [`district:${f.district}`] : ['all'];

export async function attachLiveHub(app: FastifyInstance, opts: HubOptions) {
  const io = new Server<
    ClientToServerEvents,
    ServerToClientEvents,
    Record<string, never>,
    { user: TokenClaims; rooms: string[] }
  >(app.server, {
    maxHttpBufferSize: opts.maxMessageBytes,
    serveClient: false,
    cors: { origin: false },
    pingInterval: 10_000,
    pingTimeout: 8_000,
  });
  io.adapter(createAdapter(app.db, { heartbeatInterval: 3000, heartbeatTimeout: 8000 }));

  attachSessionGuard(app, io, opts.sessionSweepMs);

  const listener = new OutboxListener(opts.databaseUrl, app.db, app.log);
  listener.on('event', (e: LiveEvent) => {
    const rooms = ['all'];
    if (e.district_id) rooms.push(`district:${e.district_id}`);
    if (e.community_id) rooms.push(`community:${e.community_id}`);
    io.local.to(rooms).emit('event', e);
    if (e.type === 'grid.changed') app.tileCache.invalidate('grids');
    if (e.type === 'camera.changed') app.tileCache.invalidate('cameras');
    if (e.type === 'city.imported') app.tileCache.invalidateAll();
  });

  attachPatrolChannel(app, io);

  io.on('connection', (raw) => {
    const socket = raw as LiveSocket;
    socket.data.rooms = ['all'];
    void socket.join('all');
    socket.emit('hello', { latest: listener.position, role: socket.data.user.role, pid: process.pid });

    socket.on('follow', async (req, ack) => {
      if (typeof ack !== 'function') return;
      if (
        req !== null &&
        (typeof req !== 'object' ||
          (req.district !== undefined && !Number.isInteger(req.district)) ||
          (req.community !== undefined && !Number.isInteger(req.community)))
      ) {
        return ack({
          ok: false,
          error: {
            code: 'bad_request',
            message: 'follow takes {district} or {community} as integers, or null for the whole city',
          },
        });
      }
      for (const r of socket.data.rooms) await socket.leave(r);
      socket.data.rooms = roomsFor(req);
      await socket.join(socket.data.rooms);
      ack({ ok: true, data: { rooms: socket.data.rooms } });
    });

    socket.on('resync', async (req, ack) => {
      if (typeof ack !== 'function') return;
      const since = (req as { since?: unknown })?.since;
      if (typeof since !== 'number' || !Number.isInteger(since) || since < 0) {
        return ack({
          ok: false,
          error: { code: 'bad_request', message: 'resync takes {since: the last seq you saw, an integer ≥ 0}' },
        });
      }
      try {
        ack(await resync(since, socket.data.rooms));
      } catch (err) {
        const code = isDatabaseUnavailable(err) ? 'db_unavailable' : 'internal';
        if (code === 'internal') app.log.error({ err }, 'resync failed');
        ack({
          ok: false,
          error: {
            code,
            message: code === 'db_unavailable' ? 'The database is unavailable; retry shortly' : 'resync failed',
          },
        });
      }
    });

    // Anything else a client sends is refused: screens listen; changes go through HTTP,
    // where roles are checked.
    socket.onAny((name: string, ...args: unknown[]) => {
      if (name === 'follow' || name === 'resync' || name === 'fixes') return;
      const ack = args.at(-1);
      if (typeof ack === 'function')
        ack({
          ok: false,
          error: {
            code: 'forbidden',
            message: `"${name}" is not a message this server accepts from a ${socket.data.user.role} client`,
          },
        });
    });
  });

  async function resync(since: number, rooms: string[]): Promise<ResyncReply> {
    const area = rooms[0]?.startsWith('district:')
      ? { district: Number(rooms[0].slice(9)) }
      : rooms[0]?.startsWith('community:')
        ? { community: Number(rooms[0].slice(10)) }
        : {};
    const behind = await countSince(app.db, since, opts.replayLimit + 1);
    if (behind > opts.replayLimit) {
      const snapshot = await openIncidentSnapshot(app.db, opts.deadlines, area);
      return { ok: true, snapshot: { incidents: snapshot.incidents }, latest: snapshot.latest };
    }
    const events = await eventsSince(app.db, since, opts.replayLimit, area);
    return { ok: true, events, latest: Math.max(listener.position, events.at(-1)?.seq ?? since) };
  }

  await listener.start();
  app.addHook('preClose', async () => {
    await listener.close();
    io.disconnectSockets(true);
    await new Promise<void>((resolve) => io.close(() => resolve()));
  });
  return { io, listener };
}
