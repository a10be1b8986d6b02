/** POST /api/patrols/fixes: batches of GPS fixes from field devices. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../contract/common.ts';
import { FixBatch, IngestReply } from '../../contract/patrols.ts';
import { toFixInput } from '../../domain/patrol-fixes.ts';
import { patrolFeedFor } from '../../live/patrol-feed.ts';
import { ingestFixes } from '../../repos/patrol-fixes.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const feed = patrolFeedFor(app.server);
  app.post(
    '/api/patrols/fixes',
    {
      preHandler: app.guard('patrols:write'),
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        tags: ['patrols'],
        summary: 'Store a batch of GPS fixes; implausible, duplicate and late fixes are counted, not fatal',
        security: [{ bearer: [] }],
        body: FixBatch,
        response: { 200: IngestReply, ...errorResponses },
      },
    },
    async (request) => {
      const r = await ingestFixes(app.db, request.body.fixes.map(toFixInput));
      feed.push(r.moved);
      return { ...r, moved: r.moved.length };
    },
  );
};
export default routes;
