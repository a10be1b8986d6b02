/**
 * `POST /api/import/{layer}`: a city's file as multipart (`file`, `crs`, `encoding`, `snap`,
 * `dryRun`, `preview`, and `upload` + `socket` for progress), or a GeoJSON body; the importer's
 * report back. The upload is refused by its declared size before a byte is read, and streamed to
 * a temporary file (never held in memory). The history of imports and undo live here too.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Type } from 'typebox';
import {
  ImportHistoryEntrySchema,
  ImportReportSchema,
  IMPORT_LAYERS,
  type ImportProgress,
  type ImportReport,
} from '../../contract/imports.ts';
import { appError, AppError } from '../../errors.ts';
import { importFile, ImportRefused, ImportUsageError, type ImportOptions } from '../../ingest/index.ts';
import { getImportReport, listImports, undoImport } from '../../repos/import-history.ts';
import { Id } from '../../contract/common.ts';

export interface ImportRouteOptions {
  databaseUrl: string;
  maxBytes: number;
  /** Sends progress to one socket (set once the live hub is up). */
  progress: { emit: (socketId: string, p: ImportProgress) => void };
}

/** The layers whose GeoJSON body keeps its own route (carving communities, replacing grids, camera coverage). */
export const GEOJSON_ROUTES = new Set(['communities', 'grids', 'cameras']);

const ErrorWithReport = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), report: ImportReportSchema }),
});

export function uploadSchema(layer: string | null) {
  return {
    tags: ['import'],
    summary: layer ? `Import ${layer} from a file (multipart)` : 'Import a layer of the city from a file',
    description:
      'multipart/form-data: `file` (Shapefile .zip or .shp, GeoPackage, KML/KMZ, GeoJSON, CSV, XLSX), `crs` (EPSG:n, gcj02, bd09; ' +
      "default: the file's own, else WGS 84), `encoding` (e.g. GBK), `snap` (metres, default 1), `dryRun`, `preview`, `upload` " +
      '(a token) and `socket` (the socket.io id that gets `import:progress`). Or a GeoJSON FeatureCollection body. ' +
      '200: the report. 422: nothing usable, or the import would break the map (report.problems says where).',
    security: [{ bearer: [] }],
  };
}

/** Handles one upload (multipart) or GeoJSON body for `layer`; returns the report or throws a client error. */
/** The trail's note of an import: its id in the history and its counts (the codes stay in the history). */
function importAudit(r: ImportReport) {
  return {
    target: { kind: 'imports', ids: r.id === null ? [] : [r.id] },
    detail: {
      read: r.read,
      inserted: r.inserted,
      updated: r.updated,
      unchanged: r.unchanged,
      rejected: r.rejected.length,
    },
  };
}

export async function handleUpload(request: FastifyRequest, layer: string, o: ImportRouteOptions): Promise<unknown> {
  const dir = await mkdtemp(join(tmpdir(), 'gridboard-upload-'));
  try {
    // Form field names come from the client: no prototype to reach through them.
    const fields: Record<string, string> = Object.create(null) as Record<string, string>;
    let path: string | null = null;
    let fileName = 'upload.geojson';
    if (request.isMultipart()) {
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          if (path) throw appError('bad_request', 'send one file per import');
          fileName = basename(part.filename || 'upload');
          path = join(dir, `upload-${fileName.replace(/[^\w.\-\u4e00-\u9fff]/g, '_')}`);
          await pipeline(part.file, createWriteStream(path));
          if (part.file.truncated) throw appError('payload_too_large', `the file is larger than ${o.maxBytes} bytes`);
        } else fields[part.fieldname] = String(part.value ?? '');
      }
      if (!path) throw appError('bad_request', 'the form has no `file` field');
    } else {
      const body = request.body as { type?: unknown } | undefined;
      if (!body || body.type !== 'FeatureCollection')
        throw appError('bad_request', 'send a file as multipart/form-data, or a GeoJSON FeatureCollection');
      path = join(dir, fileName);
      await writeFile(path, JSON.stringify(body));
    }
    const flag = (v: string | undefined) => v === 'true' || v === '1' || v === 'on';
    const query = request.query as Record<string, string | undefined>;
    const snap = fields.snap ?? query.snap;
    const opts: ImportOptions = {
      layer,
      path,
      fileName,
      crs: fields.crs || query.crs || null,
      encoding: fields.encoding || query.encoding || null,
      snap: snap ? Number(snap) : undefined,
      dryRun: flag(fields.dryRun ?? query.dryRun),
      preview: flag(fields.preview ?? query.preview),
      actor: request.user.username,
      onProgress: (p) => {
        if (fields.socket) o.progress.emit(fields.socket, { upload: fields.upload ?? '', ...p });
      },
    };
    request.audit({ action: 'import', detail: { layer, file: fileName, dry_run: opts.dryRun } });
    try {
      const report = await importFile(request.server.db, o.databaseUrl, opts);
      request.audit(importAudit(report));
      return report;
    } catch (err) {
      if (err instanceof ImportUsageError) throw appError('bad_request', err.message);
      if (err instanceof ImportRefused) {
        request.audit(importAudit(err.report));
        // The product's error body, with the report: the rows refused and the places that break the map.
        const code = err.report.problems.length && err.report.read ? 'breaks_tiling' : 'nothing_imported';
        throw appError(code, err.message, { report: err.report });
      }
      throw err;
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw appError('payload_too_large', `the file is larger than ${o.maxBytes} bytes`);
    if (err instanceof AppError) throw err;
    throw err;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Multipart parsing and the size check for the whole app (the GeoJSON routes of communities,
 * grids and cameras take files too), and `app.importUpload` for them.
 */
export const uploads = fp<ImportRouteOptions>(async (app, o) => {
  await app.register(multipart, { limits: { fileSize: o.maxBytes, files: 1, fields: 20, fieldSize: 10_000 } });
  // Refused by the size it declares, before the body is read.
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/import/')) return;
    const len = Number(request.headers['content-length'] ?? 0);
    if (len > o.maxBytes + 64 * 1024)
      throw appError('payload_too_large', `the upload (${len} bytes) is larger than ${o.maxBytes} bytes`);
  });
  app.decorate('importUpload', (request: FastifyRequest, layer: string) => handleUpload(request, layer, o));
});

