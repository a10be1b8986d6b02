/**
 * Data loading for the signed-in app: calls the API and puts the answers into the store.
 * Panels and the map read the store only.
 */
import { useCallback, useEffect } from 'react';
import { ApiError } from '../api/http';
import { fetchGrid, fetchIncidents, fetchSummary } from '../api/endpoints';
import { useAppState, useStore } from '../state/store';

/** How often the overview refreshes its figures. */
const REFRESH_MS = 60_000;
/** Incidents on the map: the last seven days, at most this many. */
const INCIDENT_DAYS = 7;
const INCIDENT_LIMIT = 5000;

function messageOf(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return err instanceof Error ? err.message : String(err);
}

function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}

/** After a failure, retry sooner than the regular refresh. */
const RETRY_MS = 10_000;

/**
 * Run `load` now, then again `everyMs` after each success (`RETRY_MS` after a failure);
 * abort the one in flight on unmount. `load` resolves true on success.
 */
function usePolling(load: (signal: AbortSignal) => Promise<boolean>, everyMs: number, enabled: boolean) {
  useEffect(() => {
    if (!enabled) return;
    let controller = new AbortController();
    let timer = 0;
    let stopped = false;
    const run = async () => {
      controller = new AbortController();
      const ok = await load(controller.signal).catch(() => false);
      if (!stopped) timer = window.setTimeout(run, ok ? everyMs : RETRY_MS);
    };
    void run();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [load, everyMs, enabled]);
}

export function useSummaryPolling(): void {
  const store = useStore();
  const signedIn = useAppState((s) => s.session !== null);
  const load = useCallback(
    async (signal: AbortSignal) => {
      store.dispatch({ type: 'summary/loading' });
      try {
        const summary = await fetchSummary(signal);
        store.dispatch({ type: 'summary/loaded', summary, at: Date.now() });
        return true;
      } catch (err) {
        if (!isAbort(err)) store.dispatch({ type: 'summary/failed', message: messageOf(err) });
        return false;
      }
    },
    [store],
  );
  usePolling(load, REFRESH_MS, signedIn);
}

export function useIncidentsPolling(): void {
  const store = useStore();
  const signedIn = useAppState((s) => s.session !== null);
  const load = useCallback(
    async (signal: AbortSignal) => {
      store.dispatch({ type: 'incidents/loading' });
      try {
        const since = new Date(Date.now() - INCIDENT_DAYS * 24 * 3600 * 1000);
        const collection = await fetchIncidents(since, INCIDENT_LIMIT, signal);
        store.dispatch({
          type: 'incidents/loaded',
          features: collection.features ?? [],
          truncated: collection.truncated === true,
          at: Date.now(),
        });
        return true;
      } catch (err) {
        if (!isAbort(err)) store.dispatch({ type: 'incidents/failed', message: messageOf(err) });
        return false;
      }
    },
    [store],
  );
  usePolling(load, REFRESH_MS, signedIn);
}

/** Fetches the selected grid's detail whenever the selection changes. */
export function useSelectedGridDetail(): void {
  const store = useStore();
  const id = useAppState((s) => s.selectedGridId);
  useEffect(() => {
    if (id === null) return;
    const controller = new AbortController();
    fetchGrid(id, controller.signal)
      .then((detail) => store.dispatch({ type: 'grid/loaded', id, detail, at: Date.now() }))
      .catch((err) => {
        if (!isAbort(err)) store.dispatch({ type: 'grid/failed', id, message: messageOf(err) });
      });
    return () => controller.abort();
  }, [id, store]);
}
