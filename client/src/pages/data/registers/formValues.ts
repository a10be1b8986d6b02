/**
 * A register form's values (strings and booleans, as inputs hold them) and the request body
 * they make: on create every field the form takes, on change only the fields that changed.
 * A worker's grid is given by code or id and resolved by the caller (`grid`).
 */
import type { RegisterRecord } from '../../../api/registers';
import type { FieldDef } from './registerDefs';

export type FormValues = Record<string, string | boolean>;
export type Mode = 'create' | 'edit';

export const takes = (f: FieldDef, mode: Mode) => (mode === 'create' ? f.create !== false : f.edit !== false);

export function initialValues(fields: readonly FieldDef[], record: RegisterRecord | null): FormValues {
  const out: FormValues = {};
  for (const f of fields) {
    const v = record?.[f.key];
    if (f.kind === 'bool') out[f.key] = v === true;
    else if (f.kind === 'grid') out[f.key] = (record?.grid as { code?: string } | null | undefined)?.code ?? '';
    else if (f.kind === 'password') out[f.key] = '';
    else if (v !== null && v !== undefined) out[f.key] = String(v);
    else out[f.key] = f.kind === 'select' && f.required && f.options?.length ? f.options[0].value : '';
  }
  return out;
}

export interface BuiltBody {
  body: Record<string, unknown>;
  /** The grid asked for: a code or an id to resolve, null for none, undefined when unchanged. */
  grid?: string | null;
}

/** The body the form's values make, or the first problem with them. */
export function buildBody(
  fields: readonly FieldDef[],
  values: FormValues,
  record: RegisterRecord | null,
  mode: Mode,
): BuiltBody | { error: string } {
  const initial = initialValues(fields, record);
  const body: Record<string, unknown> = {};
  let grid: string | null | undefined;
  for (const f of fields) {
    if (!takes(f, mode)) continue;
    const raw = values[f.key];
    if (mode === 'edit' && raw === initial[f.key]) continue;
    if (f.kind === 'bool') {
      body[f.key] = raw === true;
      continue;
    }
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (!text) {
      if (mode === 'create' && f.required) return { error: `${f.label}: required 必填` };
      if (f.kind === 'grid') grid = null;
      else if (f.nullable) body[f.key] = null;
      else if (mode === 'edit' && f.required) return { error: `${f.label}: required 必填` };
      continue;
    }
    if (f.kind === 'grid') grid = text;
    else if (f.kind === 'number') {
      const n = Number(text);
      if (!Number.isFinite(n)) return { error: `${f.label}: not a number 不是数字` };
      body[f.key] = n;
    } else body[f.key] = text;
  }
  return grid === undefined ? { body } : { body, grid };
}
