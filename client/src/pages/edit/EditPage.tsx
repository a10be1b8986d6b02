/**
 * `/edit`: the grid boundary editor. A planner picks a community and sees its grids coloured by
 * households against the standard (the band is configurable), with compactness and contiguity.
 * Tools: split along a drawn line, merge selected grids, move a boundary by dragging the shared
 * vertices and edges, paint street blocks into a grid with a brush, auto-partition, draw or drop
 * a new community (GeoJSON file). Every edit is previewed by the server (the whole transaction,
 * rolled back) before it is saved; refusals say why. Undo/redo, the permanent history with view
 * and restore, GeoJSON export and a printable map per grid. Other screens' edits arrive live.
 *
 * Composition only: the server data is useEditorData's, the session state editorState's reducer,
 * what the controls do useEditActions', what the map draws useEditLayers'.
 */
import { useReducer } from 'react';
import { useAppState } from '../../state/store';
import { CommunityPanel } from './CommunityPanel';
import { EditMap } from './EditMap';
import { editorReducer, initialEditorState } from './editorState';
import { EditSidePanel } from './EditSidePanel';
import { EditToolbar, MessageLine, ToolHint, ViewingBanner } from './EditToolbar';
import { useEditActions } from './useEditActions';
import { useEditLayers } from './useEditLayers';
import { useEditorData } from './useEditorData';
import './edit.css';

export function EditPage() {
  const role = useAppState((s) => s.session?.role ?? null);
  const canEdit = role === 'planner' || role === 'admin';
  const cityBBox = useAppState((s) => ('data' in s.summary && s.summary.data ? s.summary.data.city.bbox : null));

  const [s, dispatch] = useReducer(editorReducer, initialEditorState);
  const d = useEditorData(dispatch);
  const act = useEditActions(s, dispatch, d);
  const { layers, snapEdges } = useEditLayers(s, d.data, d.blocks, act.band, act.standard);
  const { data, community } = d;

  return (
    <div className="edit-page" data-testid="edit-page" data-loaded={data ? 'true' : 'false'}>
      <CommunityPanel
        communities={d.communities}
        community={community}
        onCommunity={d.setCommunity}
        standard={act.standard}
        targetInput={d.targetInput}
        onTargetInput={d.setTargetInput}
        band={d.band}
        onBand={d.setBand}
        data={data}
        selected={s.selected}
        onSelect={act.onGridClick}
        one={act.one}
        onPrint={act.printGrid}
      />

      <section
        className="edit-map-wrap"
        aria-label="Editor map 编辑地图"
        onDragOver={(e) => e.preventDefault()}
        onDrop={act.onDrop}
      >
        {cityBBox && (
          <EditMap
            cityBBox={cityBBox}
            focus={d.focus}
            layers={layers}
            tool={s.tool}
            editing={s.tool === 'move' && act.one ? act.one.geometry : null}
            snapEdges={snapEdges}
            onGridClick={act.onGridClick}
            onLine={act.onLine}
            onPolygon={(polygon) => dispatch({ type: 'drawn', polygon })}
            onReshaped={act.onReshaped}
            onPaint={act.onPaint}
            onPaintEnd={act.onPaintEnd}
          />
        )}
        {canEdit && (
          <EditToolbar
            tool={s.tool}
            hasData={!!data}
            selectedCount={s.selected.length}
            busy={s.busy}
            canUndo={s.undo.length > 0}
            canRedo={s.redo.length > 0}
            onTool={(tool) => dispatch({ type: 'tool/chosen', tool })}
            onMerge={act.merge}
            onPartition={act.partition}
            onUndo={act.undo}
            onRedo={act.redo}
          />
        )}
        <ToolHint tool={s.tool} oneSelected={!!act.one} />
        <MessageLine message={s.message} onDismiss={() => dispatch({ type: 'message', message: null })} />
        {s.viewing && (
          <ViewingBanner version={s.viewing.id} onBack={() => dispatch({ type: 'viewing', viewing: null })} />
        )}
      </section>

      <EditSidePanel
        preview={s.preview?.result ?? null}
        standard={act.standard}
        band={act.band}
        busy={s.busy}
        reason={s.reason}
        onReason={(reason) => dispatch({ type: 'reason', reason })}
        onSave={act.save}
        onCancel={act.cancel}
        drawn={!!s.drawn}
        onCreate={act.createCommunity}
        onCancelDrawn={() => dispatch({ type: 'drawn', polygon: null })}
        onDrop={act.onDrop}
        imported={s.imported}
        onExport={data ? act.exportGeoJson : null}
        history={d.history}
        viewing={s.viewing?.id ?? null}
        canEdit={canEdit}
        onView={act.view}
        onRestore={act.restore}
      />
    </div>
  );
}
