/**
 * Grid edits: split, merge, move a boundary, reassign blocks. Each is one transaction that keeps
 * the community tiled exactly or changes nothing; `preview: true` runs it and rolls back.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { ErrorBody, IdParams, errorResponses } from '../../contract/common.ts';
import {
  EditResultSchema,
  MergeBody,
  MoveBody,
  ReassignBody,
  SplitBody,
  type EditResult,
} from '../../contract/grid-edits.ts';
import { checkArea, checkLine } from '../../domain/grid-geometry.ts';
import { appError } from '../../errors.ts';
import { mergeGrids, moveBoundary, reassignBlocks, splitGrid } from '../../repos/grid-edits-ops.ts';

export const editErrors = { ...errorResponses, 409: ErrorBody, 413: ErrorBody, 422: ErrorBody };

const versionMap = (v: Record<string, number> | undefined): Record<number, number> =>
  Object.fromEntries(Object.entries(v ?? {}).map(([k, n]) => [Number(k), n]));

/** The trail's note of an edit: the ids of the grids it started from and of those it left. */
export function editAudit(request: FastifyRequest, result: EditResult): EditResult {
  request.audit({
    target: { kind: 'grids', ids: [...new Set([...result.changed, ...result.created, ...result.removed])] },
    // The grids the edit touched: the ones it changed or removed, then the ones it changed or made.
    before: { grids: [...result.changed, ...result.removed] },
    after: { grids: [...result.changed, ...result.created] },
    detail: { op: result.op, preview: result.preview, community_id: result.community_id, version: result.version },
  });
  return result;
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const opts = (req: { user: { username: string }; body: { reason?: string; preview?: boolean } }) => ({
    actor: req.user.username,
    reason: req.body.reason,
    preview: req.body.preview,
  });

  app.post(
    '/api/grids/:id/split',
    {
      onRequest: app.guard('grids:write'),
      schema: {
        tags: ['grid edits'],
        summary: 'Split a grid along a drawn line (snapped to streets and grid edges)',
        security: [{ bearer: [] }],
        params: IdParams,
        body: SplitBody,
        response: { 200: EditResultSchema, ...editErrors },
      },
    },
    async (request) => {
      const line = checkLine(request.body.line);
      if (!line.ok) throw appError('bad_geometry', `line: ${line.reason}`);
      return editAudit(
        request,
        await splitGrid(app.db, request.params.id, line.value, request.body.version, opts(request)),
      );
    },
  );

  app.post(
    '/api/grids/merge',
    {
      onRequest: app.guard('grids:write'),
      schema: {
        tags: ['grid edits'],
        summary: 'Merge adjacent grids of one community into the first named',
        security: [{ bearer: [] }],
        body: MergeBody,
        response: { 200: EditResultSchema, ...editErrors },
      },
    },
    async (request) =>
      editAudit(request, await mergeGrids(app.db, request.body.ids, request.body.versions, opts(request))),
  );

  app.put(
    '/api/grids/:id',
    {
      onRequest: app.guard('grids:write'),
      schema: {
        tags: ['grid edits'],
        summary:
          "Move a grid's boundary: the grid takes the new shape, its neighbours give and take the difference together",
        security: [{ bearer: [] }],
        params: IdParams,
        body: MoveBody,
        response: { 200: EditResultSchema, ...editErrors },
      },
    },
    async (request) => {
      const area = checkArea(request.body.geometry);
      if (!area.ok) throw appError('bad_geometry', `geometry: ${area.reason}`);
      return editAudit(
        request,
        await moveBoundary(
          app.db,
          request.params.id,
          area.value,
          request.body.version,
          versionMap(request.body.neighbours),
          opts(request),
        ),
      );
    },
  );

  app.post(
    '/api/grids/:id/blocks',
    {
      onRequest: app.guard('grids:write'),
      schema: {
        tags: ['grid edits'],
        summary: 'Reassign street blocks to this grid (the brush); the grids they leave shrink by exactly them',
        security: [{ bearer: [] }],
        params: IdParams,
        body: ReassignBody,
        response: { 200: EditResultSchema, ...editErrors },
      },
    },
    async (request) =>
      editAudit(
        request,
        await reassignBlocks(
          app.db,
          request.params.id,
          request.body.blocks,
          request.body.version,
          versionMap(request.body.versions),
          opts(request),
        ),
      ),
  );
};
export default routes;
