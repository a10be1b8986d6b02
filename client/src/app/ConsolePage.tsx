/**
 * `/console`: the operator's console. The live queue on the left (most urgent first), the map in
 * the centre (the selected incident marked, its grid highlighted, the nearest units), the
 * incident's card on the right, and alerts for new key/difficult incidents and overdue steps.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { IncidentSummary } from '../api/incidents';
import type { BBox } from '../api/types';
import { AlertStack } from '../panels/AlertStack';
import { IncidentPanel } from '../panels/incident/IncidentPanel';
import { QueuePanel } from '../panels/queue/QueuePanel';
import { canAct, initialConsoleState, selectedIncident } from '../state/console';
import { ConsoleProvider, createConsoleStore, useConsole, type ConsoleStore } from '../state/consoleStore';
import { NO_FILTER, type QueueFilter } from '../state/queue';
import { geometryBBox } from '../state/selectors';
import { useAppState, useStore } from '../state/store';
import { ConsoleMap } from './ConsoleMap';
import {
  useAreas,
  useConsoleLive,
  useIncidentActions,
  useQueueLoading,
  useSelectedIncidentData,
} from './useConsoleData';
import { useSelectedGridDetail } from './useData';
import { GRADES, UNIT_KIND_NAMES } from '../../../server/src/contract/vocabulary.ts';
import './console.css';

/** Around an incident without a grid, in degrees (about 250 m). */
const POINT_PAD_DEG = 0.0025;

function incidentFromUrl(): string | null {
  const id = new URLSearchParams(window.location.search).get('incident');
  return id && /^[0-9a-f-]{36}$/i.test(id) ? id : null;
}

function writeUrl(id: string | null) {
  const url = id ? `/console?incident=${encodeURIComponent(id)}` : '/console';
  if (window.location.pathname === '/console' && `${window.location.pathname}${window.location.search}` !== url) {
    window.history.replaceState(null, '', url);
  }
}

export function ConsolePage() {
  const [store] = useState(() => createConsoleStore(initialConsoleState(NO_FILTER, incidentFromUrl())));
  return (
    <ConsoleProvider store={store}>
      <Console store={store} />
    </ConsoleProvider>
  );
}

