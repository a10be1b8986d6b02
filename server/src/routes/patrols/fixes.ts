/** POST /api/patrols/fixes: batches of GPS fixes from field devices, judged item by item. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../contract/common.ts';
import { FixBatch, IngestReply } from '../../contract/patrols.ts';
import { batchReply, screenFixes } from '../../domain/patrol-fixes.ts';
import { patrolFeedFor } from '../../live/patrol-feed.ts';
import { ingestFixes } from '../../repos/patrol-fixes.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const feed = patrolFeedFor(app.server);
  app.post(
    '/api/patrols/fixes',
    {
      onRequest: app.guard('fixes:write'),
      // Telemetry, not a change: each unit every 10 s, kept with unit and time in patrol_fixes. Only
      // refused batches reach the audit trail.
      config: { audit: false },
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        tags: ['patrols'],
        summary:
          'Store a batch of GPS fixes; malformed items (by index), implausible, duplicate and late fixes are ' +
          "counted, not fatal. A grid worker sends only their own unit's fixes (others: not_your_unit)",
        security: [{ bearer: [] }],
        body: FixBatch,
        response: { 200: IngestReply, ...errorResponses },
      },
    },
    async (request) => {
      const items = request.body.fixes;
      const screened = screenFixes(items, request.user.role === 'worker' ? (request.user.unit ?? -1) : null);
      const r = await ingestFixes(app.db, screened.fixes);
      feed.push(r.moved);
      return batchReply(items.length, screened, { ...r, moved: r.moved.length });
    },
  );
};
export default routes;
