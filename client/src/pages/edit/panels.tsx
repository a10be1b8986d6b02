/** The editor's side panels: the grids' balance table, the preview of an edit, the history. */
import type { CommunityGrids, EditResult, GridFeature, HistoryEntry } from '../../api/gridEdits';
import { balanceColor } from './geometry';

const OPS: Record<string, string> = {
  split: 'Split 拆分',
  merge: 'Merge 合并',
  move: 'Boundary 边界',
  reassign: 'Blocks 街区',
  restore: 'Restore 恢复',
  partition: 'Auto-partition 自动划分',
  import: 'Import 导入',
};

const css = (c: number[]) => `rgba(${c[0]},${c[1]},${c[2]},${(c[3] ?? 255) / 255})`;

export function BalanceTable({
  data,
  selected,
  onSelect,
}: {
  data: CommunityGrids;
  selected: readonly number[];
  onSelect: (id: number, additive: boolean) => void;
}) {
  const { target, band } = data;
  const max = Math.max(2, ...data.features.map((f) => f.properties.households / target));
  return (
    <table className="edit-table" data-testid="balance-table">
      <thead>
        <tr>
          <th>Grid 网格</th>
          <th>Households 户</th>
          <th>Pop. 人</th>
          <th title="Polsby–Popper, 1 = round">Compact.</th>
          <th title="Contiguous">Cont.</th>
        </tr>
      </thead>
      <tbody>
        {data.features.map((f: GridFeature) => {
          const p = f.properties;
          const w = Math.min(100, (p.households / target / max) * 100);
          return (
            <tr
              key={p.id}
              className={selected.includes(p.id) ? 'selected' : undefined}
              data-balance={p.balance}
              onClick={(e) => onSelect(p.id, e.shiftKey || e.ctrlKey || e.metaKey)}
            >
              <td title={`${p.name} · v${p.version} · ${p.worker_name ?? 'no worker'}`}>
                {p.code.split('-').slice(-1)[0]}
                {p.worker_name === null && (
                  <span className="warn" title="No grid worker 无网格员" data-testid="row-no-worker">
                    {' '}
                    ⚠
                  </span>
                )}
              </td>
              <td>
                <div className="edit-bar">
                  <span style={{ width: `${w}%`, background: css(balanceColor(p.deviation, band, 255)) }} />
                  <i style={{ left: `${(1 / max) * 100}%` }} />
                </div>
                <span className={`edit-hh ${p.balance}`}>{p.households}</span>
                <span className="edit-dev">
                  {p.deviation === null
                    ? 'unit 单位'
                    : `${p.deviation >= 0 ? '+' : ''}${Math.round(p.deviation * 100)}%`}
                </span>
              </td>
              <td>{p.population}</td>
              <td>{p.compactness.toFixed(2)}</td>
              <td>{p.contiguous ? '✓' : <span className="edit-bad">{p.parts} parts</span>}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** What an edit would do: each changed, new and removed grid with households before → after. */
export function PreviewPanel({
  result,
  target,
  band,
  onSave,
  onCancel,
  busy,
}: {
  result: EditResult;
  target: number;
  band: number;
  onSave: () => void;
  onCancel: () => void;
  busy: boolean;
}) {
  const before = new Map(result.before.map((g) => [g.id, g]));
  const rows = [
    ...result.after.filter((g) => result.changed.includes(g.id) || result.created.includes(g.id)),
    ...result.before.filter((g) => result.removed.includes(g.id)),
  ];
  const cls = (hh: number) => {
    const d = hh / target - 1;
    return d < -band ? 'under' : d > band ? 'over' : 'ok';
  };
  return (
    <section className="panel-section edit-preview" data-testid="preview">
      <h3 className="section-title">Preview 预览 — {OPS[result.op] ?? result.op}</h3>
      <table className="edit-table">
        <thead>
          <tr>
            <th>Grid</th>
            <th>Before 前</th>
            <th>After 后</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((g) => {
            const gone = result.removed.includes(g.id);
            const was = before.get(g.id);
            return (
              <tr key={g.id}>
                <td>
                  {g.code.split('-').slice(-1)[0]}
                  {result.created.includes(g.id) ? ' (new 新)' : ''}
                </td>
                <td>{was ? <span className={`edit-hh ${cls(was.households)}`}>{was.households}</span> : '—'}</td>
                <td>{gone ? 'merged 并入' : <span className={`edit-hh ${cls(g.households)}`}>{g.households}</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="edit-actions">
        <button type="button" className="btn-primary" onClick={onSave} disabled={busy} data-testid="save">
          Save 保存
        </button>
        <button type="button" className="btn-ghost" onClick={onCancel} disabled={busy}>
          Cancel 取消
        </button>
      </div>
    </section>
  );
}

export function HistoryPanel({
  entries,
  viewing,
  onView,
  onRestore,
  canEdit,
}: {
  entries: HistoryEntry[];
  viewing: number | null;
  onView: (id: number | null) => void;
  onRestore: (id: number) => void;
  canEdit: boolean;
}) {
  if (!entries.length) return <div className="muted">No edits yet 暂无修改记录</div>;
  return (
    <ol className="edit-history" data-testid="history">
      {entries.map((h) => {
        const hb = h.before_counts.reduce((s, g) => s + g.households, 0);
        return (
          <li key={h.id} className={viewing === h.id ? 'viewing' : undefined}>
            <div className="edit-history-head">
              <b>v{h.id}</b> {OPS[h.op] ?? h.op}{' '}
              <span className="muted">
                {h.actor} · {new Date(h.at).toLocaleString()}
              </span>
            </div>
            {h.reason && <div className="edit-reason">“{h.reason}”</div>}
            <div className="muted">
              {h.before_counts.length} → {h.after_counts.length} grids · {hb} households
            </div>
            <div className="edit-actions">
              <button
                type="button"
                className="btn-ghost edit-small"
                onClick={() => onView(viewing === h.id ? null : h.id)}
              >
                {viewing === h.id ? 'Hide 隐藏' : 'View 查看'}
              </button>
              {canEdit && (
                <button type="button" className="btn-ghost edit-small" onClick={() => onRestore(h.id)}>
                  Restore this state 恢复到此
                </button>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
