/** Coverage reads: measures, ranked grids, uncovered main roads, gap layers, views, why cameras miss. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { BBoxQuery, FeatureCollection, errorResponses } from '../../contract/common.ts';
import {
  CoverageReport,
  ExplainSchema,
  GridSharesSchema,
  RankedGridSchema,
  UncoveredStretchSchema,
} from '../../contract/coverage.ts';
import { RANK_BY, TARGETS, type RankBy } from '../../domain/coverage.ts';
import { appError } from '../../errors.ts';
import { ensureCoverage } from '../../repos/coverage-compute.ts';
import {
  explainPoint,
  gapsGeoJson,
  gridShares,
  rankedGrids,
  scopeInfo,
  scopeMeasures,
  viewsGeoJson,
  worstRoads,
  type GapKind,
  type Scope,
} from '../../repos/coverage.ts';
import { bboxParam, GEOJSON, sendEncoded } from '../params.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
const RankByQuery = Type.Union(RANK_BY.map((r) => Type.Literal(r)) as [ReturnType<typeof Type.Literal>], {
  default: 'score',
  description: 'score (mean of the shares), area, road, keyplace or intersection',
});

function scopeOf(q: { grid?: number; community?: number }): Scope {
  if (q.grid !== undefined && q.community !== undefined)
    throw appError('bad_request', 'Give grid or community, not both');
  if (q.grid !== undefined) return { kind: 'grid', id: q.grid };
  if (q.community !== undefined) return { kind: 'community', id: q.community };
  return { kind: 'city' };
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const fresh = () => ensureCoverage(app.db, { warn: (msg, err) => app.log.warn({ err }, msg) });

  app.get(
    '/api/coverage',
    {
      onRequest: app.guard('read'),
      schema: {
        tags: ['coverage'],
        summary: 'Coverage measures for a grid, a community or (without parameters) the whole city',
        description:
          "Share of area, road length and key places in some working camera's view (buildings hide what is behind them), " +
          'uncovered intersections, key places by kind, the worst grids and the longest uncovered stretches of main road.',
        security: [{ bearer: [] }],
        querystring: Type.Object(
          {
            grid: Type.Optional(Id),
            community: Type.Optional(Id),
            worst: Type.Integer({
              minimum: 0,
              maximum: 100,
              default: 10,
              description: 'How many worst grids and uncovered stretches to list',
            }),
            by: Type.Optional(RankByQuery),
          },
          { additionalProperties: false },
        ),
        response: { 200: CoverageReport, ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      const scope = scopeOf(q);
      await fresh();
      const info = await scopeInfo(app.db, scope);
      if (!info) throw appError('not_found', `No ${scope.kind} with id ${(scope as { id: number }).id}`);
      const m = await scopeMeasures(app.db, scope);
      if (!m) throw appError('not_found', `No coverage for ${scope.kind} ${(scope as { id: number }).id}`);
      const [worstGrids, roads] = await Promise.all([
        scope.kind === 'grid' || q.worst === 0
          ? Promise.resolve([])
          : rankedGrids(app.db, (q.by ?? 'score') as RankBy, scope.kind === 'community' ? scope.id : null, q.worst),
        q.worst === 0 ? Promise.resolve([]) : worstRoads(app.db, scope, q.worst),
      ]);
      return {
        scope: info,
        measures: m.measures,
        keyplaces_by_kind: m.keyplaces_by_kind,
        worst_grids: worstGrids,
        worst_roads: roads,
        targets: { ...TARGETS },
        computed_at: m.computed_at,
      };
    },
  );

  app.get(
    '/api/coverage/grids',
    {
      onRequest: app.guard('read'),
      schema: {
        tags: ['coverage'],
        summary: 'Grids ranked worst first by a coverage measure',
        security: [{ bearer: [] }],
        querystring: Type.Object(
          {
            community: Type.Optional(Id),
            by: Type.Optional(RankByQuery),
            limit: Type.Integer({ minimum: 1, maximum: 20000, default: 20 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ grids: Type.Array(RankedGridSchema) }), ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      await fresh();
      return { grids: await rankedGrids(app.db, (q.by ?? 'score') as RankBy, q.community ?? null, q.limit) };
    },
  );

  app.get(
    '/api/coverage/grid-shares',
    {
      onRequest: app.guard('read'),
      schema: {
        tags: ['coverage'],
        summary: "Every grid's coverage shares, column by column (compact: for colouring the map)",
        security: [{ bearer: [] }],
        querystring: Type.Object({ community: Type.Optional(Id) }, { additionalProperties: false }),
        response: { 200: GridSharesSchema, ...errorResponses },
      },
    },
    async (request) => {
      await fresh();
      return gridShares(app.db, request.query.community ?? null);
    },
  );

  app.get(
    '/api/coverage/roads',
    {
      onRequest: app.guard('read'),
      schema: {
        tags: ['coverage'],
        summary: 'The longest uncovered stretches of main road (arterial and secondary), longest first',
        security: [{ bearer: [] }],
        querystring: Type.Object(
          {
            grid: Type.Optional(Id),
            community: Type.Optional(Id),
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 20 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ stretches: Type.Array(UncoveredStretchSchema) }), ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      const scope = scopeOf(q);
      await fresh();
      return { stretches: await worstRoads(app.db, scope, q.limit) };
    },
  );

  app.get(
    '/api/coverage/gaps',
    {
      onRequest: app.guard('read'),
      schema: {
        tags: ['coverage'],
        summary: 'Coverage gaps as GeoJSON: uncovered key places and intersections, uncovered road, uncovered ground',
        description:
          'kind=keyplace: points (key places and intersections, `main` marks crossings of main roads); kind=road: the ' +
          'uncovered parts of road segments; kind=area: each grid less what is in view (needs grid, community or bbox).',
        security: [{ bearer: [] }],
        querystring: Type.Object(
          {
            kind: Type.Union([Type.Literal('keyplace'), Type.Literal('road'), Type.Literal('area')]),
            grid: Type.Optional(Id),
            community: Type.Optional(Id),
            bbox: Type.Optional(BBoxQuery),
            main: Type.Boolean({
              default: false,
              description: 'Only main roads / main intersections (key places are always included)',
            }),
            points: Type.Union([Type.Literal('all'), Type.Literal('keyplaces'), Type.Literal('intersections')], {
              default: 'all',
              description: 'kind=keyplace: which points',
            }),
            limit: Type.Integer({ minimum: 1, maximum: 50000, default: 5000 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: FeatureCollection, ...errorResponses },
      },
    },
    async (request, reply) => {
      const q = request.query;
      scopeOf(q);
      if (q.kind === 'area' && q.grid === undefined && q.community === undefined && q.bbox === undefined) {
        throw appError('bad_request', 'Uncovered ground (kind=area) needs grid, community or bbox');
      }
      const bbox = bboxParam(q.bbox);
      await fresh();
      const body = await gapsGeoJson(app.db, {
        kind: q.kind as GapKind,
        gridId: q.grid ?? null,
        communityId: q.community ?? null,
        bbox,
        limit: q.limit,
        mainOnly: q.main,
        points: { keyplaces: q.points !== 'intersections', intersections: q.points !== 'keyplaces' },
      });
      return sendEncoded(reply, GEOJSON, body);
    },
  );

  app.get(
    '/api/coverage/views',
    {
      onRequest: app.guard('read'),
      schema: {
        tags: ['coverage'],
        summary: 'What the working cameras in a bbox see (their views, buildings taken out) as GeoJSON',
        security: [{ bearer: [] }],
        querystring: Type.Object(
          { bbox: BBoxQuery, limit: Type.Integer({ minimum: 1, maximum: 20000, default: 5000 }) },
          { additionalProperties: false },
        ),
        response: { 200: FeatureCollection, ...errorResponses },
      },
    },
    async (request, reply) => {
      const bbox = bboxParam(request.query.bbox);
      if (bbox[1] < -85 || bbox[3] > 85) throw appError('bad_bbox', 'bbox latitudes must lie within ±85° for views');
      await fresh();
      return sendEncoded(reply, GEOJSON, await viewsGeoJson(app.db, bbox, request.query.limit));
    },
  );

  app.get(
    '/api/coverage/explain',
    {
      onRequest: app.guard('read'),
      schema: {
        tags: ['coverage'],
        summary: 'The cameras nearest a point and why each does or does not see it',
        description:
          'Reasons: covers, out_of_range, facing_away, blocked_by_building, faulty, offline (geometry first: what would have to change).',
        security: [{ bearer: [] }],
        querystring: Type.Object(
          {
            lon: Type.Number({ minimum: -180, maximum: 180 }),
            lat: Type.Number({ minimum: -85, maximum: 85 }),
            limit: Type.Integer({ minimum: 1, maximum: 30, default: 6 }),
            radius_m: Type.Number({ minimum: 1, maximum: 3000, default: 400 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: ExplainSchema, ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      await fresh();
      return explainPoint(app.db, q.lon, q.lat, q.limit, q.radius_m);
    },
  );
};
export default routes;
