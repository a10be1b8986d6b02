import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { verifyPassword } from '../../auth/password.ts';
import { LoginBody, LoginReply, Me } from '../../contract/auth.ts';
import { ErrorBody, errorResponses } from '../../contract/common.ts';
import { appError } from '../../errors.ts';
import { clearFailures, loginBlock, recordFailure } from '../../repos/login-throttle.ts';
import { findUser } from '../../repos/users.ts';
import lockoutRoutes from './lockouts.ts';

const routes: FastifyPluginAsyncTypebox<{ loginRateLimit: number; tokenTtlSeconds: number }> = async (app, opts) => {
  app.post(
    '/api/auth/login',
    {
      config: { rateLimit: { max: opts.loginRateLimit, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Exchange a username and password for a bearer token',
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
      // Verify even for unknown users so response time does not reveal which names exist.
      const ok = await verifyPassword(password, user?.password_hash ?? 'scrypt$16384$8$1$AAAA$AAAA');
      if (!user || !ok || user.disabled) {
        await recordFailure(app.db, username, request.ip);
        throw appError('bad_credentials');
      }
      await clearFailures(app.db, username);
      const token = app.jwt.sign({ sub: user.id, username: user.username, role: user.role, unit: user.unit_id });
      request.log.info({ user: user.username, role: user.role }, 'login');
      return {
        token,
        role: user.role,
        username: user.username,
        unit_id: user.unit_id,
        expiresAt: new Date(Date.now() + opts.tokenTtlSeconds * 1000).toISOString(),
      };
    },
  );

  await app.register(lockoutRoutes);

  app.get(
    '/api/me',
    {
      onRequest: app.guard('read'),
      schema: {
        tags: ['auth'],
        summary: 'Who the token belongs to',
        security: [{ bearer: [] }],
        response: { 200: Me, ...errorResponses },
      },
    },
    async (request) => ({
      username: request.user.username,
      role: request.user.role,
      unit_id: request.user.unit ?? null,
    }),
  );
};
export default routes;
