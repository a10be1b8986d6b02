/**
 * `/cameras`: the review a command centre runs to decide where cameras are missing. Measures
 * for the city or one community against the targets, the worst grids and the longest uncovered
 * main roads; the map with grids coloured by coverage and the gaps drawn over it; a click on a
 * gap lists the nearest cameras and why each misses; planners get placement suggestions, build
 * a draft plan (add, remove, mark faulty), see the measures before and after, and commit it.
 * Every camera change, from any screen, refreshes the page live.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { LayersList } from '@deck.gl/core';
import { ApiError, request } from '../../api/http';
import { live } from '../../api/live';
import type { BBox } from '../../api/types';
import { useAppState } from '../../state/store';
import {
  commitChange, fetchCoverage, fetchExplain, fetchGaps, fetchGridShares, fetchViews, postSuggest, postWhatIf,
  type CoverageReportT, type ExplainT, type GapCollection, type GridShares, type Scope, type Suggestion, type WhatIfResponseT,
} from './api';
import { CoverageMap, type Viewport } from './CoverageMap';
import { explainLayers, gapAreaLayer, gapPointsLayer, gapRoadLayer, GAP_COLORS, LAYER_IDS, planLayers, REASON_COLORS, suggestionLayers, viewsLayer } from './layers';
import { ExplainPanel, KindChart, MeasuresPanel, REASON_NAMES, WorstGrids, WorstRoads } from './panels';
import { around, planReducer, plannedCameras, removeItem, statusItem, suggestionItem } from './plan';
import { PlanPanel } from './PlanPanel';
import './cameras.css';

type ShareKey = 'score' | 'area' | 'road' | 'keyplace' | 'intersection';
type Loadable<T> = { status: 'loading'; data?: T } | { status: 'ready'; data: T } | { status: 'error'; message: string; data?: T };
interface Community { id: number; name: string; name_zh: string; bbox: BBox }

const message = (e: unknown) => (e instanceof ApiError ? e.message : e instanceof Error ? e.message : String(e));
const aborted = (e: unknown) => e instanceof DOMException && e.name === 'AbortError';

function communityFromUrl(): number | null {
  const v = Number(new URLSearchParams(window.location.search).get('community'));
  return Number.isInteger(v) && v > 0 ? v : null;
}

export function CamerasPage() {
  const role = useAppState((s) => s.session?.role ?? null);
  const canPlan = role === 'planner' || role === 'admin';
  const cityBBox = useAppState((s) => ('data' in s.summary && s.summary.data ? s.summary.data.city.bbox : null));

  const [communities, setCommunities] = useState<Community[]>([]);
  const [community, setCommunity] = useState<number | null>(communityFromUrl);
  const scope: Scope = community ? { community } : null;
  const communityInfo = communities.find((c) => c.id === community) ?? null;

  const [refresh, setRefresh] = useState(0);
  const [report, setReport] = useState<Loadable<CoverageReportT>>({ status: 'loading' });
  const [shares, setShares] = useState<GridShares | null>(null);
  const [shareKey, setShareKey] = useState<ShareKey>('score');
  const [viewport, setViewport] = useState<Viewport | null>(null);
  const [gaps, setGaps] = useState<{ keyplace: GapCollection | null; road: GapCollection | null; area: GapCollection | null; views: GapCollection | null }>(
    { keyplace: null, road: null, area: null, views: null });
  const [show, setShow] = useState({ grids: true, cameras: true, views: true, keyplace: true, road: true, area: true });
  const [focus, setFocus] = useState<{ bbox: BBox; seq: number } | null>(null);
  const [picked, setPicked] = useState<{ lon: number; lat: number } | null>(null);
  const [explain, setExplain] = useState<Loadable<ExplainT> | null>(null);
  const [plan, dispatchPlan] = useReducer(planReducer, []);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [suggesting, setSuggesting] = useState(false);
  const [whatIf, setWhatIf] = useState<Loadable<WhatIfResponseT> | null>(null);
  const [committing, setCommitting] = useState(false);
  const [lastCommit, setLastCommit] = useState<WhatIfResponseT | null>(null);
  const [planError, setPlanError] = useState<string | null>(null);

  const zoomTo = useCallback((bbox: BBox) => setFocus((f) => ({ bbox, seq: (f?.seq ?? 0) + 1 })), []);

  // Communities for the scope picker.
  useEffect(() => {
    const ctl = new AbortController();
    request<{ areas: (Community & { level: string })[] }>('/api/areas', { signal: ctl.signal })
      .then((r) => setCommunities(r.areas.filter((a) => a.level === 'community').sort((a, b) => a.name.localeCompare(b.name))))
      .catch(() => undefined);
    return () => ctl.abort();
  }, []);

  // Keep ?community= in the address (a link to the review of one community).
  useEffect(() => {
    const url = community ? `/cameras?community=${community}` : '/cameras';
    if (window.location.pathname === '/cameras' && `${window.location.pathname}${window.location.search}` !== url) window.history.replaceState(null, '', url);
  }, [community]);

  // The report for the scope.
  useEffect(() => {
    const ctl = new AbortController();
    setReport((r) => ({ status: 'loading', data: r.data }));
    fetchCoverage(scope, ctl.signal)
      .then((data) => setReport({ status: 'ready', data }))
      .catch((e) => !aborted(e) && setReport((r) => ({ status: 'error', message: message(e), data: r.data })));
    return () => ctl.abort();
  }, [community, refresh]);

  // Every grid's shares, for colouring the map.
  useEffect(() => {
    const ctl = new AbortController();
    fetchGridShares(ctl.signal).then(setShares).catch(() => undefined);
    return () => ctl.abort();
  }, [refresh]);
  const shareMap = useMemo(() => {
    const m = new Map<number, number | null>();
    if (!shares) return m;
    shares.ids.forEach((id, i) => {
      const parts = [shares.area[i], shares.road[i], shares.keyplace[i], shares.intersection[i]];
      const v = shareKey === 'score' ? mean(parts) : shares[shareKey][i];
      m.set(id, v);
    });
    return m;
  }, [shares, shareKey]);
  const sharesVersion = useMemo(() => Math.random(), [shareMap]);

  // Gaps (and views, zoomed in) for what is on screen.
  useEffect(() => {
    if (!viewport) return;
    const ctl = new AbortController();
    const { bbox, zoom } = viewport;
    const timer = setTimeout(() => {
      const opts = { community: community ?? undefined };
      const load = (p: Promise<GapCollection>, key: keyof typeof gaps) =>
        p.then((fc) => setGaps((g) => ({ ...g, [key]: fc }))).catch((e) => !aborted(e) && undefined);
      void load(fetchGaps('keyplace', bbox, { ...opts, main: zoom < 13, limit: 4000 }, ctl.signal), 'keyplace');
      void load(fetchGaps('road', bbox, { ...opts, main: zoom < 14, limit: 4000 }, ctl.signal), 'road');
      if (zoom >= 14) void load(fetchGaps('area', bbox, { ...opts, limit: 300 }, ctl.signal), 'area');
      else setGaps((g) => ({ ...g, area: null }));
      if (zoom >= 15) void load(fetchViews(bbox, ctl.signal), 'views');
      else setGaps((g) => ({ ...g, views: null }));
    }, 250);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [viewport, refresh, community]);

  // Why the cameras near the clicked point miss it.
  useEffect(() => {
    if (!picked) return setExplain(null);
    const ctl = new AbortController();
    setExplain({ status: 'loading' });
    fetchExplain(picked.lon, picked.lat, ctl.signal)
      .then((data) => setExplain({ status: 'ready', data }))
      .catch((e) => !aborted(e) && setExplain({ status: 'error', message: message(e) }));
    return () => ctl.abort();
  }, [picked, refresh]);

  // Measure the draft plan (what-if: nothing is stored).
  useEffect(() => {
    if (!canPlan || !plan.length) return setWhatIf(null);
    const ctl = new AbortController();
    const timer = setTimeout(() => {
      setWhatIf((w) => ({ status: 'loading', data: w?.data }));
      postWhatIf(plan.map((p) => p.change), scope, ctl.signal)
        .then((data) => setWhatIf({ status: 'ready', data }))
        .catch((e) => !aborted(e) && setWhatIf({ status: 'error', message: message(e) }));
    }, 300);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [plan, community, canPlan, refresh]);

  // Live: any camera change anywhere refreshes measures, gaps and camera tiles.
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    const off = live.subscribe({
      onEvent: (e) => {
        if (e.type !== 'camera.changed') return;
        clearTimeout(pending.current);
        pending.current = setTimeout(() => setRefresh((n) => n + 1), 400);
      },
    });
    return () => {
      off();
      clearTimeout(pending.current);
    };
  }, []);

  const onPick = useCallback((lon: number, lat: number, hit: { layer: string; object: unknown } | null) => {
    if (hit?.layer === LAYER_IDS.suggestions) {
      const s = hit.object as Suggestion;
      setPicked({ lon: s.lon, lat: s.lat });
      return;
    }
    setPicked({ lon, lat });
    if (hit) zoomTo(around(lon, lat, 180));
  }, [zoomTo]);

  const suggest = useCallback(async (count: number) => {
    if (!community) return;
    setSuggesting(true);
    setPlanError(null);
    try {
      const r = await postSuggest({ area: { community }, count });
      setSuggestions(r.suggestions);
      if (r.suggestions.length) {
        const xs = r.suggestions.map((s) => s.lon);
        const ys = r.suggestions.map((s) => s.lat);
        zoomTo([Math.min(...xs) - 0.002, Math.min(...ys) - 0.002, Math.max(...xs) + 0.002, Math.max(...ys) + 0.002]);
      }
    } catch (e) {
      setPlanError(message(e));
    } finally {
      setSuggesting(false);
    }
  }, [community, zoomTo]);

  const commit = useCallback(async () => {
    setCommitting(true);
    setPlanError(null);
    const measured = whatIf?.status === 'ready' ? whatIf.data : null;
    const done: string[] = [];
    try {
      for (const item of plan) {
        await commitChange(item.change);
        done.push(item.key);
      }
      setLastCommit(measured);
      dispatchPlan({ type: 'clear' });
      setSuggestions((s) => s.filter((x) => !done.includes(suggestionItem(x).key)));
    } catch (e) {
      for (const key of done) dispatchPlan({ type: 'remove', key });
      setPlanError(`Stopped after ${done.length} change${done.length === 1 ? '' : 's'}: ${message(e)}`);
    } finally {
      setCommitting(false);
      setRefresh((n) => n + 1);
    }
  }, [plan, whatIf]);

  const ex = explain && 'data' in explain ? explain.data ?? null : null;
  const mapLayers: LayersList = useMemo(
    () => [
      gapAreaLayer(gaps.area, show.area),
      viewsLayer(gaps.views, show.views),
      gapRoadLayer(gaps.road, show.road),
      gapPointsLayer(gaps.keyplace, show.keyplace),
      ...suggestionLayers(suggestions),
      ...planLayers(plannedCameras(plan)),
      ...explainLayers(picked, ex),
    ],
    [gaps, show, suggestions, plan, picked, ex],
  );

  const r = report.data;
  return (
    <div className="cov-page" data-testid="cameras-page">
      <aside className="cov-side side-panel">
        <section className="panel-section">
          <h2 className="section-title">
            Camera coverage review <span className="zh">视频覆盖评估</span>
          </h2>
          <label className="cov-scope">
            <span>Area 范围</span>
            <select data-testid="scope" value={community ?? ''} onChange={(e) => {
              const id = e.target.value ? Number(e.target.value) : null;
              setCommunity(id);
              setSuggestions([]);
              const c = communities.find((x) => x.id === id);
              if (c) zoomTo(c.bbox);
              else if (cityBBox) zoomTo(cityBBox);
            }}>
              <option value="">Whole city 全市</option>
              {communities.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} {c.name_zh}
                </option>
              ))}
            </select>
          </label>
          {report.status === 'loading' && !r && <div className="muted">Computing coverage… 正在计算覆盖率</div>}
          {report.status === 'error' && <div className="notice notice-error compact" role="alert">Coverage unavailable: {report.message}</div>}
        </section>
        {r && <MeasuresPanel report={r} />}
        {r && <KindChart report={r} />}
        {r && (
          <WorstGrids
            grids={r.worst_grids}
            onOpen={(g) => {
              setPicked(null);
              zoomTo(around(g.lon, g.lat, 600));
            }}
            onCommunity={community ? undefined : (id) => {
              setCommunity(id);
              const c = communities.find((x) => x.id === id);
              if (c) zoomTo(c.bbox);
            }}
          />
        )}
        {r && <WorstRoads roads={r.worst_roads} onOpen={(s) => zoomTo(s.bbox as BBox)} />}
      </aside>

      <section className="cov-map-wrap" aria-label="Coverage map 覆盖地图">
        {cityBBox ? (
          <CoverageMap
            cityBBox={cityBBox}
            shares={shareMap}
            sharesVersion={sharesVersion}
            camerasVersion={refresh}
            showGrids={show.grids}
            showCameras={show.cameras}
            layers={mapLayers}
            focus={focus}
            onViewport={setViewport}
            onPick={onPick}
          />
        ) : (
          <div className="map-placeholder">
            <div className="map-loading">
              <span className="spinner" aria-hidden="true" /> Loading the city… <span className="zh">正在加载城市数据</span>
            </div>
          </div>
        )}
        <MapKey show={show} setShow={setShow} shareKey={shareKey} setShareKey={setShareKey} truncated={!!(gaps.keyplace?.truncated || gaps.road?.truncated)} />
      </section>

      <aside className="cov-side cov-right side-panel">
        {picked && (
          <ExplainPanel
            explain={ex}
            loading={explain?.status === 'loading'}
            error={explain?.status === 'error' ? explain.message : null}
            canPlan={canPlan}
            onPlanStatus={(c, status) => dispatchPlan({ type: 'add', item: statusItem(c.id, c.code, status) })}
            onPlanRemove={(c) => dispatchPlan({ type: 'add', item: removeItem(c.id, c.code) })}
            onClose={() => setPicked(null)}
          />
        )}
        <PlanPanel
          canPlan={canPlan}
          communityName={communityInfo ? `${communityInfo.name} ${communityInfo.name_zh}` : null}
          suggestions={suggestions}
          suggesting={suggesting}
          plan={plan}
          whatIf={whatIf && 'data' in whatIf ? whatIf.data ?? null : null}
          measuring={whatIf?.status === 'loading'}
          committing={committing}
          lastCommit={lastCommit}
          error={planError ?? (whatIf?.status === 'error' ? whatIf.message : null)}
          onSuggest={suggest}
          onAddSuggestion={(s) => dispatchPlan({ type: 'add', item: suggestionItem(s) })}
          onFocus={(lon, lat) => {
            setPicked({ lon, lat });
            zoomTo(around(lon, lat, 150));
          }}
          onRemoveItem={(key) => dispatchPlan({ type: 'remove', key })}
          onClear={() => dispatchPlan({ type: 'clear' })}
          onCommit={commit}
        />
      </aside>
    </div>
  );
}

function mean(values: (number | null)[]): number | null {
  const v = values.filter((x): x is number => x !== null);
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
}

const SHARE_KEYS: { key: ShareKey; label: string }[] = [
  { key: 'score', label: 'Overall 综合' },
  { key: 'keyplace', label: 'Key places 重点场所' },
  { key: 'intersection', label: 'Intersections 路口' },
  { key: 'road', label: 'Roads 道路' },
  { key: 'area', label: 'Ground 面积' },
];

type Show = { grids: boolean; cameras: boolean; views: boolean; keyplace: boolean; road: boolean; area: boolean };

function MapKey({ show, setShow, shareKey, setShareKey, truncated }: {
  show: Show; setShow: (f: (s: Show) => Show) => void; shareKey: ShareKey; setShareKey: (k: ShareKey) => void; truncated: boolean;
}) {
  const toggle = (k: keyof Show) => setShow((s) => ({ ...s, [k]: !s[k] }));
  const swatch = (c: number[]) => ({ background: `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${Math.max(0.6, (c[3] ?? 255) / 255)})` });
  return (
    <details className="cov-key" aria-label="Map key 图例" data-testid="coverage-key" open>
      <summary>Map key 图例</summary>
      <div className="cov-key-row">
        <label>
          <input type="checkbox" checked={show.grids} onChange={() => toggle('grids')} /> Grids by 网格着色
        </label>
        <select value={shareKey} onChange={(e) => setShareKey(e.target.value as ShareKey)} aria-label="Colour grids by">
          {SHARE_KEYS.map((s) => (
            <option key={s.key} value={s.key}>
              {s.label}
            </option>
          ))}
        </select>
        <span className="cov-ramp" title="0 % → 100 %" />
      </div>
      <label>
        <input type="checkbox" checked={show.keyplace} onChange={() => toggle('keyplace')} />
        <i className="cov-sw round" style={swatch(GAP_COLORS.keyplace)} /> Uncovered key place 未覆盖场所
        <i className="cov-sw round" style={swatch(GAP_COLORS.mainIntersection)} /> junction 路口
      </label>
      <label>
        <input type="checkbox" checked={show.road} onChange={() => toggle('road')} />
        <i className="cov-sw line" style={swatch(GAP_COLORS.road)} /> Uncovered road 道路盲区
      </label>
      <label>
        <input type="checkbox" checked={show.area} onChange={() => toggle('area')} />
        <i className="cov-sw" style={swatch(GAP_COLORS.area)} /> Uncovered ground (z ≥ 14) 面积盲区
      </label>
      <label>
        <input type="checkbox" checked={show.views} onChange={() => toggle('views')} />
        <i className="cov-sw" style={{ background: 'rgba(34, 225, 255, 0.5)' }} /> Camera views (z ≥ 15) 可视范围
      </label>
      <label>
        <input type="checkbox" checked={show.cameras} onChange={() => toggle('cameras')} /> Cameras 摄像头
      </label>
      <div className="cov-key-reasons">
        {Object.entries(REASON_COLORS).map(([k, c]) => (
          <span key={k}>
            <i className="cov-sw round" style={swatch(c)} /> {REASON_NAMES[k]}
          </span>
        ))}
      </div>
      {truncated && <div className="warn">Zoom in for every gap 放大查看全部</div>}
      <div className="muted">Click a gap or any point: why is it not seen? 点击查看原因</div>
    </details>
  );
}
