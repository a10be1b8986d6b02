/**
 * The import history (dry runs and refusals too): who, when, layer, file, the counts, and Undo
 * 撤销 where the server says it can be undone; a refused undo shows the server's reason.
 */
import type { ImportHistoryEntry } from '../../api/imports';
import type { HistoryState } from './useImportHistory';

const when = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString('zh-CN', { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
};

export function HistoryTable({
  state,
  onUndo,
  onRefresh,
}: {
  state: HistoryState;
  onUndo: (id: number) => void;
  onRefresh: () => void;
}) {
  return (
    <section className="data-history" data-testid="import-history" aria-label="Import history 导入历史">
      <header className="data-table-head">
        <h3 className="section-title">
          History <span className="zh">导入历史</span>
        </h3>
        <button type="button" className="btn-ghost" onClick={onRefresh} disabled={state.loading}>
          Refresh 刷新
        </button>
        {state.message && (
          <span
            className={`notice ${state.message.ok ? '' : 'notice-error'}`}
            role={state.message.ok ? 'status' : 'alert'}
            data-testid="undo-message"
          >
            {state.message.text}
          </span>
        )}
        {state.error && (
          <span className="notice notice-error" role="alert">
            {state.error}
          </span>
        )}
      </header>
      <div className="data-table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th>#</th>
              <th>When 时间</th>
              <th>Who 操作人</th>
              <th>Layer 图层</th>
              <th>File 文件</th>
              <th title="read">Read 读</th>
              <th title="inserted">New 增</th>
              <th title="updated">Upd. 改</th>
              <th title="unchanged">Same 同</th>
              <th title="repaired">Rep. 修</th>
              <th title="rejected">Rej. 拒</th>
              <th>Kind 类型</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {state.items.map((e) => (
              <HistoryRow key={e.id} e={e} undoing={state.undoing === e.id} onUndo={onUndo} />
            ))}
          </tbody>
        </table>
        {!state.loading && state.items.length === 0 && <p className="muted data-empty">No imports yet. 暂无导入。</p>}
      </div>
    </section>
  );
}

function HistoryRow({ e, undoing, onUndo }: { e: ImportHistoryEntry; undoing: boolean; onUndo: (id: number) => void }) {
  const kind = e.undoneAt ? (
    <span className="data-tag undone" title={`${e.undoneBy ?? ''} ${when(e.undoneAt)}`}>
      Undone 已撤销
    </span>
  ) : e.dryRun ? (
    <span className="data-tag dry">Dry run 试运行</span>
  ) : (
    <span className="data-tag saved">Saved 已导入</span>
  );
  return (
    <tr data-id={e.id} data-dry-run={e.dryRun} data-undone={!!e.undoneAt}>
      <td className="num">{e.id}</td>
      <td className="num">{when(e.startedAt)}</td>
      <td>{e.actor}</td>
      <td>{e.layer}</td>
      <td className="data-file-cell" title={e.file}>
        {e.file}
      </td>
      <td className="num">{e.read}</td>
      <td className="num">{e.inserted}</td>
      <td className="num">{e.updated}</td>
      <td className="num">{e.unchanged}</td>
      <td className={`num${e.repaired ? ' data-num-repaired' : ''}`}>{e.repaired}</td>
      <td className={`num${e.rejected ? ' data-num-rejected' : ''}`}>{e.rejected}</td>
      <td>{kind}</td>
      <td>
        {e.canUndo && (
          <button
            type="button"
            className="btn-ghost data-undo"
            data-testid="import-undo"
            disabled={undoing}
            onClick={() => {
              if (window.confirm(`Undo import #${e.id} (${e.layer}, ${e.file})? 撤销此次导入？`)) onUndo(e.id);
            }}
          >
            {undoing ? 'Undoing… 撤销中' : 'Undo 撤销'}
          </button>
        )}
      </td>
    </tr>
  );
}
