/**
 * Bearer-token auth. Tokens are JWTs signed with a secret kept in the database (so every
 * server process accepts every other's tokens), and each names a session (`sid`, the sessions
 * table): a token whose session has ended is refused although its signature and expiry are fine.
 * `app.guard(permission)` is the onRequest hook each route names; it checks the token, its
 * session, and the role against domain/roles.ts. It runs in onRequest, before the body is read,
 * so a request without a valid token costs no parsing and gets 401, never a 400 about a body it
 * had no right to send. `app.authenticate(token)` is the same check for socket.io.
 */
import jwt from '@fastify/jwt';
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { TokenClaims } from '../contract/auth.ts';
import { can, type Permission } from '../domain/roles.ts';
import { appError, type AppError } from '../errors.ts';
import { SessionCheck } from '../auth/session-check.ts';

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: TokenClaims;
    user: TokenClaims;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    guard(permission: Permission): onRequestAsyncHookHandler;
    /** Verifies a token and its session (sockets); throws the 401 an HTTP request would get. */
    authenticate(token: string): Promise<TokenClaims>;
    /** Re-checks claims already verified once: expiry and session (each socket message). */
    stillValid(claims: TokenClaims): Promise<AppError | null>;
    sessions: SessionCheck;
  }
}

export interface AuthOptions {
  secret: string;
  tokenTtlSeconds: number;
  /** How long one process trusts its last answer about a session (ms). */
  sessionCacheMs: number;
}

export const SESSION_ENDED = 'The session has ended; sign in again';
export const TOKEN_EXPIRED = 'The token has expired; log in again';
/** The only routes a user who must change their password may call. */
const PASSWORD_CHANGE_ROUTES = new Set(['/api/me', '/api/auth/password', '/api/auth/logout']);

export default fp<AuthOptions>(
  async (app, opts) => {
    await app.register(jwt, { secret: opts.secret, sign: { expiresIn: opts.tokenTtlSeconds } });
    const sessions = new SessionCheck(app.db, {
      cacheMs: opts.sessionCacheMs,
      touchMs: 60_000,
      onError: (err) => app.log.warn({ err }, 'could not record session activity'),
    });
    app.decorate('sessions', sessions);

    /** Null when the verified claims may act, else the 401 to answer. */
    async function problem(claims: TokenClaims): Promise<AppError | null> {
      if (claims.exp !== undefined && claims.exp * 1000 <= Date.now()) return appError('unauthorized', TOKEN_EXPIRED);
      // A wall screen's link token travels in an address: it is good only for the exchange.
      if (claims.use === 'wall-link')
        return appError('unauthorized', 'A wall link token is only accepted by POST /api/auth/wall');
      if (typeof claims.sid !== 'string') return appError('unauthorized', SESSION_ENDED);
      const state = await sessions.state(claims.sid);
      if (!state.live) return appError('unauthorized', SESSION_ENDED);
      claims.mustChangePassword = state.mustChangePassword;
      return null;
    }
    app.decorate('stillValid', problem);

    const verifyError = (err: unknown) =>
      appError(
        'unauthorized',
        (err as Error).message.includes('expired') ? TOKEN_EXPIRED : 'A valid bearer token is required',
      );

    app.decorate('authenticate', async (token: string) => {
      let claims: TokenClaims;
      try {
        claims = app.jwt.verify<TokenClaims>(token);
      } catch (err) {
        throw verifyError(err);
      }
      const p = await problem(claims);
      if (p) throw p;
      return claims;
    });

    app.decorate('guard', (permission: Permission) => {
      return async function guard(request: FastifyRequest, _reply: FastifyReply) {
        try {
          await request.jwtVerify();
        } catch (err) {
          throw verifyError(err);
        }
        const p = await problem(request.user);
        if (p) throw p;
        if (request.user.mustChangePassword && !PASSWORD_CHANGE_ROUTES.has(request.routeOptions.url ?? ''))
          throw appError('forbidden', 'The password must be changed first (POST /api/auth/password)');
        if (!can(request.user.role, permission)) {
          throw appError('forbidden', `The ${request.user.role} role may not ${permission}`);
        }
      };
    });
  },
  { name: 'auth', dependencies: ['errors', 'db'] },
);
