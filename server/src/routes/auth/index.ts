/**
 * Sign-in and sessions: login (a session and its token), logout, a user's own password change,
 * and the exchange of a wall screen's link token for a bearer token. Admin session lists are in
 * sessions.ts.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { verifyPassword } from '../../auth/password.ts';
import { checkNewPassword } from '../../auth/password-policy.ts';
import {
  ChangePasswordBody,
  LoginBody,
  LoginReply,
  Me,
  WallExchangeBody,
  WallExchangeReply,
  type TokenClaims,
} from '../../contract/auth.ts';
import { ErrorBody, errorResponses } from '../../contract/common.ts';
import { appError } from '../../errors.ts';
import { clearFailures, loginBlock, recordFailure } from '../../repos/login-throttle.ts';
import lockoutRoutes from './lockouts.ts';
import { SESSION_ENDED } from '../../plugins/auth.ts';
import { createSession, endSession, endUserSessions, liveSession } from '../../repos/sessions.ts';
import { inTransaction } from '../../repos/transaction.ts';
import { changeOwnPassword, findUser } from '../../repos/users.ts';
import sessionRoutes from './sessions.ts';

// Verified against for unknown users, so response time does not reveal which names exist.
const NO_HASH = 'scrypt$16384$8$1$AAAA$AAAA';

const routes: FastifyPluginAsyncTypebox<{ loginRateLimit: number; tokenTtlSeconds: number }> = async (app, opts) => {
  const limited = { rateLimit: { max: opts.loginRateLimit, timeWindow: '1 minute' } };
  const signedIn = { tags: ['auth'], security: [{ bearer: [] }] };

  app.post(
    '/api/auth/login',
    {
      config: { ...limited, audit: 'login' },
      schema: {
        tags: ['auth'],
        summary: 'Exchange a username and password for a bearer token (a new session)',
        description:
          'Throttled per address (429) and per account: after 5 failures in 15 min each attempt waits ' +
          '2^(n−5) s (at most 2 min), and 10 failures from one address lock that address out of the account ' +
          'until an admin lifts it or 24 h pass. Both answer 429 with Retry-After, even for the right password.',
        body: LoginBody,
        response: { 200: LoginReply, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody, 503: ErrorBody },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      // Checked before the password, and alike for names that do not exist: a wait reveals nothing.
      const block = await loginBlock(app.db, username, request.ip);
      if (block) {
        reply.header('retry-after', String(block.retryAfterS));
        throw appError(
          'rate_limited',
          block.kind === 'locked'
            ? 'Too many failed sign-ins to this account from this address; an admin can lift the lockout / 此地址登录失败次数过多，账户已锁定，请联系管理员解锁'
            : `Too many failed sign-ins to this account; retry in ${block.retryAfterS} s / 登录失败次数过多，请 ${block.retryAfterS} 秒后再试`,
          { reason: block.kind, retry_after_s: block.retryAfterS },
        );
      }
      const user = await findUser(app.db, username);
      const ok = await verifyPassword(password, user?.password_hash ?? NO_HASH);
      if (!user || !ok || user.disabled) {
        await recordFailure(app.db, username, request.ip);
        throw appError('bad_credentials');
      }
      await clearFailures(app.db, username);
      // The trail names the account opened (the request carried no token); the name tried is added for every attempt.
      request.audit({ actor: { id: user.id, username: user.username, role: user.role } });
      const expiresAt = new Date(Date.now() + opts.tokenTtlSeconds * 1000);
      const sid = await createSession(app.db, {
        userId: user.id,
        kind: 'login',
        expiresAt,
        ip: request.ip,
        userAgent: request.headers['user-agent'],
      });
      const claims: TokenClaims = { sub: user.id, username: user.username, role: user.role, unit: user.unit_id, sid };
      const token = app.jwt.sign(claims, { expiresIn: opts.tokenTtlSeconds });
      request.log.info({ user: user.username, role: user.role, session: sid }, 'login');
      return {
        token,
        role: user.role,
        username: user.username,
        unit_id: user.unit_id,
        expiresAt: expiresAt.toISOString(),
        must_change_password: user.must_change_password,
      };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      onRequest: app.guard('read'),
      schema: {
        ...signedIn,
        summary: "End the caller's session: its token (and the sockets using it) stop working at once",
        response: { 200: Type.Object({ ended: Type.Boolean() }), ...errorResponses },
      },
    },
    async (request) => {
      const ended = await endSession(app.db, request.user.sid, request.user.username, 'logout');
      app.sessions.ended();
      request.log.info({ user: request.user.username, session: request.user.sid }, 'logout');
      return { ended };
    },
  );

  app.post(
    '/api/auth/password',
    {
      onRequest: app.guard('read'),
      config: limited,
      schema: {
        ...signedIn,
        summary: "Change one's own password; every other session of the user ends",
        description:
          'A wrong `current` password is a 400 (not a 401: the session itself is fine). The new password must pass the password policy.',
        body: ChangePasswordBody,
        response: {
          200: Type.Object({ changed: Type.Boolean(), ended_sessions: Type.Integer() }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { current, new: next } = request.body;
      const user = await findUser(app.db, request.user.username);
      if (!user || user.id !== request.user.sub) throw appError('unauthorized', SESSION_ENDED);
      if (!(await verifyPassword(current, user.password_hash)))
        throw appError('bad_request', 'The current password is wrong');
      if (next === current) throw appError('bad_request', 'The new password must differ from the current one');
      const problem = checkNewPassword(next, user.username);
      if (problem) throw appError('bad_request', problem);
      const ended = await inTransaction(app.db, async (client) => {
        await changeOwnPassword(client, user.id, next);
        return endUserSessions(client, user.id, user.username, 'password changed', request.user.sid);
      });
      app.sessions.ended();
      request.log.info({ user: user.username, ended }, 'password changed');
      return { changed: true, ended_sessions: ended };
    },
  );

  app.post(
    '/api/auth/wall',
    {
      config: limited,
      schema: {
        tags: ['auth'],
        summary: "Exchange a wall screen's link token (from /wall?token=…) for a bearer token of that screen",
        description:
          "The link token is accepted nowhere else. The bearer token belongs to the screen's session: revoking the screen (DELETE /api/wall/tokens/{id}) ends both. A kiosk reopening the link after a restart gets a new bearer token while the screen is not revoked.",
        body: WallExchangeBody,
        response: { 200: WallExchangeReply, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody, 503: ErrorBody },
      },
    },
    async (request) => {
      let claims: TokenClaims;
      try {
        claims = app.jwt.verify<TokenClaims>(request.body.token);
      } catch (err) {
        const expired = (err as Error).message.includes('expired');
        throw appError('unauthorized', expired ? 'The wall link has expired; ask for a new one' : 'Not a wall link');
      }
      if (claims.use !== 'wall-link') throw appError('unauthorized', 'Not a wall link');
      const session = await liveSession(app.db, claims.sid);
      if (!session || session.kind !== 'wall' || session.username !== claims.username)
        throw appError('unauthorized', 'This wall screen was revoked; ask an admin for a new link');
      const expiresAt = new Date(session.expires_at);
      const bearer: TokenClaims = { sub: claims.sub, username: claims.username, role: 'wall', sid: claims.sid };
      const token = app.jwt.sign(bearer, {
        expiresIn: Math.max(1, Math.floor((expiresAt.getTime() - Date.now()) / 1000)),
      });
      request.log.info({ user: claims.username, screen: session.screen, session: claims.sid }, 'wall screen signed in');
      return {
        token,
        role: 'wall' as const,
        username: claims.username,
        screen: session.screen!,
        expiresAt: session.expires_at,
      };
    },
  );

  await app.register(lockoutRoutes);

  app.get(
    '/api/me',
    {
      onRequest: app.guard('read'),
      schema: { ...signedIn, summary: 'Who the token belongs to', response: { 200: Me, ...errorResponses } },
    },
    async (request) => ({
      username: request.user.username,
      role: request.user.role,
      unit_id: request.user.unit ?? null,
      must_change_password: request.user.mustChangePassword ?? false,
    }),
  );

  await app.register(sessionRoutes);
};
export default routes;
