/** A community's grids for the editor, its blocks, its permanent history; view and restore any earlier state. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { errorResponses, Id, IdParams } from '../../contract/common.ts';
import { HOUSEHOLD_STANDARD } from '../../contract/standards.ts';
import { EditResultSchema, HistoryResponse, RestoreBody, VersionStateResponse } from '../../contract/grid-edits.ts';
import { appError } from '../../errors.ts';
import { restoreVersion, stateAt } from '../../repos/grid-edits-ops.ts';
import { communityBlocks, communityGrids, communityHistory, gridCommunity } from '../../repos/grid-edits-reads.ts';
import { GEOJSON, sendEncoded } from '../params.ts';
import { editErrors } from './edits.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/communities/:id/grids',
    {
      onRequest: app.guard('read'),
      schema: {
        tags: ['grid edits'],
        summary: "A community's grids with households and population against the standard, contiguity and compactness",
        security: [{ bearer: [] }],
        params: IdParams,
        querystring: Type.Object(
          {
            target: Type.Optional(
              Type.Integer({
                minimum: 1,
                maximum: 100000,
                description: `Households per grid (default: ${HOUSEHOLD_STANDARD.urban} urban, ${HOUSEHOLD_STANDARD.rural} rural)`,
              }),
            ),
            band: Type.Optional(
              Type.Number({ minimum: 0, maximum: 10, description: 'Allowed relative deviation (default 0.25)' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { ...errorResponses },
      },
    },
    async (request, reply) =>
      sendEncoded(
        reply,
        GEOJSON,
        await communityGrids(app.db, request.params.id, request.query.target, request.query.band),
      ),
  );

  app.get(
    '/api/communities/:id/blocks',
    {
      onRequest: app.guard('read'),
      schema: {
        tags: ['grid edits'],
        summary: "A community's street blocks (the brush's units) and the grid each is in",
        security: [{ bearer: [] }],
        params: IdParams,
        response: { ...errorResponses },
      },
    },
    async (request, reply) => sendEncoded(reply, GEOJSON, await communityBlocks(app.db, request.params.id)),
  );

  app.get(
    '/api/communities/:id/history',
    {
      onRequest: app.guard('read'),
      schema: {
        tags: ['grid edits'],
        summary: "Every edit of a community's grids, newest first: who, when, why, and the counts before and after",
        security: [{ bearer: [] }],
        params: IdParams,
        querystring: Type.Object(
          { limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }) },
          { additionalProperties: false },
        ),
        response: { 200: HistoryResponse, ...errorResponses },
      },
    },
    async (request) => ({
      community_id: request.params.id,
      versions: await communityHistory(app.db, request.params.id, request.query.limit),
    }),
  );

  app.get(
    '/api/grids/:id/history',
    {
      onRequest: app.guard('read'),
      schema: {
        tags: ['grid edits'],
        summary: 'The edits that touched a grid (also after it was merged away)',
        security: [{ bearer: [] }],
        params: IdParams,
        querystring: Type.Object(
          { limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }) },
          { additionalProperties: false },
        ),
        response: { 200: HistoryResponse, ...errorResponses },
      },
    },
    async (request) => {
      const community = await gridCommunity(app.db, request.params.id);
      if (community === null) throw appError('not_found', `No grid with id ${request.params.id}`);
      return {
        community_id: community,
        versions: await communityHistory(app.db, community, request.query.limit, request.params.id),
      };
    },
  );

  app.get(
    '/api/communities/:id/versions/:version',
    {
      onRequest: app.guard('read'),
      schema: {
        tags: ['grid edits'],
        summary: "A community's grids as they were after (or just before) a version",
        security: [{ bearer: [] }],
        params: Type.Object({ id: IdParams.properties.id, version: Id() }),
        querystring: Type.Object(
          { side: Type.Union([Type.Literal('after'), Type.Literal('before')], { default: 'after' }) },
          { additionalProperties: false },
        ),
        response: { 200: VersionStateResponse, ...errorResponses },
      },
    },
    async (request) => ({
      community_id: request.params.id,
      version: request.params.version,
      side: request.query.side,
      grids: await stateAt(app.db, request.params.id, request.params.version, request.query.side),
    }),
  );

  app.post(
    '/api/communities/:id/restore',
    {
      onRequest: app.guard('grids:write'),
      schema: {
        tags: ['grid edits'],
        summary:
          "Restore a community's grids to an earlier state (undo, redo, or any version); recorded as a new version",
        security: [{ bearer: [] }],
        params: IdParams,
        body: RestoreBody,
        response: { 200: EditResultSchema, ...editErrors },
      },
    },
    async (request) =>
      restoreVersion(
        app.db,
        request.params.id,
        request.body.version,
        request.body.side ?? 'after',
        request.body.based_on ?? null,
        { actor: request.user.username, reason: request.body.reason, preview: request.body.preview },
      ),
  );
};
export default routes;
