/**
 * Compressed answers (brotli, else gzip) for every text response — JSON, GeoJSON, CSV, HTML, the
 * client's scripts — and for vector tiles, which mime-db does not list as compressible but
 * shrink about three times. A city's area tree or open incidents are megabytes of JSON that
 * compress five to ten times: on a command centre's intranet, or a grid worker's 4G, that is
 * the difference between a page that opens and one that stalls.
 *
 * Brotli runs at quality 4, not the library's default 11: answers are made per request, and
 * quality 11 costs tens of milliseconds per megabyte for a few per cent more. Request bodies
 * are not inflated (globalDecompression off): the body limit judges the bytes that arrive, so
 * a small gzip bomb can never become a large body.
 */
import compress from '@fastify/compress';
import fp from 'fastify-plugin';
import { constants } from 'node:zlib';

/** Below this many bytes compressing costs more than it saves. */
const THRESHOLD = 1024;
const MVT = /^application\/(vnd\.mapbox-vector-tile|x-protobuf)/;

export default fp(
  async (app) => {
    await app.register(compress, {
      global: true,
      globalDecompression: false,
      threshold: THRESHOLD,
      encodings: ['br', 'gzip'],
      customTypes: MVT,
      brotliOptions: {
        params: {
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_QUALITY]: 4,
        },
      },
      zlibOptions: { level: 6 },
    });
  },
  { name: 'compression' },
);
