/** Coverage planning: placement suggestions, what-if plans, and the full recompute. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { BBoxQuery, ErrorBody, errorResponses } from '../../contract/common.ts';
import { SuggestBody, SuggestResponse, WhatIfBody, WhatIfResponse } from '../../contract/coverage.ts';
import { withDefaults, type CameraInput } from '../../domain/coverage-cameras.ts';
import type { CameraChange } from '../../repos/camera-writes.ts';
import { bboxParam } from '../params.ts';
import { ensureCoverage, recomputeAll, refreshArea } from '../../repos/coverage-compute.ts';
import { DEFAULT_WEIGHTS, SUGGEST_DEFAULTS, suggest, whatIf } from '../../repos/coverage-plan.ts';

const writeErrors = { ...errorResponses, 409: ErrorBody };

const routes: FastifyPluginAsyncTypebox<{ recomputeWorkers?: number }> = async (app, opts) => {
  // A coverage clean-up step that failed (an index not recreated) goes to the log.
  const warn = (msg: string, err: unknown) => app.log.warn({ err }, msg);
  app.post(
    '/api/coverage/suggest',
    {
      onRequest: app.guard('cameras:write'),
      schema: {
        tags: ['coverage'],
        summary:
          'Where to put the next N cameras in an area: greedy maximum gain in key places, intersections and road',
        description:
          "Candidate sites at every intersection and along every road (`spacing_m`); each candidate's view is built with " +
          'building occlusion; the greedy pick takes, N times, the candidate that adds the most not yet covered. Each ' +
          'suggestion says what it adds (`gain`) and what the picks so far add together (`total`).',
        security: [{ bearer: [] }],
        body: SuggestBody,
        response: { 200: SuggestResponse, ...errorResponses },
      },
    },
    async (request) => {
      const b = request.body;
      await ensureCoverage(app.db, { warn });
      const kind = b.camera?.kind ?? 'ptz';
      const base = SUGGEST_DEFAULTS[kind];
      return suggest(app.db, {
        area: b.area,
        count: b.count,
        camera: {
          kind,
          fov_deg: kind === 'ptz' ? 360 : (b.camera?.fov_deg ?? base.fov_deg),
          range_m: b.camera?.range_m ?? base.range_m,
          height_m: b.camera?.height_m ?? base.height_m,
        },
        spacingM: b.spacing_m ?? SUGGEST_DEFAULTS.spacingM,
        weights: { ...DEFAULT_WEIGHTS, ...b.weights },
      });
    },
  );

  app.post(
    '/api/coverage/whatif',
    {
      onRequest: app.guard('cameras:write'),
      schema: {
        tags: ['coverage'],
        summary: 'What a plan of camera changes would do to coverage, before committing it',
        description:
          'Applies the changes (add, update — e.g. status faulty — or remove) exactly as the registry would, in a ' +
          'transaction that is then rolled back, and returns the measures before and after for the city, the given area ' +
          '(grid or community) and every grid the changes reach. Nothing is stored.',
        security: [{ bearer: [] }],
        body: WhatIfBody,
        response: { 200: WhatIfResponse, ...writeErrors },
      },
    },
    async (request) => {
      const b = request.body;
      await ensureCoverage(app.db, { warn });
      const changes: CameraChange[] = b.changes.map((c) =>
        c.op === 'add'
          ? { op: 'add', camera: withDefaults(c.camera) }
          : c.op === 'update'
            ? { op: 'update', id: c.id, patch: c.camera as Partial<CameraInput> }
            : { op: 'remove', id: c.id },
      );
      return whatIf(app.db, changes, b.area, request.user.username);
    },
  );

  app.post(
    '/api/coverage/recompute',
    {
      onRequest: app.guard('cameras:write'),
      schema: {
        tags: ['coverage'],
        summary:
          'Recompute coverage: everything from scratch, or (?bbox=) only what a change of buildings there touches',
        description:
          'Without bbox: every view, road, watched point and grid (after loading a city). With bbox: the zones of ' +
          'the key places in it, the views of the cameras that can see into it, and the roads, points and grids those reach.',
        security: [{ bearer: [] }],
        querystring: Type.Object({ bbox: Type.Optional(BBoxQuery) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            seconds: Type.Number(),
            phases: Type.Optional(Type.Record(Type.String(), Type.Number())),
            cameras: Type.Integer(),
            roads: Type.Integer(),
            points: Type.Integer(),
            grids: Type.Integer(),
          }),
          ...writeErrors,
        },
      },
    },
    async (request) => {
      if (request.query.bbox !== undefined) {
        const t0 = performance.now();
        const r = await refreshArea(app.db, bboxParam(request.query.bbox));
        return {
          seconds: Math.round(performance.now() - t0) / 1000,
          cameras: r.cameras,
          roads: r.roads,
          points: r.points,
          grids: r.grids.length,
        };
      }
      return recomputeAll(app.db, {
        workers: opts.recomputeWorkers ?? 2,
        log: (m) => app.log.info(`coverage recompute: ${m}`),
        warn,
      });
    },
  );
};
export default routes;
