/**
 * `/edit`: the grid boundary editor. A planner picks a community and sees its grids coloured by
 * households against the standard (the band is configurable), with compactness and contiguity.
 * Tools: split along a drawn line, merge selected grids, move a boundary by dragging the shared
 * vertices and edges, paint street blocks into a grid with a brush, auto-partition, draw or drop
 * a new community (GeoJSON file). Every edit is previewed by the server (the whole transaction,
 * rolled back) before it is saved; refusals say why. Undo/redo, the permanent history with view
 * and restore, GeoJSON export and a printable map per grid. Other screens' edits arrive live.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import type { LineString, MultiPolygon, Polygon, Position } from 'geojson';
import { ApiError } from '../../api/http';
import { live } from '../../api/live';
import type { BBox } from '../../api/types';
import { useAppState } from '../../state/store';
import {
  download, fetchBlocks, fetchCommunities, fetchCommunityGrids, fetchHistory, fetchVersionState, importLayer, runEdit,
  type Blocks, type CommunityGrids, type CommunityRef, type Edit, type EditResult, type GridSnapshot, type HistoryEntry, type ImportOutcome,
} from './api';
import { EditMap, type Tool } from './EditMap';
import { rfc7946 } from './geometry';
import { blocksLayer, gridLabelsLayer, gridsLayer, previewLayer } from './layers';
import { BalanceTable, HistoryPanel, PreviewPanel } from './panels';
import './edit.css';

type Message = { kind: 'error' | 'info'; text: string } | null;

const messageOf = (e: unknown) => (e instanceof ApiError ? e.message : e instanceof Error ? e.message : String(e));

function communityFromUrl(): number | null {
  const v = Number(new URLSearchParams(window.location.search).get('community'));
  return Number.isInteger(v) && v > 0 ? v : null;
}

const TOOLS: { tool: Tool; label: string; hint: string }[] = [
  { tool: 'select', label: 'Select 选择', hint: 'Click a grid; Shift-click to add grids (to merge)' },
  { tool: 'split', label: 'Split 拆分', hint: 'Draw a line across the selected grid (click points, double-click to end); it snaps to streets' },
  { tool: 'move', label: 'Boundary 边界', hint: 'Drag a vertex or edge of the selected grid; the neighbours give and take with it' },
  { tool: 'brush', label: 'Brush 街区刷', hint: 'Press and drag over street blocks to paint them into the selected grid' },
  { tool: 'community', label: 'New community 新建社区', hint: 'Draw the new community\'s outline; it is carved out of the communities it covers' },
];

export function EditPage() {
  const role = useAppState((s) => s.session?.role ?? null);
  const canEdit = role === 'planner' || role === 'admin';
  const cityBBox = useAppState((s) => ('data' in s.summary && s.summary.data ? s.summary.data.city.bbox : null));

  const [communities, setCommunities] = useState<CommunityRef[]>([]);
  const [community, setCommunity] = useState<number | null>(communityFromUrl);
  const [targetInput, setTargetInput] = useState<string>('');
  const [band, setBand] = useState(0.25);
  const [data, setData] = useState<CommunityGrids | null>(null);
  const [blocks, setBlocks] = useState<Blocks | null>(null);
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [tool, setTool] = useState<Tool>('select');
  const [selected, setSelected] = useState<number[]>([]);
  const [painted, setPainted] = useState<Set<number>>(new Set());
  const [preview, setPreview] = useState<{ edit: Edit; result: EditResult } | null>(null);
  const [viewing, setViewing] = useState<{ id: number; grids: GridSnapshot[] } | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState('');
  const [undo, setUndo] = useState<number[]>([]);
  const [redo, setRedo] = useState<number[]>([]);
  const [focus, setFocus] = useState<{ bbox: BBox; seq: number } | null>(null);
  const [drawn, setDrawn] = useState<Polygon | null>(null);
  const [imported, setImported] = useState<ImportOutcome | null>(null);
  const [reload, setReload] = useState(0);

  const target = Number(targetInput) > 0 ? Number(targetInput) : undefined;
  const zoomTo = useCallback((bbox: BBox) => setFocus((f) => ({ bbox, seq: (f?.seq ?? 0) + 1 })), []);

  useEffect(() => {
    const ctl = new AbortController();
    fetchCommunities(ctl.signal).then(setCommunities).catch(() => undefined);
    return () => ctl.abort();
  }, [reload]);

  useEffect(() => {
    window.history.replaceState(null, '', community ? `/edit?community=${community}` : '/edit');
    setSelected([]);
    setPreview(null);
    setViewing(null);
    setUndo([]);
    setRedo([]);
  }, [community]);

  // The community's grids, blocks and history; again after every change (ours or another screen's).
  useEffect(() => {
    if (!community) { setData(null); return; }
    const ctl = new AbortController();
    Promise.all([
      fetchCommunityGrids(community, target, band, ctl.signal),
      fetchBlocks(community, ctl.signal),
      fetchHistory(community, ctl.signal),
    ]).then(([g, b, h]) => {
      setData(g);
      setBlocks(b);
      setHistory(h);
      setSelected((s) => s.filter((id) => g.features.some((f) => f.id === id)));
    }).catch((e) => {
      if (!(e instanceof DOMException)) setMessage({ kind: 'error', text: messageOf(e) });
    });
    return () => ctl.abort();
  }, [community, target, band, reload]);

  // Zoom to a community once its grids arrive.
  const zoomed = useRef<number | null>(null);
  useEffect(() => {
    if (data && zoomed.current !== data.community.id) {
      zoomed.current = data.community.id;
      zoomTo(data.community.bbox);
    }
  }, [data, zoomTo]);

  // Live: an edit of this community anywhere redraws it here.
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    const off = live.subscribe({
      onEvent: (e) => {
        if (e.type !== 'grid.changed' || (community && e.community_id !== community)) return;
        clearTimeout(pending.current);
        pending.current = setTimeout(() => setReload((n) => n + 1), 300);
      },
    });
    return () => { off(); clearTimeout(pending.current); };
  }, [community]);

  const byId = useMemo(() => new Map((data?.features ?? []).map((f) => [f.id, f])), [data]);
  const one = selected.length === 1 ? byId.get(selected[0]) ?? null : null;
  const std = data?.target ?? 300;

  const ask = useCallback(async (edit: Edit) => {
    setBusy(true);
    setMessage(null);
    try {
      const result = await runEdit(edit, true);
      setPreview({ edit, result });
    } catch (e) {
      setPreview(null);
      setMessage({ kind: 'error', text: `Refused 未通过: ${messageOf(e)}` });
    } finally {
      setBusy(false);
    }
  }, []);

  const commit = useCallback(async (edit: Edit, note?: string): Promise<EditResult | null> => {
    setBusy(true);
    try {
      const r = await runEdit(edit, false, note || undefined);
      setMessage({ kind: 'info', text: `Saved as version ${r.version} 已保存` });
      setReload((n) => n + 1);
      return r;
    } catch (e) {
      setMessage({ kind: 'error', text: `Refused 未通过: ${messageOf(e)}` });
      return null;
    } finally {
      setBusy(false);
    }
  }, []);

  const save = useCallback(async () => {
    if (!preview) return;
    const r = await commit(preview.edit, reason);
    if (r?.version) {
      setUndo((u) => [...u, r.version!]);
      setRedo([]);
    }
    setPreview(null);
    setPainted(new Set());
    setReason('');
    if (tool !== 'select' && tool !== 'brush') setTool('select');
  }, [preview, reason, commit, tool]);

  const cancel = useCallback(() => {
    setPreview(null);
    setPainted(new Set());
    if (tool === 'move') setTool('select');
  }, [tool]);

  const latest = history[0]?.id ?? null;
  const doUndo = useCallback(async () => {
    const v = undo[undo.length - 1];
    if (!v || !community) return;
    const r = await commit({ kind: 'restore', community, version: v, side: 'before', basedOn: latest }, `undo v${v}`);
    if (r) { setUndo((u) => u.slice(0, -1)); setRedo((x) => [...x, v]); }
  }, [undo, community, latest, commit]);
  const doRedo = useCallback(async () => {
    const v = redo[redo.length - 1];
    if (!v || !community) return;
    const r = await commit({ kind: 'restore', community, version: v, side: 'after', basedOn: latest }, `redo v${v}`);
    if (r) { setRedo((x) => x.slice(0, -1)); setUndo((u) => [...u, v]); }
  }, [redo, community, latest, commit]);

  const onGridClick = useCallback((id: number | null, additive: boolean) => {
    setPreview(null);
    if (id === null) { setSelected([]); return; }
    setSelected((s) => (additive ? (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]) : [id]));
  }, []);

  const onLine = useCallback((line: LineString) => {
    if (!one) { setMessage({ kind: 'error', text: 'Select the grid to split first 请先选择要拆分的网格' }); return; }
    void ask({ kind: 'split', grid: one.id, version: one.properties.version, line });
  }, [one, ask]);

  const onReshaped = useCallback((g: Polygon | MultiPolygon) => {
    if (!one) return;
    void ask({ kind: 'move', grid: one.id, version: one.properties.version, geometry: rfc7946(g) });
  }, [one, ask]);

  const paintedRef = useRef(painted);
  paintedRef.current = painted;
  const onPaint = useCallback((blockId: number) => {
    if (!one) return;
    const b = blocks?.features.find((f) => f.id === blockId);
    if (!b || b.properties.grid_id === one.id || paintedRef.current.has(blockId)) return;
    setPainted((s) => new Set(s).add(blockId));
  }, [one, blocks]);
  const onPaintEnd = useCallback(() => {
    if (!one || !paintedRef.current.size) return;
    void ask({ kind: 'reassign', grid: one.id, version: one.properties.version, blocks: [...paintedRef.current] });
  }, [one, ask]);

  const createCommunity = useCallback(async (form: HTMLFormElement) => {
    if (!drawn) return;
    const f = new FormData(form);
    setBusy(true);
    try {
      const out = await importLayer('communities', {
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: { code: f.get('code'), name_zh: f.get('name_zh'), target_households: target }, geometry: rfc7946(drawn) }],
      });
      setDrawn(null);
      setTool('select');
      setReload((n) => n + 1);
      setMessage({ kind: 'info', text: `Community created and partitioned 社区已创建并自动划分 (id ${out.ids[0]})` });
      setCommunity(out.ids[0]);
    } catch (e) {
      setMessage({ kind: 'error', text: `Refused 未通过: ${messageOf(e)}` });
    } finally {
      setBusy(false);
    }
  }, [drawn, target]);

  const onDrop = useCallback(async (ev: DragEvent<HTMLElement>) => {
    ev.preventDefault();
    const file = ev.dataTransfer.files[0];
    if (!file) return;
    setBusy(true);
    setImported(null);
    try {
      const fc = JSON.parse(await file.text());
      const feats: { properties?: Record<string, unknown> }[] = Array.isArray(fc?.features) ? fc.features : [];
      const layer = feats.some((x) => x.properties?.community_id != null || x.properties?.community_code != null) ? 'grids' : 'communities';
      const out = await importLayer(layer, fc);
      setImported(out);
      setMessage({ kind: 'info', text: `Imported ${out.inserted} ${layer} from ${file.name}; ${out.rejected.length} rejected` });
      setReload((n) => n + 1);
    } catch (e) {
      setMessage({ kind: 'error', text: `Import refused 导入未通过: ${messageOf(e)}` });
    } finally {
      setBusy(false);
    }
  }, []);

  const snapEdges = useMemo(() => {
    const out: [Position, Position][] = [];
    const rings = [
      ...(blocks?.features ?? []).flatMap((f) => f.geometry.coordinates),
      ...(data?.features ?? []).flatMap((f) => (f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat())),
    ];
    for (const r of rings) for (let i = 0; i + 1 < r.length; i++) out.push([r[i], r[i + 1]]);
    return out;
  }, [blocks, data]);

  const layers = useMemo(() => {
    const shown = viewing ? viewing.grids : preview?.result.after ?? null;
    const changed = viewing ? viewing.grids.map((g) => g.id) : preview ? [...preview.result.changed, ...preview.result.created] : [];
    return [
      gridsLayer(data, data?.band ?? band, selected, !!(preview || viewing)),
      blocksLayer(blocks?.features ?? [], painted, tool === 'brush'),
      previewLayer(shown, changed, data?.band ?? band, std),
      gridLabelsLayer(data),
    ];
  }, [data, blocks, selected, painted, tool, preview, viewing, band, std]);

  const editing = tool === 'move' && one ? one.geometry : null;
  const hint = TOOLS.find((t) => t.tool === tool)?.hint;

  return (
    <div className="edit-page" data-testid="edit-page" data-loaded={data ? 'true' : 'false'}>
      <aside className="edit-side side-panel">
        <section className="panel-section">
          <h2 className="section-title">Grid editor <span className="zh">网格边界编辑</span></h2>
          <label className="edit-field">
            <span>Community 社区</span>
            <select data-testid="community" value={community ?? ''} onChange={(e) => setCommunity(e.target.value ? Number(e.target.value) : null)}>
              <option value="">Choose a community 选择社区…</option>
              {communities.map((c) => <option key={c.id} value={c.id}>{c.code} {c.name_zh}</option>)}
            </select>
          </label>
          <div className="edit-row">
            <label className="edit-field">
              <span>Standard 标准 (households 户)</span>
              <input type="number" min={10} max={5000} placeholder={String(std)} value={targetInput} data-testid="target"
                onChange={(e) => setTargetInput(e.target.value)} />
            </label>
            <label className="edit-field">
              <span>Band 允许偏差 ±{Math.round(band * 100)}%</span>
              <input type="range" min={0.05} max={0.6} step={0.05} value={band} data-testid="band" onChange={(e) => setBand(Number(e.target.value))} />
            </label>
          </div>
          {data && (
            <div className="edit-legend">
              <span className="under">under 偏少</span><span className="ok">in band 达标</span><span className="over">over 偏多</span>
              <span className="muted">{data.features.filter((f) => f.properties.balance === 'under' || f.properties.balance === 'over').length} of {data.features.filter((f) => f.properties.balance !== 'exempt').length} grids outside the band (unit grids exempt)</span>
            </div>
          )}
        </section>
        {data && (
          <section className="panel-section">
            <BalanceTable data={data} selected={selected} onSelect={(id, add) => onGridClick(id, add)} />
          </section>
        )}
        {data && one && (
          <section className="panel-section edit-selected" data-testid="selected-grid">
            <b>{one.properties.name}</b> <span className="muted">{one.properties.code} · v{one.properties.version}</span>
            <div>Worker 网格员: {one.properties.worker_name ?? '—'} · {one.properties.buildings} buildings · {one.properties.cameras} cameras · {one.properties.open_incidents} open incidents · {one.properties.key_places} key places</div>
            <div className="edit-actions">
              <button type="button" className="btn-ghost" onClick={() => download(`/api/grids/${one.id}/print.pdf`, `grid-${one.properties.code}.pdf`)}>Print map 打印网格图</button>
            </div>
          </section>
        )}
      </aside>

      <section className="edit-map-wrap" aria-label="Editor map 编辑地图" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
        {cityBBox && (
          <EditMap
            cityBBox={cityBBox} focus={focus} layers={layers} tool={tool} editing={editing} snapEdges={snapEdges}
            onGridClick={onGridClick} onLine={onLine} onPolygon={(p) => setDrawn(p)} onReshaped={onReshaped}
            onPaint={onPaint} onPaintEnd={onPaintEnd}
          />
        )}
        {canEdit && (
          <div className="edit-toolbar" role="toolbar" aria-label="Tools">
            {TOOLS.map((t) => (
              <button key={t.tool} type="button" className={tool === t.tool ? 'active' : undefined} data-testid={`tool-${t.tool}`} title={t.hint}
                disabled={!data && t.tool !== 'community'}
                onClick={() => { setTool(t.tool); setPreview(null); setPainted(new Set()); setMessage(null); }}>
                {t.label}
              </button>
            ))}
            <span className="edit-sep" />
            <button type="button" disabled={selected.length < 2 || busy} data-testid="merge"
              onClick={() => void ask({ kind: 'merge', ids: selected, versions: selected.map((id) => byId.get(id)!.properties.version) })}>
              Merge 合并 ({selected.length})
            </button>
            <button type="button" disabled={!data || busy} data-testid="partition"
              onClick={() => data && void ask({ kind: 'partition', community: data.community.id, target: std, basedOn: data.community.latest_version })}>
              Auto-partition 自动划分
            </button>
            <span className="edit-sep" />
            <button type="button" disabled={!undo.length || busy} onClick={doUndo} data-testid="undo" title="Undo your last edit">↶ Undo</button>
            <button type="button" disabled={!redo.length || busy} onClick={doRedo} data-testid="redo" title="Redo">↷ Redo</button>
          </div>
        )}
        {hint && tool !== 'select' && <div className="edit-hint">{hint}{(tool === 'split' || tool === 'move' || tool === 'brush') && !one ? ' — select one grid first 先选择一个网格' : ''}</div>}
        {message && (
          <div className={`notice ${message.kind === 'error' ? 'notice-error' : ''} edit-message`} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="message">
            {message.text}
            <button type="button" className="edit-close" onClick={() => setMessage(null)} aria-label="Dismiss">×</button>
          </div>
        )}
        {viewing && <div className="edit-viewing">Viewing version {viewing.id} 查看历史版本 — <button type="button" onClick={() => setViewing(null)}>back to now 返回当前</button></div>}
      </section>

      <aside className="edit-side edit-right side-panel">
        {preview && (
          <>
            <PreviewPanel result={preview.result} target={std} band={data?.band ?? band} busy={busy} onSave={save} onCancel={cancel} />
            <section className="panel-section">
              <label className="edit-field"><span>Why 原因 (kept in the history)</span>
                <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} placeholder="e.g. new compound opened" />
              </label>
            </section>
          </>
        )}
        {drawn && (
          <section className="panel-section" data-testid="new-community">
            <h3 className="section-title">New community 新社区</h3>
            <form onSubmit={(e) => { e.preventDefault(); void createCommunity(e.currentTarget); }}>
              <label className="edit-field"><span>Code 编码</span><input name="code" required maxLength={40} /></label>
              <label className="edit-field"><span>Name 名称</span><input name="name_zh" required maxLength={200} /></label>
              <div className="edit-actions">
                <button type="submit" className="btn-primary" disabled={busy}>Create & partition 创建并划分</button>
                <button type="button" className="btn-ghost" onClick={() => setDrawn(null)}>Cancel 取消</button>
              </div>
            </form>
          </section>
        )}
        <section className="panel-section">
          <h3 className="section-title">Import / export 导入导出</h3>
          <div className="edit-drop" data-testid="drop" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
            Drop a GeoJSON file here (communities, or grids with community_id) 拖入 GeoJSON 文件
          </div>
          {imported && imported.rejected.length > 0 && (
            <ul className="edit-rejected">{imported.rejected.slice(0, 20).map((r) => <li key={r.index}>#{r.index}: {r.reason}</li>)}</ul>
          )}
          {data && (
            <button type="button" className="btn-ghost" onClick={() => download(`/api/communities/${data.community.id}/export`, `${data.community.code}-grids.geojson`)}>
              Export GeoJSON 导出
            </button>
          )}
        </section>
        <section className="panel-section">
          <h3 className="section-title">History 历史版本</h3>
          <HistoryPanel
            entries={history}
            viewing={viewing?.id ?? null}
            canEdit={canEdit}
            onView={async (id) => {
              if (id === null || !community) { setViewing(null); return; }
              try { setViewing({ id, grids: await fetchVersionState(community, id, 'after') }); } catch (e) { setMessage({ kind: 'error', text: messageOf(e) }); }
            }}
            onRestore={(id) => community && void ask({ kind: 'restore', community, version: id, side: 'after', basedOn: latest })}
          />
        </section>
      </aside>
    </div>
  );
}
