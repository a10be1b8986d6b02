/**
 * The editor's right panel: the previewed edit (save with a reason, or cancel), the form for a
 * drawn new community, import by dropping a GeoJSON file and export, and the history.
 */
import type { DragEvent } from 'react';
import type { EditResult, HistoryEntry, ImportResult } from '../../api/gridEdits';
import { HistoryPanel, PreviewPanel } from './panels';

export function EditSidePanel(p: {
  preview: EditResult | null;
  standard: number;
  band: number;
  busy: boolean;
  reason: string;
  onReason: (reason: string) => void;
  onSave: () => void;
  onCancel: () => void;
  /** A new community's outline is drawn: ask its code and name. */
  drawn: boolean;
  onCreate: (form: HTMLFormElement) => void;
  onCancelDrawn: () => void;
  onDrop: (ev: DragEvent<HTMLElement>) => void;
  imported: ImportResult | null;
  /** Export the community shown (absent: none is). */
  onExport: (() => void) | null;
  history: HistoryEntry[];
  viewing: number | null;
  canEdit: boolean;
  onView: (id: number | null) => void;
  onRestore: (id: number) => void;
}) {
  return (
    <aside className="edit-side edit-right side-panel">
      {p.preview && (
        <>
          <PreviewPanel
            result={p.preview}
            target={p.standard}
            band={p.band}
            busy={p.busy}
            onSave={p.onSave}
            onCancel={p.onCancel}
          />
          <section className="panel-section">
            <label className="edit-field">
              <span>Why 原因 (kept in the history)</span>
              <input
                value={p.reason}
                onChange={(e) => p.onReason(e.target.value)}
                maxLength={500}
                placeholder="e.g. new compound opened"
              />
            </label>
          </section>
        </>
      )}
      {p.drawn && (
        <section className="panel-section" data-testid="new-community">
          <h3 className="section-title">New community 新社区</h3>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              p.onCreate(e.currentTarget);
            }}
          >
            <label className="edit-field">
              <span>Code 编码</span>
              <input name="code" required maxLength={40} />
            </label>
            <label className="edit-field">
              <span>Name 名称</span>
              <input name="name_zh" required maxLength={200} />
            </label>
            <div className="edit-actions">
              <button type="submit" className="btn-primary" disabled={p.busy}>
                Create & partition 创建并划分
              </button>
              <button type="button" className="btn-ghost" onClick={p.onCancelDrawn}>
                Cancel 取消
              </button>
            </div>
          </form>
        </section>
      )}
      <section className="panel-section">
        <h3 className="section-title">Import / export 导入导出</h3>
        <div className="edit-drop" data-testid="drop" onDragOver={(e) => e.preventDefault()} onDrop={p.onDrop}>
          Drop a GeoJSON file here (communities, or grids with community_id) 拖入 GeoJSON 文件
        </div>
        {p.imported && p.imported.rejected.length > 0 && (
          <ul className="edit-rejected">
            {p.imported.rejected.slice(0, 20).map((r) => (
              <li key={r.index}>
                #{r.index}: {r.reason}
              </li>
            ))}
          </ul>
        )}
        {p.onExport && (
          <button type="button" className="btn-ghost" onClick={p.onExport}>
            Export GeoJSON 导出
          </button>
        )}
      </section>
      <section className="panel-section">
        <h3 className="section-title">History 历史版本</h3>
        <HistoryPanel
          entries={p.history}
          viewing={p.viewing}
          canEdit={p.canEdit}
          onView={p.onView}
          onRestore={p.onRestore}
        />
      </section>
    </aside>
  );
}
