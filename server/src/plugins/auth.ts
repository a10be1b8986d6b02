/**
 * Bearer-token auth. Tokens are JWTs signed with a secret kept in the database (so every
 * server process accepts every other's tokens). `app.guard(permission)` is the onRequest hook each
 * route names; it checks the role against domain/roles.ts. It runs in onRequest, before the body
 * is read, so a request without a valid token costs no parsing and gets 401, never a 400 about a body
 * it had no right to send.
 */
import jwt from '@fastify/jwt';
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { TokenClaims } from '../contract/auth.ts';
import { can, type Permission } from '../domain/roles.ts';
import { appError } from '../errors.ts';

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: TokenClaims;
    user: TokenClaims;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    guard(permission: Permission): onRequestAsyncHookHandler;
  }
}

export interface AuthOptions {
  secret: string;
  tokenTtlSeconds: number;
}

export default fp<AuthOptions>(
  async (app, opts) => {
    await app.register(jwt, { secret: opts.secret, sign: { expiresIn: opts.tokenTtlSeconds } });
    app.decorate('guard', (permission: Permission) => {
      return async function guard(request: FastifyRequest, _reply: FastifyReply) {
        try {
          await request.jwtVerify();
        } catch (err) {
          const msg = (err as Error).message;
          throw appError(
            'unauthorized',
            msg.includes('expired') ? 'The token has expired; log in again' : 'A valid bearer token is required',
          );
        }
        if (!can(request.user.role, permission)) {
          throw appError('forbidden', `The ${request.user.role} role may not ${permission}`);
        }
      };
    });
  },
  { name: 'auth', dependencies: ['errors'] },
);
