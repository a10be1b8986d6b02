/** Import of area layers: communities (carved out, then auto-partitioned) and grids (a community's new partition). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ImportResultSchema } from '../../contract/grid-edits.ts';
import { importCommunities, importGrids, refuseIfNothing } from '../../repos/imports.ts';
import { editErrors } from '../grids/edits.ts';
import { filesFirst } from './files.ts';

/** A whole district's grids fit easily; a 10 MB body is refused before it is parsed. */
export const IMPORT_BODY_LIMIT = 8 * 1024 * 1024;

const Body = Type.Object(
  {
    type: Type.Literal('FeatureCollection'),
    features: Type.Array(Type.Unknown(), { minItems: 1, maxItems: 5000 }),
  },
  { additionalProperties: true },
);

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/import/communities',
    {
      preValidation: filesFirst('communities'),
      onRequest: app.guard('import:write'),
      config: { audit: 'import' },
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags: ['grid edits'],
        summary: 'Import new communities (Polygon features with properties code, name_zh, kind?, target_households?)',
        description:
          'Each community is carved out of the communities it covers (their grids shrink with them), must lie in one ' +
          'street office, and is auto-partitioned into grids of the standard size as a starting proposal. ' +
          'A feature that cannot go in is rejected with its index and the reason; the rest go in together.',
        security: [{ bearer: [] }],
        body: Body,
        response: { 200: ImportResultSchema, ...editErrors },
      },
    },
    async (request) => refuseIfNothing(await importCommunities(app.db, request.body.features, request.user.username)),
  );

  app.post(
    '/api/import/grids',
    {
      preValidation: filesFirst('grids'),
      onRequest: app.guard('import:write'),
      config: { audit: 'import' },
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags: ['grid edits'],
        summary:
          'Import grids (Polygon features with properties community_id or community_code, id?, code?, name_zh?, type?)',
        description:
          'The features of a community replace its grids (a feature whose id is one of them keeps that grid); together ' +
          'they must tile the community (edges within 2 m are snapped to it). The GeoJSON that /api/communities/{id}/export ' +
          'writes comes back unchanged.',
        security: [{ bearer: [] }],
        body: Body,
        response: { 200: ImportResultSchema, ...editErrors },
      },
    },
    async (request) => refuseIfNothing(await importGrids(app.db, request.body.features, request.user.username)),
  );
};
export default routes;
