import { describe, expect, it } from 'vitest';
import type { Edit, EditResult } from '../../api/gridEdits';
import { editorReducer, initialEditorState, type EditorState } from './editorState';

const result = {
  op: 'split',
  preview: true,
  community_id: 1,
  version: null,
  changed: [],
  created: [],
  removed: [],
  before: [],
  after: [],
} as EditResult;
const edit: Edit = { kind: 'merge', ids: [1, 2], versions: [1, 1] };

describe('editorReducer', () => {
  it('selects one grid, adds and removes with the modifier, and clears the preview', () => {
    let s: EditorState = { ...initialEditorState, preview: { edit, result } };
    s = editorReducer(s, { type: 'grid/clicked', id: 3, additive: false });
    expect(s.selected).toEqual([3]);
    expect(s.preview).toBeNull();
    s = editorReducer(s, { type: 'grid/clicked', id: 4, additive: true });
    expect(s.selected).toEqual([3, 4]);
    s = editorReducer(s, { type: 'grid/clicked', id: 3, additive: true });
    expect(s.selected).toEqual([4]);
    expect(editorReducer(s, { type: 'grid/clicked', id: null, additive: false }).selected).toEqual([]);
  });

  it('keeps only grids that still exist when the community reloads', () => {
    const s = editorReducer({ ...initialEditorState, selected: [1, 2, 3] }, { type: 'grids/loaded', ids: [1, 3, 9] });
    expect(s.selected).toEqual([1, 3]);
  });

  it('pushes a saved version on the undo stack, clears redo, and returns to select after a split', () => {
    const before: EditorState = {
      ...initialEditorState,
      tool: 'split',
      redo: [7],
      reason: 'why',
      painted: new Set([5]),
      preview: { edit, result },
    };
    const s = editorReducer(before, { type: 'preview/closed', saved: 12 });
    expect(s).toMatchObject({ tool: 'select', undo: [12], redo: [], reason: '', preview: null });
    expect(s.painted.size).toBe(0);
    // A refused save keeps the stacks.
    expect(editorReducer(before, { type: 'preview/closed', saved: null }).redo).toEqual([7]);
  });

  it('keeps the brush after saving and leaves the boundary tool on cancel', () => {
    expect(editorReducer({ ...initialEditorState, tool: 'brush' }, { type: 'preview/closed', saved: 3 }).tool).toBe(
      'brush',
    );
    expect(
      editorReducer({ ...initialEditorState, tool: 'move' }, { type: 'preview/closed', saved: null, cancelled: true })
        .tool,
    ).toBe('select');
  });

  it('moves versions between the undo and redo stacks', () => {
    let s: EditorState = { ...initialEditorState, undo: [4, 5] };
    s = editorReducer(s, { type: 'undone', version: 5 });
    expect(s).toMatchObject({ undo: [4], redo: [5] });
    s = editorReducer(s, { type: 'redone', version: 5 });
    expect(s).toMatchObject({ undo: [4, 5], redo: [] });
  });

  it('paints a block once, and a new tool or community starts clean', () => {
    let s = editorReducer(initialEditorState, { type: 'block/painted', id: 8 });
    expect(editorReducer(s, { type: 'block/painted', id: 8 })).toBe(s);
    s = editorReducer({ ...s, message: { kind: 'info', text: 'x' } }, { type: 'tool/chosen', tool: 'split' });
    expect(s).toMatchObject({ tool: 'split', message: null, preview: null });
    expect(s.painted.size).toBe(0);
    const c = editorReducer({ ...s, selected: [1], undo: [2], redo: [3] }, { type: 'community/changed' });
    expect(c).toMatchObject({ selected: [], undo: [], redo: [], viewing: null });
  });
});
