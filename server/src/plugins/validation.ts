/**
 * Validation with two Ajv instances: query strings and path parameters arrive as text and are
 * coerced to the schema's types ("42" → 42); JSON bodies are not, so `{"username": 42}` is a
 * 400, not silently the string "42". Numbers are bounded (contract/bounds.ts) and dates are real dates.
 */
import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { addFiniteKeyword, withInputBounds } from '../contract/bounds.ts';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

// strictNumbers: NaN and Infinity are not numbers. Formats are checked in full: 2024-02-30 is no date.
const base: Options = {
  removeAdditional: false,
  useDefaults: true,
  allErrors: false,
  strict: false,
  strictNumbers: true,
};

export default fp(
  async (app: FastifyInstance) => {
    const coercing = addFiniteKeyword(addFormats(new Ajv({ ...base, coerceTypes: 'array' })));
    const strict = addFiniteKeyword(addFormats(new Ajv({ ...base, coerceTypes: false })));
    // Every integer and number a request carries is bounded (int4, ±1e15) unless its schema says tighter.
    app.setValidatorCompiler(({ schema, httpPart }) =>
      (httpPart === 'body' ? strict : coercing).compile(withInputBounds(schema) as typeof schema),
    );
    // A JSON API: plain-text bodies are refused (415) instead of parsed as strings.
    app.removeContentTypeParser('text/plain');
  },
  { name: 'validation' },
);
