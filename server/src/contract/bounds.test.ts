import { Ajv } from 'ajv';
import { describe, expect, test } from 'vitest';
import { Type } from 'typebox';
import { addFiniteKeyword, withInputBounds } from './bounds.ts';

const ajv = addFiniteKeyword(new Ajv({ strict: false, strictNumbers: true }));
const coercing = addFiniteKeyword(new Ajv({ strict: false, strictNumbers: true, coerceTypes: 'array' }));

describe('withInputBounds', () => {
  const schema = Type.Object({
    id: Type.Integer({ minimum: 1 }),
    n: Type.Optional(Type.Integer()),
    speed: Type.Optional(Type.Number()),
    nested: Type.Optional(Type.Array(Type.Union([Type.Integer(), Type.Null()]))),
    kind: Type.Optional(Type.Enum(['a', 'b'])),
  });
  const check = ajv.compile(withInputBounds(schema) as object);

  test('an integer without a maximum stays inside int4, wherever it is nested', () => {
    expect(check({ id: 2147483647 })).toBe(true);
    expect(check({ id: 2147483648 })).toBe(false);
    expect(check({ id: 1, n: -2147483649 })).toBe(false);
    expect(check({ id: 1, nested: [1, null, 2147483648] })).toBe(false);
  });

  test('a number without limits refuses Infinity and values too large for a real column', () => {
    expect(check({ id: 1, speed: 12.5 })).toBe(true);
    expect(check({ id: 1, speed: 3.5e38 })).toBe(false);
    expect(check({ id: 1, speed: Infinity })).toBe(false);
  });

  test('query strings coerced to Infinity are refused, even where the schema sets its own limits', () => {
    const q = coercing.compile(
      withInputBounds(
        Type.Object({ lon: Type.Number({ minimum: -180, maximum: 180 }), n: Type.Optional(Type.Integer()) }),
      ) as object,
    );
    for (const text of ['Infinity', '1e309', '-Infinity']) {
      expect(q({ lon: text }), text).toBe(false);
      expect(q({ lon: '1', n: text }), text).toBe(false);
    }
    expect(q({ lon: '111.5', n: '42' })).toBe(true);
  });

  test('limits a schema sets are kept, and the original schema is not changed', () => {
    expect(check({ id: 0 })).toBe(false);
    expect(check({ id: 1, kind: 'c' })).toBe(false);
    expect((schema.properties.n as { maximum?: number }).maximum).toBeUndefined();
  });
});
