/**
 * What the editor's controls do: ask the server to preview an edit, save it (with undo/redo),
 * the map's gestures (select, split line, reshaped boundary, brush), restore and view versions,
 * create a community from a drawn outline, import a dropped GeoJSON file, and the downloads.
 * Every failure ends in the message line.
 */
import { useCallback, useMemo, type Dispatch, type DragEvent } from 'react';
import type { LineString, MultiPolygon, Polygon } from 'geojson';
import {
  downloadCommunityGeoJson,
  downloadGridPrint,
  fetchVersionState,
  importLayer,
  runEdit,
  type Edit,
  type EditResult,
  type GridFeature,
} from '../../api/gridEdits';
import { HOUSEHOLD_STANDARD } from '../../../../server/src/contract/standards.ts';
import type { EditorAction, EditorState } from './editorState';
import { rfc7946 } from './geometry';
import { messageOf, type EditorData } from './useEditorData';

export interface EditActions {
  byId: Map<number, GridFeature>;
  /** The one grid selected (null: none, or several). */
  one: GridFeature | null;
  /** Households per grid the community is measured against. */
  standard: number;
  band: number;
  ask: (edit: Edit) => Promise<void>;
  save: () => Promise<void>;
  cancel: () => void;
  undo: () => Promise<void>;
  redo: () => Promise<void>;
  merge: () => void;
  partition: () => void;
  onGridClick: (id: number | null, additive: boolean) => void;
  onLine: (line: LineString) => void;
  onReshaped: (g: Polygon | MultiPolygon) => void;
  onPaint: (blockId: number) => void;
  onPaintEnd: () => void;
  view: (version: number | null) => Promise<void>;
  restore: (version: number) => void;
  createCommunity: (form: HTMLFormElement) => Promise<void>;
  onDrop: (ev: DragEvent<HTMLElement>) => Promise<void>;
  exportGeoJson: () => void;
  printGrid: () => void;
}

