import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { TileCache } from '../../cache/tile-cache.ts';
import { errorResponses } from '../../contract/common.ts';
import { isValidTile, MAX_ZOOM } from '../../domain/tiles.ts';
import { appError } from '../../errors.ts';
import { sendEncoded } from '../params.ts';
import { renderTile, TILE_LAYER_NAMES, tileLayer } from '../../repos/tiles.ts';

const MVT = 'application/vnd.mapbox-vector-tile';

const routes: FastifyPluginAsyncTypebox<{ cache: TileCache }> = async (app, { cache }) => {
  app.get(
    '/tiles/:layer/:z/:x/:y.mvt',
    {
      onRequest: app.guard('read'),
      schema: {
        tags: ['tiles'],
        summary: `Mapbox vector tile of one layer (${TILE_LAYER_NAMES.join(', ')}); basemap holds landuse, water, roads and buildings`,
        security: [{ bearer: [] }],
        params: Type.Object({
          layer: Type.String({ description: TILE_LAYER_NAMES.join(' | ') }),
          z: Type.Integer({ minimum: 0, maximum: MAX_ZOOM }),
          x: Type.Integer({ minimum: 0 }),
          y: Type.Integer({ minimum: 0 }),
        }),
        response: {
          200: { description: 'MVT tile (may be empty)', type: 'string', format: 'binary' },
          304: { description: 'Not modified', type: 'null' },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { layer, z, x, y } = request.params;
      const def = tileLayer(layer);
      if (!def) throw appError('unknown_layer', `No tile layer "${layer}"; layers are ${TILE_LAYER_NAMES.join(', ')}`);
      if (!isValidTile(z, x, y))
        throw appError('bad_tile', `Tile ${z}/${x}/${y} does not exist: x and y must be below ${2 ** z} at zoom ${z}`);
      const tile = await cache.get(layer, `${z}/${x}/${y}`, def.ttlMs, () => renderTile(app.db, layer, z, x, y));
      reply.header('etag', tile.etag).header('cache-control', 'private, no-cache');
      if (request.headers['if-none-match'] === tile.etag) return sendEncoded(reply.code(304), MVT, '');
      return sendEncoded(reply, MVT, tile.body);
    },
  );
};
export default routes;
