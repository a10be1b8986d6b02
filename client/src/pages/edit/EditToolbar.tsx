/**
 * Over the editor's map: the toolbar (tools, merge, auto-partition, undo/redo), the active tool's
 * hint, the message line, and the banner while an earlier version is shown.
 */
import type { Tool } from './EditMap';
import type { Message } from './editorState';

const TOOLS: { tool: Tool; label: string; hint: string }[] = [
  { tool: 'select', label: 'Select 选择', hint: 'Click a grid; Shift-click to add grids (to merge)' },
  {
    tool: 'split',
    label: 'Split 拆分',
    hint: 'Draw a line across the selected grid (click points, double-click to end); it snaps to streets',
  },
  {
    tool: 'move',
    label: 'Boundary 边界',
    hint: 'Drag a vertex or edge of the selected grid; the neighbours give and take with it',
  },
  {
    tool: 'brush',
    label: 'Brush 街区刷',
    hint: 'Press and drag over street blocks to paint them into the selected grid',
  },
  {
    tool: 'community',
    label: 'New community 新建社区',
    hint: "Draw the new community's outline; it is carved out of the communities it covers",
  },
];

export function EditToolbar(p: {
  tool: Tool;
  hasData: boolean;
  selectedCount: number;
  busy: boolean;
  canUndo: boolean;
  canRedo: boolean;
  onTool: (tool: Tool) => void;
  onMerge: () => void;
  onPartition: () => void;
  onUndo: () => void;
  onRedo: () => void;
}) {
  return (
    <div className="edit-toolbar" role="toolbar" aria-label="Tools">
      {TOOLS.map((t) => (
        <button
          key={t.tool}
          type="button"
          className={p.tool === t.tool ? 'active' : undefined}
          data-testid={`tool-${t.tool}`}
          title={t.hint}
          disabled={!p.hasData && t.tool !== 'community'}
          onClick={() => p.onTool(t.tool)}
        >
          {t.label}
        </button>
      ))}
      <span className="edit-sep" />
      <button type="button" disabled={p.selectedCount < 2 || p.busy} data-testid="merge" onClick={p.onMerge}>
        Merge 合并 ({p.selectedCount})
      </button>
      <button type="button" disabled={!p.hasData || p.busy} data-testid="partition" onClick={p.onPartition}>
        Auto-partition 自动划分
      </button>
      <span className="edit-sep" />
      <button
        type="button"
        disabled={!p.canUndo || p.busy}
        onClick={p.onUndo}
        data-testid="undo"
        title="Undo your last edit"
      >
        ↶ Undo
      </button>
      <button type="button" disabled={!p.canRedo || p.busy} onClick={p.onRedo} data-testid="redo" title="Redo">
        ↷ Redo
      </button>
    </div>
  );
}

/** The active tool's hint (none for select), and that it needs one grid selected. */
export function ToolHint({ tool, oneSelected }: { tool: Tool; oneSelected: boolean }) {
  const hint = TOOLS.find((t) => t.tool === tool)?.hint;
  if (!hint || tool === 'select') return null;
  const needsOne = (tool === 'split' || tool === 'move' || tool === 'brush') && !oneSelected;
  return (
    <div className="edit-hint">
      {hint}
      {needsOne ? ' — select one grid first 先选择一个网格' : ''}
    </div>
  );
}

export function MessageLine({ message, onDismiss }: { message: Message; onDismiss: () => void }) {
  if (!message) return null;
  const error = message.kind === 'error';
  return (
    <div
      className={`notice ${error ? 'notice-error' : ''} edit-message`}
      role={error ? 'alert' : 'status'}
      data-testid="message"
    >
      {message.text}
      <button type="button" className="edit-close" onClick={onDismiss} aria-label="Dismiss">
        ×
      </button>
    </div>
  );
}

export function ViewingBanner({ version, onBack }: { version: number; onBack: () => void }) {
  return (
    <div className="edit-viewing">
      Viewing version {version} 查看历史版本 —{' '}
      <button type="button" onClick={onBack}>
        back to now 返回当前
      </button>
    </div>
  );
}