declare module 'fastify' {
  interface FastifyInstance {
    importUpload(request: FastifyRequest, layer: string): Promise<unknown>;
  }
}

/** For a route with a GeoJSON body schema: a multipart upload is imported as a file before validation. */
export function filesFirst(layer: string) {
  return async function (this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
    if (!request.isMultipart()) return;
    await this.guard('import:write').call(this, request, reply);
    if (reply.sent) return reply;
    const out = await this.importUpload(request, layer);
    // The route's own response schema is its GeoJSON body's; a file import answers with the report.
    if (!reply.sent) await reply.type('application/json').serializer(JSON.stringify).send(out);
    return reply;
  };
}

const routes: FastifyPluginAsyncTypebox<ImportRouteOptions> = async (app, o) => {
  app.post(
    '/api/import/:layer',
    {
      onRequest: app.guard('import:write'),
      config: { audit: 'import' },
      bodyLimit: 64 * 1024 * 1024,
      schema: {
        ...uploadSchema(null),
        params: Type.Object({ layer: Type.String() }),
        response: { 200: ImportReportSchema, 422: ErrorWithReport },
      },
    },
    async (request) => {
      const { layer } = request.params;
      if (!(IMPORT_LAYERS as readonly string[]).includes(layer))
        throw appError('bad_request', `unknown layer "${layer}": one of ${IMPORT_LAYERS.join(', ')}`);
      return (await handleUpload(request, layer, o)) as ImportReport;
    },
  );

  app.get(
    '/api/imports',
    {
      onRequest: app.guard('import:write'),
      schema: {
        tags: ['import'],
        summary: 'The history of imports, newest first (dry runs and refusals included)',
        security: [{ bearer: [] }],
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }),
        response: { 200: Type.Object({ items: Type.Array(ImportHistoryEntrySchema) }) },
      },
    },
    async (request) => ({ items: await listImports(app.db, request.query.limit ?? 50) }),
  );

  app.get(
    '/api/imports/:id',
    {
      onRequest: app.guard('import:write'),
      schema: {
        tags: ['import'],
        summary: "An import's stored report",
        security: [{ bearer: [] }],
        params: Type.Object({ id: Id() }),
      },
    },
    async (request) => getImportReport(app.db, request.params.id),
  );

  app.post(
    '/api/imports/:id/undo',
    {
      onRequest: app.guard('import:write'),
      schema: {
        tags: ['import'],
        summary:
          'Undo an import: rows it added are removed, rows it changed put back (the newest import of a layer first)',
        security: [{ bearer: [] }],
        params: Type.Object({ id: Id() }),
        response: { 200: ImportHistoryEntrySchema },
      },
    },
    async (request) => undoImport(app.db, request.params.id, request.user.username),
  );
};
export default routes;
