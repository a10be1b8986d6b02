/**
 * Field photos: `POST /api/media` stores one (multipart `file`), `GET /api/media/{id}` and
 * `…/thumb` hand it out with a bearer token. Who sees what: the uploader and admins get the
 * original bytes; everyone else a copy without EXIF, GPS or device tags; thumbnails never carry
 * any. The size limit is checked on the declared length before a byte is read.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { ErrorBody, errorResponses } from '../../contract/common.ts';
import { MediaSchema } from '../../contract/media.ts';
import { appError } from '../../errors.ts';
import { readVariant, storeUpload, type Variant } from '../../media/service.ts';
import type { MediaStore } from '../../media/store.ts';
import { isUuid, mediaById, toMedia } from '../../repos/media.ts';

export interface MediaRouteOptions {
  store: MediaStore;
  /** Largest photo accepted, in bytes. */
  maxBytes: number;
  /** The city's time zone: EXIF times without an offset are read in it. */
  timeZone: string;
}

/** Photos never change under an id (content-addressed): a browser may keep them a week. */
const CACHE = 'private, max-age=604800';
/** Room for the multipart envelope around the file. */
const ENVELOPE = 64 * 1024;

const IdParam = Type.Object({ id: Type.String({ description: 'The id POST /api/media returned' }) });

const routes: FastifyPluginAsyncTypebox<MediaRouteOptions> = async (app, o) => {
  const tooLarge = () =>
    appError(
      'payload_too_large',
      `The photo is larger than ${(o.maxBytes / 1048576).toFixed(1)} MB (GRIDBOARD_MEDIA_MAX_MB); send a smaller one`,
    );

  app.post(
    '/api/media',
    {
      // Token first, then the size it declares: both before the body is read (a 60 MB upload costs nothing).
      onRequest: [
        app.guard('media:write'),
        async (request: FastifyRequest, reply: FastifyReply) => {
          const len = Number(request.headers['content-length'] ?? 0);
          if (len > o.maxBytes + ENVELOPE) {
            // Close the connection after the answer instead of reading (and discarding) the rest of the body.
            reply.header('connection', 'close');
            throw tooLarge();
          }
        },
      ],
      bodyLimit: o.maxBytes + ENVELOPE,
      schema: {
        tags: ['media'],
        summary: 'Upload a photo (multipart `file`): JPEG, PNG or WebP, judged by its bytes',
        description:
          'Stored once per uploader by its sha256 (a retry returns the same id), with a thumbnail made before the answer. ' +
          'EXIF time, GPS position and device are read and kept. 413 over GRIDBOARD_MEDIA_MAX_MB; 415 for anything ' +
          "that is not a photo (or a HEIC this server's libvips cannot decode); 422 for a truncated or corrupt image.",
        security: [{ bearer: [] }],
        consumes: ['multipart/form-data'],
        response: {
          200: MediaSchema,
          201: MediaSchema,
          ...errorResponses,
          413: ErrorBody,
          415: ErrorBody,
          422: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart())
        throw appError('unsupported_media_type', 'Send the photo as multipart/form-data with a `file` field');
      let upload: Buffer;
      try {
        const part = await request.file({ limits: { fileSize: o.maxBytes, files: 1, fields: 5 } });
        if (!part || part.fieldname !== 'file') throw appError('bad_request', 'The form has no `file` field');
        upload = await part.toBuffer();
      } catch (err) {
        // The multipart limit is the backstop when no Content-Length was declared (chunked uploads).
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
        throw err;
      }
      if (!upload.length) throw appError('bad_request', 'The file is empty');
      const { row, created } = await storeUpload(app.db, o.store, upload, request.user.sub, o.timeZone);
      return reply.code(created ? 201 : 200).send(toMedia(row));
    },
  );

  const send = async (request: FastifyRequest, reply: FastifyReply, thumb: boolean) => {
    const { id } = request.params as { id: string };
    if (!isUuid(id)) throw appError('bad_request', `${JSON.stringify(id)} is not a photo id (a UUID)`);
    const row = await mediaById(app.db, id);
    if (!row) throw appError('not_found', `No photo ${id}`);
    const own = row.uploaded_by === request.user.sub || request.user.role === 'admin';
    const variant: Variant = thumb ? 'thumb' : own ? 'original' : 'public';
    const etag = `"${row.sha256}${variant === 'original' ? '' : `-${variant}`}"`;
    // The same URL answers differently per user (original or stripped copy): caches must key on the token.
    reply.header('cache-control', CACHE).header('vary', 'authorization').header('etag', etag);
    reply.header('x-content-type-options', 'nosniff');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    const bytes = await readVariant(o.store, row, variant);
    if (!bytes) throw appError('not_found', `The bytes of photo ${id} are missing from the media store`);
    return reply.type(variant === 'thumb' ? 'image/jpeg' : row.mime).send(bytes);
  };

  const getSchema = (summary: string) => ({
    tags: ['media'],
    summary,
    security: [{ bearer: [] }],
    params: IdParam,
    produces: ['image/jpeg', 'image/png', 'image/webp'],
    response: { ...errorResponses },
  });

  app.get(
    '/api/media/:id',
    {
      onRequest: app.guard('read'),
      schema: getSchema(
        'A photo: the original for its uploader and admins, a copy without EXIF/GPS/device tags for everyone else',
      ),
    },
    (request, reply) => send(request, reply, false),
  );
  app.get(
    '/api/media/:id/thumb',
    {
      onRequest: app.guard('read'),
      schema: getSchema('A thumbnail of a photo: at most 480 px wide, JPEG, with no metadata'),
    },
    (request, reply) => send(request, reply, true),
  );
};
export default routes;
