import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { postgisVersion } from '../../repos/summary.ts';
import { ErrorBody } from '../../contract/common.ts';

const Health = Type.Object({
  status: Type.Literal('ok'),
  postgis: Type.String({ description: 'PostGIS library version' }),
  version: Type.String({ description: 'Gridboard version' }),
  uptimeSeconds: Type.Number(),
  pid: Type.Integer(),
});

const routes: FastifyPluginAsyncTypebox<{ version: string }> = async (app, opts) => {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness and database check (no token needed)',
        response: { 200: Health, 503: ErrorBody },
      },
    },
    async () => ({
      status: 'ok' as const,
      postgis: await postgisVersion(app.db),
      version: opts.version,
      uptimeSeconds: Math.round(process.uptime()),
      pid: process.pid,
    }),
  );
};
export default routes;
