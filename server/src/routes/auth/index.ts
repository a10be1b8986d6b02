import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { verifyPassword } from '../../auth/password.ts';
import { LoginBody, LoginReply, Me } from '../../contract/auth.ts';
import { ErrorBody, errorResponses } from '../../contract/common.ts';
import { appError } from '../../errors.ts';
import { findUser } from '../../repos/users.ts';

const routes: FastifyPluginAsyncTypebox<{ loginRateLimit: number; tokenTtlSeconds: number }> = async (app, opts) => {
  app.post(
    '/api/auth/login',
    {
      config: { rateLimit: { max: opts.loginRateLimit, timeWindow: '1 minute' }, audit: 'login' },
      schema: {
        tags: ['auth'],
        summary: 'Exchange a username and password for a bearer token',
        body: LoginBody,
        response: { 200: LoginReply, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody, 503: ErrorBody },
      },
    },
    async (request) => {
      const { username, password } = request.body;
      const user = await findUser(app.db, username);
      // Verify even for unknown users so response time does not reveal which names exist.
      const ok = await verifyPassword(password, user?.password_hash ?? 'scrypt$16384$8$1$AAAA$AAAA');
      if (!user || !ok || user.disabled) throw appError('bad_credentials');
      // The trail names the account opened (the request carried no token); the name tried is added for every attempt.
      request.audit({ actor: { id: user.id, username: user.username, role: user.role } });
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
