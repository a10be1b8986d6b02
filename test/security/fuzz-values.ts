/**
 * Hostile values for the OpenAPI fuzz test, and a minimal valid value for a JSON schema (so one
 * property at a time can be made hostile while the rest of a body still passes validation).
 */

/** Sent as each path and query parameter in turn (URL-encoded; '\u0000' goes out as %00). */
export const HOSTILE_TEXT: readonly string[] = [
  '2147483648',
  '-1',
  '0',
  '1e309',
  'Infinity',
  'NaN',
  '2024-02-30',
  '9999-12-31',
  '中文',
  '../../etc/passwd',
  '\u0000',
  '1.2.3,4',
  'constructor',
  '__proto__',
  'x'.repeat(5000),
  '[]',
];

/** Marker replaced by a bare 1e309 in the JSON text (JSON.stringify cannot write it; JSON.parse reads it as Infinity). */
export const RAW_HUGE = '"\u0001raw-1e309\u0001"';

function deep(levels: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** Sent as each top-level body property in turn: every JSON type, out of range or malformed. */
export const HOSTILE_JSON: readonly unknown[] = [
  2147483648,
  -2147483649,
  -1,
  0,
  1.5,
  3.5e38,
  1e308,
  'RAW_HUGE',
  null,
  true,
  '',
  '2024-02-30',
  '中文\u0000',
  'x'.repeat(5000),
  [],
  [null, -1, 'x'],
  {},
  deep(64),
];

/** The JSON text of a body, with the 'RAW_HUGE' marker value written as 1e309. */
export function bodyText(body: Record<string, unknown>): string {
  const text = JSON.stringify(body, (_k, v) => (v === 'RAW_HUGE' ? '\u0001raw-1e309\u0001' : v));
  return text.split(RAW_HUGE).join('1e309');
}

type Schema = Record<string, unknown>;

/** A small value the schema accepts: its example or default when it gives one, else built by type. */
export function sampleOf(schema: Schema | undefined, depth = 0): unknown {
  if (!schema || depth > 8) return undefined;
  if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0];
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  const alt = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (alt) return sampleOf(alt.find((s) => s.type !== 'null') ?? alt[0], depth + 1);
  if (Array.isArray(schema.allOf)) return sampleOf(schema.allOf[0] as Schema, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const props = (schema.properties ?? {}) as Record<string, Schema>;
      for (const name of (schema.required ?? []) as string[]) out[name] = sampleOf(props[name], depth + 1) ?? 'x';
      return out;
    }
    case 'array': {
      const n = Number(schema.minItems ?? 0);
      return Array.from({ length: n }, () => sampleOf(schema.items as Schema, depth + 1) ?? 1);
    }
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number'
        ? Math.max(schema.minimum, Math.min(1, Number(schema.maximum ?? 1)))
        : 1;
    case 'boolean':
      return false;
    case 'string':
      if (schema.format === 'date') return '2024-01-01';
      if (schema.format === 'date-time') return '2024-01-01T00:00:00Z';
      if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
      return 'x'.repeat(Math.max(1, Number(schema.minLength ?? 1)));
    default:
      return undefined;
  }
}
