/**
 * Input bounds every request schema gets before it is compiled: an integer without limits is held
 * to PostgreSQL's int4 range and a number without limits to ±1e15, so a value such as 2147483648,
 * 1e309 (Infinity) or 3.5e38 is a 400 from validation instead of an error from an int4 or real
 * column. The named shared types (Id, Int4, Lon, Lat, …) in common.ts document tighter limits;
 * this catches the ones a schema forgot.
 */
import type { Ajv } from 'ajv';

export const INT4_MIN = -2147483648;
export const INT4_MAX = 2147483647;
/** Far beyond any coordinate, distance or count the API deals with, and well inside `real`. */
export const NUMBER_LIMIT = 1e15;

type Json = unknown;

interface KeywordError {
  keyword: string;
  message: string;
  params: Record<string, unknown>;
}

/**
 * The `finite` keyword: true only for finite numbers. Ajv skips minimum/maximum for a value its
 * query-string coercion made Infinity ("Infinity", "1e309"), so that value needs this check.
 */
function finite(enabled: boolean, data: unknown): boolean {
  if (!enabled || typeof data !== 'number' || Number.isFinite(data)) return true;
  finite.errors = [{ keyword: 'finite', message: 'must be a finite number', params: {} }];
  return false;
}
finite.errors = [] as KeywordError[];

/** Adds the `finite` keyword to an Ajv instance. */
export function addFiniteKeyword(ajv: Ajv): Ajv {
  ajv.addKeyword({ keyword: 'finite', schemaType: 'boolean', validate: finite, errors: true });
  return ajv;
}

/**
 * A copy of `schema` in which every unbounded integer and number is bounded and every number must
 * be finite (needs addFiniteKeyword); the original is untouched.
 */
export function withInputBounds(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(withInputBounds);
  if (!schema || typeof schema !== 'object') return schema;
  // The same schema object gives the same copy: Ajv caches compiled schemas by object, and a
  // schema with an $id must not reach it twice as two different objects.
  const seen = bounded.get(schema);
  if (seen) return seen;
  const out = boundedCopy(schema as Record<string, unknown>);
  bounded.set(schema, out);
  return out;
}

const bounded = new WeakMap<object, Json>();

function boundedCopy(src: Record<string, unknown>): Json {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(src)) {
    // Values of these keywords are data, not schemas.
    out[k] = k === 'enum' || k === 'const' || k === 'default' || k === 'examples' ? v : withInputBounds(v);
  }
  const types = Array.isArray(src.type) ? src.type : [src.type];
  const integer = types.includes('integer');
  if (integer || types.includes('number')) {
    const [lo, hi] = integer ? [INT4_MIN, INT4_MAX] : [-NUMBER_LIMIT, NUMBER_LIMIT];
    if (src.minimum === undefined && src.exclusiveMinimum === undefined) out.minimum = lo;
    if (src.maximum === undefined && src.exclusiveMaximum === undefined) out.maximum = hi;
    out.finite = true;
  }
  return out;
}
