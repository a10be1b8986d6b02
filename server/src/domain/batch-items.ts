/**
 * Judging a batch item by item: a batch endpoint checks each item against its schema (compiled
 * once), stores the good ones and reports the bad ones by index with a reason a person can act
 * on — one bad item never fails the whole batch.
 */
import type { Validator } from 'typebox/compile';

export interface ItemProblem {
  index: number;
  reason: string;
}

interface SchemaError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message: string;
}

/** The field an error is about, as a person reads it ("lat", "fixes item", "t"). */
const fieldOf = (e: SchemaError) => e.instancePath.replace(/^\//, '').replaceAll('/', '.') || 'item';

/**
 * Why `item` does not match the compiled schema, in one line, or null when it does. Unknown keys
 * and missing fields are named first; for a field that may take several forms (anyOf) the
 * summary is given, not each alternative's complaint.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function itemProblem(check: Validator<any, any>, item: unknown): string | null {
  if (check.Check(item)) return null;
  if (!item || typeof item !== 'object' || Array.isArray(item)) return 'must be an object';
  const errors = [...check.Errors(item)] as SchemaError[];
  const extra = errors.find((e) => e.keyword === 'additionalProperties');
  if (extra) {
    const keys = (extra.params.additionalProperties as string[] | undefined) ?? [];
    return `unknown key${keys.length === 1 ? '' : 's'} ${keys.join(', ')}`;
  }
  const missing = errors.find((e) => e.keyword === 'required');
  if (missing) {
    const keys = (missing.params.requiredProperties as string[] | undefined) ?? [];
    return `missing ${keys.join(', ') || 'a required field'}`;
  }
  const union = errors.find((e) => e.keyword === 'anyOf');
  const first = union ?? errors.find((e) => e.keyword !== 'boolean') ?? errors[0];
  if (!first) return 'does not match the schema';
  return `${fieldOf(first)} ${union ? 'has none of the accepted forms' : first.message}`;
}
