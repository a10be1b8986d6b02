/**
 * One register as a table: search, pages, a form for a new record, and per row an inline form
 * to change it, delete (after a confirm) and, for users, a new password.
 */
import { useState } from 'react';
import type { RegisterRecord } from '../../../api/registers';
import { RecordForm } from './RecordForm';
import type { RegisterDef } from './registerDefs';
import { PAGE_SIZE, useRegister } from './useRegister';

export function RegisterTable({ def, canWrite }: { def: RegisterDef; canWrite: boolean }) {
  const r = useRegister(def);
  const [editing, setEditing] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const items = r.page?.items ?? [];
  const total = r.page?.total ?? 0;
  const span = def.columns.length + (canWrite ? 1 : 0);

  const remove = (rec: RegisterRecord) => {
    const what = String(rec.code ?? rec.username ?? rec.id);
    if (window.confirm(`Delete ${what}? 确认删除？`)) void r.remove(rec);
  };
  const password = (rec: RegisterRecord) => {
    const pw = window.prompt(
      `New password for ${String(rec.username)} (at least 10 characters, not containing the name, hard to guess) 新密码（至少 10 位，不含用户名，不易猜测）`,
    );
    if (pw) void r.password(rec, pw);
  };

  return (
    <div className="reg-register" data-testid={`register-${def.name}`} data-loading={r.loading}>
      <div className="data-table-head">
        <input
          className="data-search"
          type="search"
          placeholder="Search code, name… 搜索编码、名称"
          defaultValue={r.q}
          data-testid="reg-search"
          onChange={(e) => r.search(e.target.value)}
        />
        <span className="muted num" data-testid="reg-total">
          {total.toLocaleString()} records 条
        </span>
        <Pager offset={r.offset} total={total} onOffset={r.setOffset} />
        {canWrite && !creating && (
          <button type="button" className="btn-primary" data-testid="reg-new" onClick={() => setCreating(true)}>
            New 新增
          </button>
        )}
      </div>
      {r.problem && (
        <div
          className={`notice ${r.problem.stale ? 'notice-warn' : 'notice-error'}`}
          role="alert"
          data-testid="reg-problem"
        >
          {r.problem.text}{' '}
          {r.problem.stale && (
            <button
              type="button"
              className="btn-ghost"
              onClick={() => {
                // The open form was based on the old version: closed, to be opened on what is there now.
                setEditing(null);
                r.reload();
              }}
            >
              Reload 重新加载
            </button>
          )}
          <button type="button" className="btn-ghost" onClick={() => r.setProblem(null)} aria-label="Dismiss">
            ×
          </button>
        </div>
      )}
      {creating && (
        <RecordForm
          fields={def.fields}
          record={null}
          mode="create"
          onSave={async (v) => {
            const ok = await r.save('create', v, null);
            if (ok) setCreating(false);
            return ok;
          }}
          onCancel={() => setCreating(false)}
        />
      )}
      <div className="data-table-scroll">
        <table className="data-table reg-table">
          <thead>
            <tr>
              {def.columns.map((c) => (
                <th key={c.label}>{c.label}</th>
              ))}
              {canWrite && <th />}
            </tr>
          </thead>
          <tbody>
            {items.map((rec) =>
              editing === rec.id ? (
                <tr key={rec.id} className="reg-editing">
                  <td colSpan={span}>
                    <RecordForm
                      fields={def.fields}
                      record={rec}
                      mode="edit"
                      onSave={async (v) => {
                        const ok = await r.save('edit', v, rec);
                        if (ok) setEditing(null);
                        return ok;
                      }}
                      onCancel={() => setEditing(null)}
                    />
                  </td>
                </tr>
              ) : (
                <tr key={rec.id} data-id={rec.id}>
                  {def.columns.map((c) => (
                    <td key={c.label} className={c.mono ? 'mono' : undefined}>
                      {c.show(rec)}
                    </td>
                  ))}
                  {canWrite && (
                    <td className="reg-actions">
                      <button
                        type="button"
                        className="btn-ghost"
                        disabled={r.loading}
                        onClick={() => setEditing(rec.id)}
                      >
                        Edit 编辑
                      </button>
                      {def.name === 'users' && (
                        <button type="button" className="btn-ghost" onClick={() => password(rec)}>
                          Password 密码
                        </button>
                      )}
                      <button type="button" className="btn-ghost reg-delete" onClick={() => remove(rec)}>
                        Delete 删除
                      </button>
                    </td>
                  )}
                </tr>
              ),
            )}
          </tbody>
        </table>
        {!r.loading && r.page && items.length === 0 && <p className="muted data-empty">No records. 无记录。</p>}
      </div>
    </div>
  );
}

function Pager({ offset, total, onOffset }: { offset: number; total: number; onOffset: (n: number) => void }) {
  if (total <= PAGE_SIZE) return null;
  const last = Math.min(offset + PAGE_SIZE, total);
  return (
    <span className="reg-pager">
      <button
        type="button"
        className="btn-ghost"
        disabled={offset === 0}
        onClick={() => onOffset(Math.max(0, offset - PAGE_SIZE))}
      >
        ‹ Prev 上页
      </button>
      <span className="num">
        {offset + 1}–{last}
      </span>
      <button type="button" className="btn-ghost" disabled={last >= total} onClick={() => onOffset(offset + PAGE_SIZE)}>
        Next 下页 ›
      </button>
    </span>
  );
}
