/** The camera registry: read one, add, edit (optimistic on `version`), remove; import and export GeoJSON. */
import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { BBoxQuery, ErrorBody, errorResponses, Id, IdParams } from '../../contract/common.ts';
import {
  CameraDeleted,
  CameraPatchBody,
  CameraResponse,
  CameraWritten,
  ImportResult,
  NewCameraBody,
} from '../../contract/cameras.ts';
import { parseCameraFeature, withDefaults, type CameraInput } from '../../domain/coverage-cameras.ts';
import { appError } from '../../errors.ts';
import {
  createCamera,
  deleteCamera,
  exportCamerasGeoJson,
  getCamera,
  importCameras,
  updateCamera,
} from '../../repos/camera-writes.ts';
import { bboxParam, disposition, GEOJSON } from '../params.ts';
import { filesFirst } from '../import/files.ts';

const writeErrors = { ...errorResponses, 409: ErrorBody, 413: ErrorBody };

/** Most features one import may carry. */
export const IMPORT_MAX_FEATURES = 50_000;

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/cameras/:id',
    {
      onRequest: app.guard('read'),
      schema: {
        tags: ['cameras'],
        summary: 'One camera of the registry, with its version and the ground it sees',
        security: [{ bearer: [] }],
        params: IdParams,
        response: { 200: CameraResponse, ...errorResponses },
      },
    },
    async (request) => {
      const camera = await getCamera(app.db, request.params.id);
      if (!camera) throw appError('not_found', `No camera with id ${request.params.id}`);
      return { camera };
    },
  );

  app.post(
    '/api/cameras',
    {
      onRequest: app.guard('cameras:write'),
      schema: {
        tags: ['cameras'],
        summary: 'Add a camera; its view and the measures it reaches are updated in the same transaction',
        security: [{ bearer: [] }],
        body: NewCameraBody,
        response: { 201: CameraWritten, ...writeErrors },
      },
    },
    async (request, reply) => {
      const applied = await createCamera(app.db, withDefaults(request.body), request.user.username);
      return reply.code(201).send({ camera: applied.cameras[0], coverage: applied.coverage });
    },
  );

  app.put(
    '/api/cameras/:id',
    {
      onRequest: app.guard('cameras:write'),
      schema: {
        tags: ['cameras'],
        summary:
          'Change a camera (move, re-aim, mark faulty…); fields not given keep their value; a stale version is a 409',
        security: [{ bearer: [] }],
        params: IdParams,
        body: CameraPatchBody,
        response: { 200: CameraWritten, ...writeErrors },
      },
    },
    async (request) => {
      const { version, ...patch } = request.body;
      const applied = await updateCamera(
        app.db,
        request.params.id,
        patch as Partial<CameraInput>,
        version,
        request.user.username,
      );
      return { camera: applied.cameras[0], coverage: applied.coverage };
    },
  );

  app.delete(
    '/api/cameras/:id',
    {
      onRequest: app.guard('cameras:write'),
      schema: {
        tags: ['cameras'],
        summary: 'Remove a camera (with ?version= it must be at that version)',
        security: [{ bearer: [] }],
        params: IdParams,
        querystring: Type.Object({ version: Type.Optional(Id()) }, { additionalProperties: false }),
        response: { 200: CameraDeleted, ...writeErrors },
      },
    },
    async (request) => {
      const applied = await deleteCamera(app.db, request.params.id, request.query.version, request.user.username);
      return { deleted: request.params.id, coverage: applied.coverage };
    },
  );

  app.post(
    '/api/import/cameras',
    {
      preValidation: filesFirst('cameras'),
      onRequest: app.guard('cameras:write'),
      bodyLimit: 64 * 1024 * 1024,
      schema: {
        tags: ['cameras'],
        summary: 'Import cameras from a GeoJSON FeatureCollection of Points (the shape /api/cameras/export writes)',
        description:
          'Each feature is checked on its own: a bad one is rejected with its index and the reason; the good ones ' +
          'are inserted together in one transaction, with their coverage and one camera.changed event.',
        security: [{ bearer: [] }],
        body: Type.Object(
          {
            type: Type.Literal('FeatureCollection'),
            features: Type.Array(Type.Unknown(), { maxItems: IMPORT_MAX_FEATURES }),
          },
          { additionalProperties: true },
        ),
        response: { 200: ImportResult, ...writeErrors },
      },
    },
    async (request) => {
      const parsed: { index: number; camera: CameraInput }[] = [];
      const rejected: { index: number; reason: string }[] = [];
      request.body.features.forEach((f, index) => {
        const r = parseCameraFeature(f);
        if (r.ok) parsed.push({ index, camera: r.camera });
        else rejected.push({ index, reason: r.reason });
      });
      const out = await importCameras(app.db, parsed, rejected, request.user.username);
      return { inserted: out.inserted, rejected: out.rejected, ids: out.ids };
    },
  );

  app.get(
    '/api/cameras/export',
    {
      onRequest: app.guard('read'),
      schema: {
        tags: ['cameras'],
        summary: 'The registry as a GeoJSON FeatureCollection (streamed; importable again)',
        security: [{ bearer: [] }],
        querystring: Type.Object(
          {
            status: Type.Optional(
              Type.Union([Type.Literal('working'), Type.Literal('faulty'), Type.Literal('offline')]),
            ),
            grid: Type.Optional(Id()),
            community: Type.Optional(Id()),
            bbox: Type.Optional(BBoxQuery),
          },
          { additionalProperties: false },
        ),
        response: { ...errorResponses },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const stream = Readable.from(
        exportCamerasGeoJson(app.db, {
          status: q.status ?? null,
          gridId: q.grid ?? null,
          communityId: q.community ?? null,
          bbox: bboxParam(q.bbox),
        }),
      );
      return reply
        .type(GEOJSON)
        .header('content-disposition', disposition('cameras.geojson'))
        .send(stream as never);
    },
  );
};
export default routes;