export function useEditActions(s: EditorState, dispatch: Dispatch<EditorAction>, d: EditorData): EditActions {
  const { data, blocks, community, target, reload, setCommunity } = d;
  const byId = useMemo(() => new Map((data?.features ?? []).map((f) => [f.id, f])), [data]);
  const one = s.selected.length === 1 ? (byId.get(s.selected[0]) ?? null) : null;
  const standard = data?.target ?? HOUSEHOLD_STANDARD.urban;
  const band = data?.band ?? d.band;
  const latest = d.history[0]?.id ?? null;

  const fail = useCallback(
    (text: string) => dispatch({ type: 'message', message: { kind: 'error', text } }),
    [dispatch],
  );
  const info = useCallback(
    (text: string) => dispatch({ type: 'message', message: { kind: 'info', text } }),
    [dispatch],
  );

  const ask = useCallback(
    async (edit: Edit) => {
      dispatch({ type: 'busy', busy: true });
      dispatch({ type: 'message', message: null });
      try {
        dispatch({ type: 'preview/shown', edit, result: await runEdit(edit, true) });
      } catch (e) {
        dispatch({ type: 'preview/refused', text: `Refused 未通过: ${messageOf(e)}` });
      } finally {
        dispatch({ type: 'busy', busy: false });
      }
    },
    [dispatch],
  );

  const commit = useCallback(
    async (edit: Edit, note?: string): Promise<EditResult | null> => {
      dispatch({ type: 'busy', busy: true });
      try {
        const r = await runEdit(edit, false, note || undefined);
        info(`Saved as version ${r.version} 已保存`);
        reload();
        return r;
      } catch (e) {
        fail(`Refused 未通过: ${messageOf(e)}`);
        return null;
      } finally {
        dispatch({ type: 'busy', busy: false });
      }
    },
    [dispatch, info, fail, reload],
  );

  const save = useCallback(async () => {
    if (!s.preview) return;
    const r = await commit(s.preview.edit, s.reason);
    dispatch({ type: 'preview/closed', saved: r?.version ?? null });
  }, [s.preview, s.reason, commit, dispatch]);

  const cancel = useCallback(() => dispatch({ type: 'preview/closed', saved: null, cancelled: true }), [dispatch]);

  const undo = useCallback(async () => {
    const v = s.undo[s.undo.length - 1];
    if (!v || !community) return;
    const r = await commit({ kind: 'restore', community, version: v, side: 'before', basedOn: latest }, `undo v${v}`);
    if (r) dispatch({ type: 'undone', version: v });
  }, [s.undo, community, latest, commit, dispatch]);

  const redo = useCallback(async () => {
    const v = s.redo[s.redo.length - 1];
    if (!v || !community) return;
    const r = await commit({ kind: 'restore', community, version: v, side: 'after', basedOn: latest }, `redo v${v}`);
    if (r) dispatch({ type: 'redone', version: v });
  }, [s.redo, community, latest, commit, dispatch]);

  const merge = useCallback(() => {
    void ask({ kind: 'merge', ids: s.selected, versions: s.selected.map((id) => byId.get(id)!.properties.version) });
  }, [s.selected, byId, ask]);

  const partition = useCallback(() => {
    if (data)
      void ask({
        kind: 'partition',
        community: data.community.id,
        target: standard,
        basedOn: data.community.latest_version,
      });
  }, [data, standard, ask]);

  const onGridClick = useCallback(
    (id: number | null, additive: boolean) => dispatch({ type: 'grid/clicked', id, additive }),
    [dispatch],
  );

  const onLine = useCallback(
    (line: LineString) => {
      if (!one) return fail('Select the grid to split first 请先选择要拆分的网格');
      void ask({ kind: 'split', grid: one.id, version: one.properties.version, line });
    },
    [one, ask, fail],
  );

  const onReshaped = useCallback(
    (g: Polygon | MultiPolygon) => {
      if (one) void ask({ kind: 'move', grid: one.id, version: one.properties.version, geometry: rfc7946(g) });
    },
    [one, ask],
  );

  const onPaint = useCallback(
    (blockId: number) => {
      if (!one) return;
      const b = blocks?.features.find((f) => f.id === blockId);
      if (b && b.properties.grid_id !== one.id) dispatch({ type: 'block/painted', id: blockId });
    },
    [one, blocks, dispatch],
  );

  const onPaintEnd = useCallback(() => {
    if (!one || !s.painted.size) return;
    void ask({ kind: 'reassign', grid: one.id, version: one.properties.version, blocks: [...s.painted] });
  }, [one, s.painted, ask]);

  const view = useCallback(
    async (version: number | null) => {
      if (version === null || !community) return dispatch({ type: 'viewing', viewing: null });
      try {
        dispatch({
          type: 'viewing',
          viewing: { id: version, grids: await fetchVersionState(community, version, 'after') },
        });
      } catch (e) {
        fail(messageOf(e));
      }
    },
    [community, dispatch, fail],
  );

  const restore = useCallback(
    (version: number) => {
      if (community) void ask({ kind: 'restore', community, version, side: 'after', basedOn: latest });
    },
    [community, latest, ask],
  );

  const createCommunity = useCallback(
    async (form: HTMLFormElement) => {
      if (!s.drawn) return;
      const f = new FormData(form);
      dispatch({ type: 'busy', busy: true });
      try {
        const out = await importLayer('communities', {
          type: 'FeatureCollection',
          features: [
            {
              type: 'Feature',
              properties: { code: f.get('code'), name_zh: f.get('name_zh'), target_households: target },
              geometry: rfc7946(s.drawn),
            },
          ],
        });
        dispatch({ type: 'community/created' });
        reload();
        info(`Community created and partitioned 社区已创建并自动划分 (id ${out.ids[0]})`);
        setCommunity(out.ids[0]);
      } catch (e) {
        fail(`Refused 未通过: ${messageOf(e)}`);
      } finally {
        dispatch({ type: 'busy', busy: false });
      }
    },
    [s.drawn, target, dispatch, reload, info, fail, setCommunity],
  );

  const onDrop = useCallback(
    async (ev: DragEvent<HTMLElement>) => {
      ev.preventDefault();
      const file = ev.dataTransfer.files[0];
      if (!file) return;
      dispatch({ type: 'busy', busy: true });
      dispatch({ type: 'imported', result: null });
      try {
        const fc = JSON.parse(await file.text());
        const feats: { properties?: Record<string, unknown> }[] = Array.isArray(fc?.features) ? fc.features : [];
        const layer = feats.some((x) => x.properties?.community_id != null || x.properties?.community_code != null)
          ? 'grids'
          : 'communities';
        const out = await importLayer(layer, fc);
        dispatch({ type: 'imported', result: out });
        info(`Imported ${out.inserted} ${layer} from ${file.name}; ${out.rejected.length} rejected`);
        reload();
      } catch (e) {
        fail(`Import refused 导入未通过: ${messageOf(e)}`);
      } finally {
        dispatch({ type: 'busy', busy: false });
      }
    },
    [dispatch, info, fail, reload],
  );

  const exportGeoJson = useCallback(() => {
    if (data) downloadCommunityGeoJson(data.community).catch((e) => fail(`Export failed 导出失败: ${messageOf(e)}`));
  }, [data, fail]);

  const printGrid = useCallback(() => {
    if (one) downloadGridPrint(one.properties).catch((e) => fail(`Print failed 打印失败: ${messageOf(e)}`));
  }, [one, fail]);

  return {
    byId,
    one,
    standard,
    band,
    ask,
    save,
    cancel,
    undo,
    redo,
    merge,
    partition,
    onGridClick,
    onLine,
    onReshaped,
    onPaint,
    onPaintEnd,
    view,
    restore,
    createCommunity,
    onDrop,
    exportGeoJson,
    printGrid,
  };
}
