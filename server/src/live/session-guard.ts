/**
 * Sessions on sockets. A socket is checked when it connects, again before every message it sends
 * (its token may have expired or its session ended since), and by a sweep every `sweepMs` that
 * disconnects the sockets of ended sessions and expired tokens even when they are silent. Each is
 * told why (`session:ended`) before it is cut, so its screen goes back to the sign-in page instead
 * of reconnecting. The sweep reads the sessions fresh from the database, so a session ended in
 * another server process is cut here within one sweep.
 */
import type { FastifyInstance } from 'fastify';
import type { Server, Socket } from 'socket.io';
import type { TokenClaims } from '../contract/auth.ts';
import { isDatabaseUnavailable } from '../errors.ts';
import { TOKEN_EXPIRED, SESSION_ENDED } from '../plugins/auth.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySocket = Socket<any, any, any, any>;

const refusal = (message: string) =>
  Object.assign(new Error('unauthorized'), { data: { code: 'unauthorized', message } });

function endSocket(socket: AnySocket, message: string) {
  socket.emit('session:ended', { code: 'unauthorized', message });
  socket.disconnect(true);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function attachSessionGuard(app: FastifyInstance, io: Server<any, any, any, any>, sweepMs: number) {
  io.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown })?.token;
    if (typeof token !== 'string') return next(refusal('auth.token is required'));
    app.authenticate(token).then(
      (claims) => {
        socket.data.user = claims;
        next();
      },
      // Not swallowed: a bad, expired or ended token is the client's answer, refused like HTTP's 401.
      (err: Error & { statusCode?: number }) =>
        next(err.statusCode === 401 ? refusal(err.message) : refusal('The session could not be checked; retry')),
    );
  });

  io.on('connection', (socket) => {
    // Every message: is the token still good? A refused one gets its ack (if any) and the socket is cut.
    socket.use((packet, next) => {
      const ack = packet.at(-1);
      const answer = (code: string, message: string) => {
        if (typeof ack === 'function') ack({ ok: false, error: { code, message } });
      };
      app.stillValid(socket.data.user as TokenClaims).then(
        (problem) => {
          if (!problem) return next();
          answer('unauthorized', problem.message);
          endSocket(socket, problem.message);
        },
        (err) => {
          if (!isDatabaseUnavailable(err)) app.log.error({ err }, 'socket session check failed');
          answer('db_unavailable', 'The session could not be checked; retry shortly');
        },
      );
    });
  });

  let running = false;
  async function sweep() {
    if (running) return;
    running = true;
    try {
      const sockets = [...io.of('/').sockets.values()];
      const now = Date.now();
      const live: AnySocket[] = [];
      for (const s of sockets) {
        const user = s.data.user as TokenClaims | undefined;
        if (!user) continue;
        if (user.exp !== undefined && user.exp * 1000 <= now) endSocket(s, TOKEN_EXPIRED);
        else live.push(s);
      }
      if (!live.length) return;
      const states = await app.sessions.states([...new Set(live.map((s) => (s.data.user as TokenClaims).sid))]);
      for (const s of live) if (!states.get((s.data.user as TokenClaims).sid)?.live) endSocket(s, SESSION_ENDED);
    } catch (err) {
      // The next sweep tries again; a database outage is reported by everything else already.
      if (!isDatabaseUnavailable(err)) app.log.error({ err }, 'socket session sweep failed');
    } finally {
      running = false;
    }
  }
  const timer = sweepMs > 0 ? setInterval(() => void sweep(), sweepMs) : null;
  timer?.unref();
  // A session ended in this process: cut its sockets now rather than at the next sweep.
  app.sessions.onEnded(() => void sweep());
  app.addHook('preClose', async () => {
    if (timer) clearInterval(timer);
  });
}
