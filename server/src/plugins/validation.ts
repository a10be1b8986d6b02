/**
 * Validation with two Ajv instances: query strings and path parameters arrive as text and are
 * coerced to the schema's types ("42" → 42); JSON bodies are not, so `{"username": 42}` is a
 * 400, not silently the string "42".
 */
import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

const base: Options = { removeAdditional: false, useDefaults: true, allErrors: false, strict: false };

export default fp(
  async (app: FastifyInstance) => {
    const coercing = addFormats(new Ajv({ ...base, coerceTypes: 'array' }));
    const strict = addFormats(new Ajv({ ...base, coerceTypes: false }));
    app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema));
    // A JSON API: plain-text bodies are refused (415) instead of parsed as strings.
    app.removeContentTypeParser('text/plain');
  },
  { name: 'validation' },
);