function Console({ store }: { store: ConsoleStore }) {
  const appStore = useStore();
  const role = useAppState((s) => s.session?.role ?? null);
  const bbox = useAppState((s) => ('data' in s.summary && s.summary.data ? s.summary.data.city.bbox : null));
  const summaryError = useAppState((s) => (s.summary.status === 'error' ? s.summary.message : null));
  const [filter, setFilter] = useState<QueueFilter>(NO_FILTER);
  const [highlightUnit, setHighlightUnit] = useState<number | null>(null);

  useConsoleLive(store);
  useQueueLoading(store, filter);
  useAreas(store);
  useSelectedIncidentData(store);
  useSelectedGridDetail();
  const act = useIncidentActions(store);

  // --- Selection, the highlighted grid and the map's focus -----------------------------------
  const selected = useConsole(selectedIncident);
  const selectedId = useConsole((s) => s.selectedId);
  const gridId = selected?.grid_id ?? null;
  const [focusSeq, setFocusSeq] = useState(() => (incidentFromUrl() ? 1 : 0));
  const focusDone = useRef(0);

  const select = useCallback(
    (id: string | null, hint?: IncidentSummary) => {
      store.dispatch({ type: 'incident/selected', id, hint });
      writeUrl(id);
      if (id) setFocusSeq((n) => n + 1);
    },
    [store],
  );
  const selectById = useCallback((id: string) => select(id), [select]);
  const openFromAlert = useCallback((i: IncidentSummary) => select(i.id, i), [select]);

  // The selected incident's grid is the store's selected grid: the map highlights it.
  useEffect(() => {
    appStore.dispatch({ type: 'grid/selected', id: selectedId ? gridId : null });
  }, [appStore, selectedId, gridId]);
  useEffect(() => () => appStore.dispatch({ type: 'grid/selected', id: null }), [appStore]);

  // Zoom to the incident and its grid once the grid is known (or to the point alone).
  const gridState = useAppState((s) => (s.selectedGridId === gridId ? s.selectedGrid : null));
  useEffect(() => {
    if (focusSeq === focusDone.current || !selected) return;
    const point: BBox = [
      selected.lon - POINT_PAD_DEG,
      selected.lat - POINT_PAD_DEG,
      selected.lon + POINT_PAD_DEG,
      selected.lat + POINT_PAD_DEG,
    ];
    let target: BBox | null = null;
    if (gridId === null || gridState?.status === 'error') target = point;
    else if (gridState?.status === 'ready') {
      const g = gridState.data.properties.bbox ?? geometryBBox(gridState.data.geometry);
      target = g ? union(g, point) : point;
    }
    if (!target) return; // the grid is on its way
    focusDone.current = focusSeq;
    appStore.dispatch({ type: 'map/focused', bbox: target });
  }, [focusSeq, selected, gridId, gridState, appStore]);

  // --- Alerts in the tab title (the tab may be in the background) ----------------------------
  const alertCount = useConsole((s) => s.alerts.length);
  useEffect(() => {
    const base = document.title.replace(/^\(\d+\) /, '');
    document.title = alertCount ? `(${alertCount}) ${base}` : base;
    return () => {
      document.title = document.title.replace(/^\(\d+\) /, '');
    };
  }, [alertCount]);

  const showOverdue = useCallback(() => {
    setFilter((f) => ({ ...f, overdueOnly: true }));
    store.dispatch({ type: 'alerts/dismissedKind', kind: 'overdue' });
  }, [store]);

  const mayAct = canAct(role);
  const panelProps = useMemo(
    () => ({
      canAct: mayAct,
      onAct: act,
      onClose: () => select(null),
      onLocate: () => setFocusSeq((n) => n + 1),
      onSelect: (id: string, hint?: IncidentSummary) => select(id, hint),
      onHoverUnit: setHighlightUnit,
    }),
    [mayAct, act, select],
  );

  return (
    <div className="console" data-testid="console" data-role={role ?? ''}>
      <aside className="console-queue">
        <QueuePanel filter={filter} onFilter={setFilter} onSelect={selectById} />
      </aside>
      <section className="console-map" aria-label="Map 地图">
        {bbox ? (
          <ConsoleMap cityBBox={bbox} onSelect={selectById} highlightUnit={highlightUnit} />
        ) : (
          <div className="map-placeholder">
            {summaryError ? (
              <div className="notice notice-error" role="alert">
                The city cannot be loaded: {summaryError} <span className="zh">城市数据加载失败，稍后自动重试</span>
              </div>
            ) : (
              <div className="map-loading">
                <span className="spinner" aria-hidden="true" /> Loading the city…{' '}
                <span className="zh">正在加载城市数据</span>
              </div>
            )}
          </div>
        )}
        <AlertStack onOpen={openFromAlert} onShowOverdue={showOverdue} />
        <MapKey />
      </section>
      <aside className="console-card">
        <IncidentPanel {...panelProps} />
      </aside>
    </div>
  );
}

function union(a: BBox, b: BBox): BBox {
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

/** A compact key for what the console's map draws. */
function MapKey() {
  return (
    <div className="console-key" aria-label="Map key 图例">
      {(['difficult', 'key', 'routine'] as const).map((g) => (
        <span key={g}>
          <i className={`k-dot k-${g}`} /> {GRADES[g].en} {GRADES[g].zh}
        </span>
      ))}
      <span>
        <i className="k-ring" /> Selected 选中
      </span>
      <span>
        <i className="k-dot k-team" /> {UNIT_KIND_NAMES.patrol_team.en} {UNIT_KIND_NAMES.patrol_team.zh}
      </span>
      <span>
        <i className="k-dot k-worker" /> {UNIT_KIND_NAMES.grid_worker.en} {UNIT_KIND_NAMES.grid_worker.zh}
      </span>
    </div>
  );
}
