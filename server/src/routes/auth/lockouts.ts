/**
 * Sign-in lockouts for admins: each holds one (user name, address) pair after repeated failures
 * (see domain/login-throttle.ts); lifting one lets that address try again at once.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { LockoutList, LockoutSchema } from '../../contract/auth.ts';
import { errorResponses, IdParams } from '../../contract/common.ts';
import { appError } from '../../errors.ts';
import { liftLockouts, listLockouts } from '../../repos/login-throttle.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/auth/lockouts',
    {
      onRequest: app.guard('users:admin'),
      schema: {
        tags: ['auth'],
        summary: 'Sign-in lockouts in force: a user name locked from one address after 10 failures',
        security: [{ bearer: [] }],
        response: { 200: LockoutList, ...errorResponses },
      },
    },
    async () => ({ items: await listLockouts(app.db) }),
  );

  app.delete(
    '/api/auth/lockouts/:id',
    {
      onRequest: app.guard('users:admin'),
      schema: {
        tags: ['auth'],
        summary: 'Lift a sign-in lockout: that address may sign in to that account again at once',
        security: [{ bearer: [] }],
        params: IdParams,
        response: { 200: LockoutSchema, ...errorResponses },
      },
    },
    async (request) => {
      const [lifted] = await liftLockouts(app.db, { id: request.params.id });
      if (!lifted) throw appError('not_found', `No lockout ${request.params.id}`);
      request.log.info({ lockout: lifted.id, user: lifted.username, by: request.user.username }, 'lockout lifted');
      return lifted;
    },
  );
};
export default routes;
