/**
 * One error handler: every error leaves as `{error: {code, message}}` with the right status.
 * Client mistakes are 4xx with the reason; a database outage is 503; anything else is a 500
 * whose details stay in the log.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, databaseInputReason, isDatabaseUnavailable, errorRegistry, type ErrorBody } from '../errors.ts';

const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad_request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'bad_request',
  FST_ERR_VALIDATION: 'bad_request',
  FST_JWT_NO_AUTHORIZATION_IN_HEADER: 'unauthorized',
  FST_JWT_AUTHORIZATION_TOKEN_INVALID: 'unauthorized',
  FST_JWT_AUTHORIZATION_TOKEN_EXPIRED: 'unauthorized',
  FST_JWT_AUTHORIZATION_TOKEN_UNTRUSTED: 'unauthorized',
  FST_JWT_BAD_REQUEST: 'unauthorized',
};

// Ajv names a format; a person needs to hear what the value should have been.
const FORMAT_WORDS: Record<string, string> = {
  '"date"': 'be a real calendar day, YYYY-MM-DD',
  '"date-time"': 'be an ISO-8601 date-time on a real calendar day',
};
const plainFormat = (message: string) =>
  message.replace(/must match format ("date"|"date-time")/g, (_m, f: string) => `must ${FORMAT_WORDS[f]}`);

export function toErrorResponse(err: FastifyError | AppError | Error): { status: number; body: ErrorBody } {
  if (err instanceof AppError) {
    return { status: err.statusCode, body: { error: { code: err.code, message: err.message, ...err.details } } };
  }
  if (isDatabaseUnavailable(err)) {
    return { status: 503, body: { error: { code: 'db_unavailable', message: errorRegistry.db_unavailable.message } } };
  }
  const inputReason = databaseInputReason(err);
  if (inputReason) return { status: 400, body: { error: { code: 'bad_request', message: inputReason } } };
  const fe = err as FastifyError;
  if (fe.validation) {
    const where = fe.validationContext ?? 'request';
    return { status: 400, body: { error: { code: 'bad_request', message: `${where}: ${plainFormat(fe.message)}` } } };
  }
  const status = fe.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const code =
      (fe.code && FASTIFY_CODES[fe.code]) ||
      (status === 429 ? 'rate_limited' : status === 404 ? 'not_found' : 'bad_request');
    return { status, body: { error: { code, message: fe.message } } };
  }
  return { status: 500, body: { error: { code: 'internal', message: errorRegistry.internal.message } } };
}

export default fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((err: FastifyError, request, reply) => {
      const { status, body } = toErrorResponse(err);
      if (status >= 500 && status !== 503) request.log.error({ err }, 'request failed');
      else if (status === 400 && databaseInputReason(err)) request.log.warn({ err }, 'database refused input');
      else if (status === 503) request.log.warn({ err: err.message }, 'database unavailable');
      if (status === 503) reply.header('retry-after', '2');
      return reply.status(status).type('application/json').send(body);
    });
  },
  { name: 'errors' },
);
