/** Export a community's grids as GeoJSON, print a grid's map as PDF, auto-partition a community. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { IdParams, errorResponses } from '../../contract/common.ts';
import { EditResultSchema, PartitionBody } from '../../contract/grid-edits.ts';
import { appError } from '../../errors.ts';
import { partitionCommunity } from '../../repos/grid-edits-partition.ts';
import { communityExport, gridPrintMap } from '../../repos/grid-edits-reads.ts';
import { maskPhone, maskPhonesInGeoJson, masksPersonalData } from '../../domain/personal-data.ts';
import { disposition, GEOJSON } from '../params.ts';
import { editAudit, editErrors } from './edits.ts';
import { renderGridPdf } from '../../render/grid-print-pdf.ts';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/communities/:id/export',
    {
      onRequest: app.guard('read'),
      config: { audit: 'export' },
      schema: {
        tags: ['grid edits'],
        summary: "A community's grids as a GeoJSON download (importable again through /api/import/grids)",
        description: "Holds the grid workers' names and phones (masked for the wall role); every download is audited.",
        security: [{ bearer: [] }],
        params: IdParams,
        response: { ...errorResponses },
      },
    },
    async (request, reply) => {
      request.audit({ detail: { export: 'community grids', format: 'geojson', personal_data: ['worker_phone'] } });
      const body = await communityExport(app.db, request.params.id);
      if (!body) throw appError('not_found', `No community with id ${request.params.id}`);
      const masked = masksPersonalData(request.user.role);
      if (masked) request.audit({ detail: { masked: true } });
      return reply
        .type(GEOJSON)
        .header('content-disposition', disposition(`community-${request.params.id}-grids.geojson`))
        .send((masked ? maskPhonesInGeoJson(body) : body) as never);
    },
  );

  app.get(
    '/api/grids/:id/print.pdf',
    {
      onRequest: app.guard('read'),
      config: { audit: 'export' },
      schema: {
        tags: ['grid edits'],
        summary: "A printable A4 map of one grid with its worker's name (the public notice board)",
        description: "Shows the worker's phone (masked for the wall role); every print is audited.",
        security: [{ bearer: [] }],
        params: IdParams,
        response: { ...errorResponses },
      },
    },
    async (request, reply) => {
      request.audit({ detail: { export: 'grid print', format: 'pdf', personal_data: ['worker_phone'] } });
      const map = await gridPrintMap(app.db, request.params.id);
      if (!map) throw appError('not_found', `No grid with id ${request.params.id}`);
      if (map.worker && masksPersonalData(request.user.role)) {
        map.worker = { ...map.worker, phone: maskPhone(map.worker.phone) };
        request.audit({ detail: { masked: true } });
      }
      const pdf = await renderGridPdf(map);
      return reply
        .type('application/pdf')
        .header('content-disposition', disposition(`grid-${map.grid.code}.pdf`, 'inline'))
        .send(pdf as never);
    },
  );

  app.post(
    '/api/communities/:id/partition',
    {
      onRequest: app.guard('grids:write'),
      schema: {
        tags: ['grid edits'],
        summary:
          "Redraw a community's grids as a proposal: street blocks grouped into compact grids of about the standard households",
        security: [{ bearer: [] }],
        params: IdParams,
        body: PartitionBody,
        response: { 200: EditResultSchema, ...editErrors },
      },
    },
    async (request) =>
      editAudit(
        request,
        await partitionCommunity(app.db, request.params.id, request.body.target, request.body.based_on ?? null, {
          actor: request.user.username,
          reason: request.body.reason,
          preview: request.body.preview,
        }),
      ),
  );
};
export default routes;
