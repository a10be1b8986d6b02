/**
 * `/api/audit*` (admins only, permission audit:read): search the audit trail, download it as CSV
 * or XLSX (each download is itself recorded, with its filters), and verify the hash chain.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Static } from 'typebox';
import { AuditExportQuery, AuditPage, AuditQuery, ChainStatusSchema } from '../../contract/audit.ts';
import { errorResponses } from '../../contract/common.ts';
import { appError } from '../../errors.ts';
import { auditCsv, auditXlsx } from '../../render/audit-export.ts';
import { CONTENT_TYPES } from '../../render/layer-export.ts';
import { auditPages, searchAudit, verifyAudit } from '../../repos/audit.ts';

/** from must come before to: a reversed range is a mistake to name, not an empty page. */
function checkRange(q: { from?: string; to?: string }) {
  for (const k of ['from', 'to'] as const)
    if (q[k] !== undefined && Number.isNaN(Date.parse(q[k]!)))
      throw appError('bad_request', `${k} is not a date-time: ${JSON.stringify(q[k])}`);
  if (q.from && q.to && Date.parse(q.from) > Date.parse(q.to))
    throw appError('bad_request', `from (${q.from}) is after to (${q.to})`);
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const common = { onRequest: app.guard('audit:read') };
  const sec = { tags: ['audit'], security: [{ bearer: [] }] };

  app.get(
    '/api/audit',
    {
      ...common,
      schema: {
        ...sec,
        summary: 'Search the audit trail: newest first, paged by before_seq, with the total count',
        querystring: AuditQuery,
        response: { 200: AuditPage, ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      checkRange(q);
      const page = await searchAudit(app.db, q);
      const last = page.items[page.items.length - 1];
      return { ...page, next_before_seq: page.items.length === q.limit && last ? last.seq : null };
    },
  );

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(
      `/api/audit/export.${format}`,
      {
        ...common,
        config: { audit: 'export' },
        schema: {
          ...sec,
          summary: `The audit trail as ${format.toUpperCase()} (the filters of /api/audit; the download is itself audited)`,
          querystring: AuditExportQuery,
          response: { ...errorResponses },
        },
      },
      async (request, reply) => {
        const q = request.query as Static<typeof AuditExportQuery>;
        checkRange(q);
        request.audit({
          target: { kind: 'audit', ids: [] },
          detail: { export: 'audit trail', format, filters: q, personal_data: ['actor', 'ip', 'user_agent'] },
        });
        const pages = auditPages(app.db, q);
        const stamp = new Date().toISOString().slice(0, 10);
        return reply
          .type(format === 'csv' ? 'text/csv; charset=utf-8' : CONTENT_TYPES.xlsx)
          .header('content-disposition', `attachment; filename="gridboard-audit-${stamp}.${format}"`)
          .send((format === 'csv' ? auditCsv(pages) : auditXlsx(pages)) as never);
      },
    );
  }

  app.get(
    '/api/audit/verify',
    {
      ...common,
      schema: {
        ...sec,
        summary: 'Check the hash chain from its start: ok, rows checked, and the first row that does not hold',
        response: { 200: ChainStatusSchema, ...errorResponses },
      },
    },
    async () => verifyAudit(app.db),
  );
};
export default routes;
