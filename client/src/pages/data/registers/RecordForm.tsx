/** A register's form, for a new record or (inline, in the table) for changing one. */
import { useState, type FormEvent } from 'react';
import type { RegisterRecord } from '../../../api/registers';
import { initialValues, takes, type FormValues, type Mode } from './formValues';
import type { FieldDef } from './registerDefs';

export function RecordForm({
  fields,
  record,
  mode,
  onSave,
  onCancel,
}: {
  fields: readonly FieldDef[];
  record: RegisterRecord | null;
  mode: Mode;
  /** Resolves true once saved. */
  onSave: (values: FormValues) => Promise<boolean>;
  onCancel: () => void;
}) {
  const [values, setValues] = useState<FormValues>(() => initialValues(fields, record));
  const [saving, setSaving] = useState(false);
  const set = (key: string, v: string | boolean) => setValues((x) => ({ ...x, [key]: v }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    const ok = await onSave(values);
    setSaving(false);
    if (ok && mode === 'create') setValues(initialValues(fields, null));
  };

  return (
    <form className="reg-form" data-testid={`reg-form-${mode}`} onSubmit={(e) => void submit(e)}>
      {fields
        .filter((f) => takes(f, mode))
        .map((f) => (
          <label key={f.key} className={`data-field${f.kind === 'bool' ? ' reg-bool' : ''}`}>
            <span>
              {f.label}
              {mode === 'create' && f.required ? ' *' : ''}
            </span>
            <Input field={f} value={values[f.key]} onChange={(v) => set(f.key, v)} />
          </label>
        ))}
      <div className="reg-form-actions">
        <button type="submit" className="btn-primary" disabled={saving} data-testid="reg-save">
          {mode === 'create' ? 'Add 新增' : 'Save 保存'}
        </button>
        <button type="button" className="btn-ghost" onClick={onCancel} disabled={saving}>
          Cancel 取消
        </button>
      </div>
    </form>
  );
}

function Input({
  field: f,
  value,
  onChange,
}: {
  field: FieldDef;
  value: string | boolean | undefined;
  onChange: (v: string | boolean) => void;
}) {
  const name = `reg-${f.key}`;
  if (f.kind === 'bool')
    return <input type="checkbox" name={name} checked={value === true} onChange={(e) => onChange(e.target.checked)} />;
  if (f.kind === 'select')
    return (
      <select name={name} value={String(value ?? '')} onChange={(e) => onChange(e.target.value)}>
        {!f.required && <option value="">—</option>}
        {f.options?.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  return (
    <input
      name={name}
      type={f.kind === 'password' ? 'password' : 'text'}
      inputMode={f.kind === 'number' ? 'decimal' : undefined}
      autoComplete={f.kind === 'password' ? 'new-password' : 'off'}
      placeholder={f.placeholder ?? (f.kind === 'grid' ? 'e.g. G-0012 or 12; empty: none 空为无' : undefined)}
      value={String(value ?? '')}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
