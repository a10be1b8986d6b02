import { describe, expect, test } from 'vitest';
import { databaseInputReason } from './errors.ts';

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code, severity: 'ERROR' });

describe('databaseInputReason', () => {
  test('data exceptions and NOT NULL / CHECK violations are the client’s input, with the one-line message', () => {
    expect(databaseInputReason(pgError('22003', 'value "2147483648" is out of range for type integer'))).toBe(
      'The database refused a value of the request: value "2147483648" is out of range for type integer',
    );
    expect(databaseInputReason(pgError('22008', 'date/time field value out of range: "2024-02-30"'))).toContain(
      '2024-02-30',
    );
    expect(databaseInputReason(pgError('22021', 'invalid byte sequence for encoding "UTF8": 0x00'))).toContain('0x00');
    expect(
      databaseInputReason(pgError('23514', 'new row violates check constraint "x"\nDETAIL: Failing row contains …')),
    ).not.toContain('DETAIL');
  });

  test('other database errors and plain errors stay server faults', () => {
    expect(databaseInputReason(pgError('42P01', 'relation "nope" does not exist'))).toBeNull();
    expect(databaseInputReason(pgError('23505', 'duplicate key'))).toBeNull();
    expect(databaseInputReason(Object.assign(new Error('x'), { code: '22003' }))).toBeNull(); // no severity: not from PostgreSQL
    expect(databaseInputReason(new Error('boom'))).toBeNull();
    expect(databaseInputReason(undefined)).toBeNull();
  });
});
