/**
 * Serves the built client (dist/client) on the same origin as the API. Page routes such as
 * /wall or /console fall back to index.html, and /m/… to the grid worker's phone app
 * (m/index.html); unknown /api and /tiles paths stay JSON 404s.
 */
import fastifyStatic from '@fastify/static';
import fs from 'node:fs';
import path from 'node:path';
import fp from 'fastify-plugin';

export default fp<{ dir: string | null }>(
  async (app, { dir }) => {
    const index = dir ? path.join(dir, 'index.html') : null;
    if (dir && index && fs.existsSync(index)) {
      await app.register(fastifyStatic, {
        root: dir,
        wildcard: false,
        index: false,
        cacheControl: false,
        setHeaders: (reply, file) => {
          // Hashed assets never change; index.html must always be revalidated.
          reply.header(
            'cache-control',
            file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
          );
        },
      });
    }
    app.setNotFoundHandler((request, reply) => {
      const url = request.url.split('?')[0];
      const isPage =
        request.method === 'GET' && !url.startsWith('/api/') && !url.startsWith('/tiles/') && !path.extname(url);
      if (isPage && dir && index && fs.existsSync(index)) {
        const page = url === '/m' || url.startsWith('/m/') ? 'm/index.html' : 'index.html';
        return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile(page);
      }
      return reply.code(404).send({ error: { code: 'not_found', message: `No route ${request.method} ${url}` } });
    });
  },
  { name: 'client' },
);
