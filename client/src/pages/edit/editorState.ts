/**
 * The editor's session state and its pure updater: the tool, the selection, the blocks being
 * painted, the edit previewed, the version viewed, the undo/redo stacks of this session, the new
 * community drawn, the last import, and the one message line. The community's data (grids,
 * blocks, history) is the server's and lives in useEditorData.
 */
import type { Polygon } from 'geojson';
import type { Edit, EditResult, GridSnapshot, ImportResult } from '../../api/gridEdits';
import type { Tool } from './EditMap';

export type Message = { kind: 'error' | 'info'; text: string } | null;

export interface EditorState {
  tool: Tool;
  selected: number[];
  painted: ReadonlySet<number>;
  preview: { edit: Edit; result: EditResult } | null;
  viewing: { id: number; grids: GridSnapshot[] } | null;
  message: Message;
  busy: boolean;
  /** Why (kept in the history with the saved edit). */
  reason: string;
  /** Versions saved in this session, newest last: what undo restores from. */
  undo: number[];
  redo: number[];
  /** A new community's outline, drawn and not yet created. */
  drawn: Polygon | null;
  imported: ImportResult | null;
}

export const initialEditorState: EditorState = {
  tool: 'select',
  selected: [],
  painted: new Set(),
  preview: null,
  viewing: null,
  message: null,
  busy: false,
  reason: '',
  undo: [],
  redo: [],
  drawn: null,
  imported: null,
};

export type EditorAction =
  /** Another community: nothing of the last one's session carries over. */
  | { type: 'community/changed' }
  /** The community's grids (again): the selection keeps only grids that still exist. */
  | { type: 'grids/loaded'; ids: readonly number[] }
  | { type: 'tool/chosen'; tool: Tool }
  | { type: 'grid/clicked'; id: number | null; additive: boolean }
  | { type: 'block/painted'; id: number }
  | { type: 'busy'; busy: boolean }
  | { type: 'message'; message: Message }
  | { type: 'preview/shown'; edit: Edit; result: EditResult }
  /** The server refused the edit asked for. */
  | { type: 'preview/refused'; text: string }
  /** The preview was saved (as `version`, or not) or cancelled: back to the tool's start. */
  | { type: 'preview/closed'; saved: number | null; cancelled?: boolean }
  | { type: 'undone'; version: number }
  | { type: 'redone'; version: number }
  | { type: 'viewing'; viewing: EditorState['viewing'] }
  | { type: 'reason'; reason: string }
  | { type: 'drawn'; polygon: Polygon | null }
  | { type: 'community/created' }
  | { type: 'imported'; result: ImportResult | null };

export function editorReducer(s: EditorState, a: EditorAction): EditorState {
  switch (a.type) {
    case 'community/changed':
      return { ...s, selected: [], preview: null, viewing: null, undo: [], redo: [] };
    case 'grids/loaded': {
      const selected = s.selected.filter((id) => a.ids.includes(id));
      return selected.length === s.selected.length ? s : { ...s, selected };
    }
    case 'tool/chosen':
      return { ...s, tool: a.tool, preview: null, painted: new Set(), message: null };
    case 'grid/clicked': {
      if (a.id === null) return { ...s, preview: null, selected: [] };
      const id = a.id;
      const selected = a.additive
        ? s.selected.includes(id)
          ? s.selected.filter((x) => x !== id)
          : [...s.selected, id]
        : [id];
      return { ...s, preview: null, selected };
    }
    case 'block/painted':
      return s.painted.has(a.id) ? s : { ...s, painted: new Set(s.painted).add(a.id) };
    case 'busy':
      return { ...s, busy: a.busy };
    case 'message':
      return { ...s, message: a.message };
    case 'preview/shown':
      return { ...s, preview: { edit: a.edit, result: a.result } };
    case 'preview/refused':
      return { ...s, preview: null, message: { kind: 'error', text: a.text } };
    case 'preview/closed': {
      if (a.cancelled) return { ...s, preview: null, painted: new Set(), tool: s.tool === 'move' ? 'select' : s.tool };
      const saved = a.saved;
      return {
        ...s,
        preview: null,
        painted: new Set(),
        reason: '',
        tool: s.tool !== 'select' && s.tool !== 'brush' ? 'select' : s.tool,
        ...(saved ? { undo: [...s.undo, saved], redo: [] } : {}),
      };
    }
    case 'undone':
      return { ...s, undo: s.undo.slice(0, -1), redo: [...s.redo, a.version] };
    case 'redone':
      return { ...s, redo: s.redo.slice(0, -1), undo: [...s.undo, a.version] };
    case 'viewing':
      return { ...s, viewing: a.viewing };
    case 'reason':
      return { ...s, reason: a.reason };
    case 'drawn':
      return { ...s, drawn: a.polygon };
    case 'community/created':
      return { ...s, drawn: null, tool: 'select' };
    case 'imported':
      return { ...s, imported: a.result };
  }
}
