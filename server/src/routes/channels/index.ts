/**
 * Public channels' keys for the Data page (admins only): list, issue (the key is in this answer
 * alone) and revoke. A revoked key is refused (403) from its next request on.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorBody, errorResponses, IdParams } from '../../contract/common.ts';
import { ChannelSchema, IssuedChannel, NewChannelBody } from '../../contract/open311.ts';
import { appError } from '../../errors.ts';
import { issueChannel, listChannels, revokeChannel } from '../../repos/channels.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/channels',
    {
      onRequest: app.guard('channels:admin'),
      schema: {
        tags: ['open311'],
        summary: 'Public channels (Open311 keys): live ones first, with their requests filed',
        security: [{ bearer: [] }],
        response: { 200: Type.Array(ChannelSchema), ...errorResponses },
      },
    },
    async () => listChannels(app.db),
  );

  app.post(
    '/api/channels',
    {
      onRequest: app.guard('channels:admin'),
      schema: {
        tags: ['open311'],
        summary: 'Issue a channel key (shown in this answer only); a used name is a 409',
        security: [{ bearer: [] }],
        body: NewChannelBody,
        response: { 201: IssuedChannel, ...errorResponses, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const issued = await issueChannel(app.db, b.name.trim(), b.source ?? 'hotline', request.user.username);
      return reply.code(201).send(issued);
    },
  );

  app.delete(
    '/api/channels/:id',
    {
      onRequest: app.guard('channels:admin'),
      schema: {
        tags: ['open311'],
        summary: 'Revoke a channel key: its next request is refused (403); its past requests stay',
        security: [{ bearer: [] }],
        params: IdParams,
        response: { 200: ChannelSchema, ...errorResponses },
      },
    },
    async (request) => {
      const channel = await revokeChannel(app.db, { id: request.params.id });
      if (!channel) throw appError('not_found', `No channel ${request.params.id}`);
      return channel;
    },
  );
};
export default routes;
