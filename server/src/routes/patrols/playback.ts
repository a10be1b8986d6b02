/** GET /api/patrols/playback: every track and incident of a time window, for review. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { BBoxQuery, errorResponses, Id } from '../../contract/common.ts';
import { Playback } from '../../contract/patrols.ts';
import { appError } from '../../errors.ts';
import { playback } from '../../repos/patrol-live.ts';
import { bboxParam, timeParam } from '../params.ts';

const MAX_WINDOW_H = 24;

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/patrols/playback',
    {
      onRequest: app.guard('read'),
      schema: {
        tags: ['patrols'],
        summary: 'Tracks (path + time per point) and incidents of a time window, for playback',
        security: [{ bearer: [] }],
        querystring: Type.Object(
          {
            from: Type.String({ description: 'ISO-8601' }),
            to: Type.String({ description: 'ISO-8601' }),
            bbox: Type.Optional(BBoxQuery),
            unit: Type.Optional(Id()),
          },
          { additionalProperties: false },
        ),
        response: { 200: Playback, ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      const from = timeParam('from', q.from, new Date());
      const to = timeParam('to', q.to, new Date());
      if (!(to > from)) throw appError('bad_request', 'to must be after from');
      if (to.getTime() - from.getTime() > MAX_WINDOW_H * 3600_000)
        throw appError('window_too_large', `A playback window is at most ${MAX_WINDOW_H} hours`);
      const data = await playback(app.db, from, to, q.bbox === undefined ? null : bboxParam(q.bbox), q.unit ?? null);
      return { from: from.toISOString(), to: to.toISOString(), ...data };
    },
  );
};
export default routes;
