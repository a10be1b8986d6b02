/** OpenAPI 3 description of every route, browsable at /api/docs (assets served locally). */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';

export default fp<{ version: string }>(
  async (app, opts) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Gridboard API',
          version: opts.version,
          description: 'Command dashboard for grid-based community governance: grids, cameras, incidents, tiles.',
        },
        components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
        tags: [
          { name: 'system' },
          { name: 'auth' },
          { name: 'summary' },
          { name: 'features' },
          { name: 'incidents' },
          { name: 'live' },
          { name: 'patrols' },
          { name: 'tiles' },
        ],
      },
    });
    await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
  },
  { name: 'docs' },
);
