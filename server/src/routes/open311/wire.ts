/**
 * The Open311 plugin's plumbing: form bodies (url-encoded as the specification says, or
 * multipart fields), the `.json`/`.xml` suffix, and errors in the specification's form —
 * `[{code, description}]` or `<errors><error>…` — with the HTTP status of the problem.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { encodeErrors, CONTENT_TYPE, type Open311Error, type Open311Format } from '../../domain/open311-format.ts';
import type { Form } from '../../domain/open311.ts';
import { appError } from '../../errors.ts';
import { toErrorResponse } from '../../plugins/errors.ts';

/** The format a path asks for; anything but .json or .xml is a 404 (answered as JSON). */
export function formatOf(suffix: string): Open311Format {
  if (suffix === 'json' || suffix === 'xml') return suffix;
  throw appError('not_found', `Unknown format .${suffix.slice(0, 20)}: use .json or .xml`);
}

/** The format for an error: the one the path ends with, else JSON. */
function errorFormat(url: string): Open311Format {
  const path = url.split('?')[0];
  return path.endsWith('.xml') ? 'xml' : 'json';
}

export function send(reply: FastifyReply, format: Open311Format, status: number, body: string) {
  return reply.code(status).type(CONTENT_TYPE[format]).send(body);
}

/** Field → first value, strings only (a form repeats a field as several values; numbers come as text). */
export function formOf(body: unknown): Form {
  // No prototype: a field named "constructor" or "__proto__" is just an unknown field.
  const form: Form = Object.create(null) as Form;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return form;
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (typeof first === 'string') form[k] = first;
    else if (typeof first === 'number' || typeof first === 'boolean') form[k] = String(first);
  }
  return form;
}

/** Parsers, the error handler and the 404 for this plugin's scope only. */
export function setUpWire(app: FastifyInstance) {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    const form: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [k, v] of new URLSearchParams(body as string)) if (!Object.hasOwn(form, k)) form[k] = v;
    done(null, form);
  });
  // Multipart fields become the body before validation and the rate limit's key look at it.
  app.addHook('preValidation', async (request: FastifyRequest) => {
    if (!request.isMultipart()) return;
    const form: Record<string, string> = Object.create(null) as Record<string, string>;
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        part.file.resume();
        throw appError('bad_request', 'Files are not taken here: send media_url (a link to the photo)');
      }
      if (!Object.hasOwn(form, part.fieldname)) form[part.fieldname] = String(part.value ?? '');
    }
    request.body = form;
  });
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const { status, body } = toErrorResponse(err);
    if (status >= 500 && status !== 503) request.log.error({ err }, 'open311 request failed');
    const problems = (body.error as { problems?: unknown }).problems;
    const errors: Open311Error[] = Array.isArray(problems)
      ? problems.map((p) => ({ code: status, description: String(p) }))
      : [{ code: status, description: body.error.message }];
    if (status === 503) reply.header('retry-after', '2');
    return send(reply, errorFormat(request.url), status, encodeErrors(errorFormat(request.url), errors));
  });
}
