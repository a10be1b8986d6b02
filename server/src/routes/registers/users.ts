/**
 * The users register (admins only, reads included): create with a password, change role or
 * disable, reset a password (the user must change it at the next sign-in; their sessions end). Password hashes are never returned. The last enabled admin can be
 * neither demoted, disabled nor deleted (409).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams } from '../../contract/common.ts';
import { NewUserBody, PasswordBody, UserPatchBody, UserSchema } from '../../contract/registers.ts';
import type { Role } from '../../contract/vocabulary.ts';
import { users } from '../../repos/register-users.ts';
import { registerCrud, writeErrors } from './crud.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  // A change that ended sessions (role, disabling, deletion) is refused by this process from the
  // next request on, not after its cached answer ages: forget the cache before the reply leaves.
  app.addHook('onSend', async (request, reply) => {
    if (request.method !== 'GET' && reply.statusCode < 300) app.sessions.ended();
  });

  // A role given or changed is its own action in the audit trail, with the role before and after
  // (a refused change too, with its status). Read before the write, in this plugin's routes only.
  app.addHook('preHandler', async (request) => {
    const body = request.body as { role?: Role } | undefined;
    if (!body?.role) return;
    const route = request.routeOptions.url;
    if (request.method === 'POST' && route === '/api/users') {
      request.audit({ action: 'role_change', before: { role: null }, after: { role: body.role } });
    } else if (request.method === 'PUT' && route === '/api/users/:id') {
      const { id } = request.params as { id: number };
      const current = await users.get(app.db, id);
      if (current && current.role !== body.role)
        request.audit({ action: 'role_change', before: { role: current.role }, after: { role: body.role } });
    }
  });

  registerCrud(app, {
    name: 'users',
    label: 'user',
    item: UserSchema,
    newBody: NewUserBody,
    patchBody: UserPatchBody,
    read: 'users:admin',
    write: 'users:admin',
    repo: users,
    searches: 'username and role',
    deleteNote: 'The last enabled admin cannot be deleted (409); disabling keeps the name on record.',
  });

  app.post(
    '/api/users/:id/password',
    {
      onRequest: app.guard('users:admin'),
      schema: {
        tags: ['registers'],
        summary:
          "Reset a user's password (the password policy applies: 400 with the reason): their sessions end and they must change it at the next sign-in; a stale version is a 409",
        security: [{ bearer: [] }],
        params: IdParams,
        body: PasswordBody,
        response: { 200: UserSchema, ...writeErrors },
      },
    },
    async (request) =>
      users.setPassword(app.db, request.params.id, request.body.password, request.body.version, request.user.username),
  );
};
export default routes;
