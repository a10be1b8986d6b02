/**
 * The wall's network side: config, area tree, figures, per-grid values, heat and open incidents
 * over HTTP, kept current by the one live socket (api/live.ts). Each poller retries
 * on its own after a failure, and everything is fetched again after the socket comes back, so
 * a network cut, a server restart or a database restart heals without a hand on the screen.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { live } from '../../api/live';
import type { Area } from '../../api/incidents';
import { fetchAreas } from '../../api/areas';
import {
  fetchGridValues,
  fetchHeat,
  fetchWallConfig,
  fetchWallKpis,
  fetchWallOpen,
  type GridValues,
  type HeatWindow,
  type WallConfig,
  type WallKpis,
  type WallMeasure,
} from '../../api/wall';
import { useLiveStatus } from '../../app/useLive';
import { applyWallEvent, dismissAlert, emptyWallLive, loadIncidents, type WallLiveState } from './liveWall';
import { markWall, setWallInfo } from './wallReadiness';

const RETRY_MS = 5_000;
const KPI_EVERY_MS = 30_000;
/** After live changes, figures are fetched again this soon (at most this often). */
const KPI_AFTER_EVENT_MS = 1_500;
const VALUES_EVERY_MS = 60_000;
const HEAT_EVERY_MS = 120_000;
/** The markers are reloaded in full this often, as a safety net under the live stream. */
const OPEN_EVERY_MS = 10 * 60_000;

function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}

/**
 * Runs `load` now and again every `everyMs` (RETRY_MS after a failure), again whenever `key`
 * changes, and at once when `kick` changes. Hands each answer to `onData`.
 */
function usePoll<T>(
  load: (signal: AbortSignal) => Promise<T>,
  onData: (v: T) => void,
  everyMs: number,
  key: unknown,
  kick: number,
  enabled = true,
) {
  // Both are fresh closures each render; `key` says when what they load really changed.
  const loadRef = useRef(load);
  loadRef.current = load;
  const onDataRef = useRef(onData);
  onDataRef.current = onData;
  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    let timer = 0;
    let controller = new AbortController();
    const run = async () => {
      controller = new AbortController();
      let ok = false;
      try {
        const v = await loadRef.current(controller.signal);
        if (stopped) return;
        onDataRef.current(v);
        ok = true;
      } catch (err) {
        if (stopped || isAbort(err)) return;
        // The screen keeps what it had (the figures' age turns amber); the console says why.
        console.warn(
          `[gridboard] wall ${String(key)} failed to load, retrying:`,
          err instanceof Error ? err.message : err,
        );
      }
      timer = window.setTimeout(run, ok ? everyMs : RETRY_MS);
    };
    void run();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [key, kick, everyMs, enabled]);
}

export interface WallData {
  config: WallConfig | null;
  areas: Area[] | null;
  kpis: WallKpis | null;
  kpisAt: number | null;
  values: GridValues | null;
  heat: { window: HeatWindow; data: Float32Array; version: number } | null;
  live: WallLiveState;
  dismiss: (key: string) => void;
}

export function useWallData(measure: WallMeasure | null, heatWindow: HeatWindow | null): WallData {
  const [config, setConfig] = useState<WallConfig | null>(null);
  const [areas, setAreas] = useState<Area[] | null>(null);
  const [kpis, setKpis] = useState<{ k: WallKpis; at: number } | null>(null);
  const [values, setValues] = useState<GridValues | null>(null);
  const [heat, setHeat] = useState<WallData['heat']>(null);
  const [liveState, setLive] = useState<WallLiveState>(emptyWallLive);
  const [configKick, setConfigKick] = useState(0);
  const [kpiKick, setKpiKick] = useState(0);
  const [reconnects, setReconnects] = useState(0);
  const alertGrades = useRef<readonly string[]>([]);
  alertGrades.current = config?.alerts.grades ?? [];

  // --- Live: events into the state; a config change reloads the config; any change refreshes the figures soon.
  const kpiTimer = useRef(0);
  useEffect(() => {
    const soon = () => {
      if (kpiTimer.current) return;
      kpiTimer.current = window.setTimeout(() => {
        kpiTimer.current = 0;
        setKpiKick((n) => n + 1);
      }, KPI_AFTER_EVENT_MS);
    };
    const off = live.subscribe({
      onEvent: (e) => {
        if (e.type === 'wall.config') setConfigKick((n) => n + 1);
        setLive((s) => applyWallEvent(s, e, Date.now(), alertGrades.current));
        if (e.incident) soon();
      },
      onSnapshot: ({ incidents }) => {
        setLive((s) =>
          loadIncidents(
            s,
            incidents.filter((i) => !i.closed_at),
          ),
        );
        soon();
      },
    });
    return () => {
      off();
      window.clearTimeout(kpiTimer.current);
      kpiTimer.current = 0;
    };
  }, []);

  // Back online after a cut or a restart: fetch everything again (the socket resyncs itself).
  const status = useLiveStatus();
  const wasConnected = useRef<boolean | null>(null);
  useEffect(() => {
    const connected = status.state === 'connected';
    if (wasConnected.current === false && connected) setReconnects((n) => n + 1);
    wasConnected.current = connected;
  }, [status.state]);

  usePoll(
    (s) => fetchWallConfig(s),
    (r) => setConfig(r.config),
    10 * 60_000,
    'config',
    configKick + reconnects,
  );
  usePoll(
    (s) => fetchAreas(s),
    (r) => setAreas(r.areas),
    30 * 60_000,
    'areas',
    reconnects,
  );
  usePoll(
    (s) => fetchWallKpis(s),
    (k) => {
      setKpis({ k, at: Date.now() });
      markWall('kpisLoaded');
    },
    KPI_EVERY_MS,
    'kpis',
    kpiKick + reconnects,
  );
  usePoll((s) => fetchGridValues(measure!, s), setValues, VALUES_EVERY_MS, measure, reconnects, measure !== null);
  usePoll(
    (s) => fetchHeat(heatWindow!, s),
    ({ data }) => {
      setHeat((h) => ({ window: heatWindow!, data, version: (h?.version ?? 0) + 1 }));
      markWall('heatLoaded', { heatCount: data.length / 3 });
    },
    HEAT_EVERY_MS,
    heatWindow,
    reconnects,
    heatWindow !== null,
  );
  // Open incidents: the stream's starting point is known before the load, so nothing falls between.
  usePoll(
    async (s) => {
      await live.ready();
      return fetchWallOpen(s);
    },
    (r) => setLive((st) => loadIncidents(st, r.incidents)),
    OPEN_EVERY_MS,
    'open',
    reconnects,
  );

  useEffect(() => setWallInfo({ heatCount: heat ? heat.data.length / 3 : 0 }), [heat]);

  const dismiss = useCallback((key: string) => setLive((s) => dismissAlert(s, key)), []);

  return {
    config,
    areas,
    kpis: kpis?.k ?? null,
    kpisAt: kpis?.at ?? null,
    values: values && values.measure === measure ? values : null,
    heat,
    live: liveState,
    dismiss,
  };
}
