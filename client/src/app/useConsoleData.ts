/**
 * The console's network side: loads the queue and follows it live, loads the selected
 * incident's card, duplicates and nearest units, and sends actions. Puts every answer into the
 * console store; the panels only read it.
 */
import { useCallback, useEffect } from 'react';
import { ApiError } from '../api/http';
import { fetchAreas } from '../api/areas';
import {
  fetchDuplicates,
  fetchIncidentCard,
  fetchNearestUnits,
  fetchQueue,
  postAction,
  type ActionRequest,
  type QueueQuery,
} from '../api/incidents';
import { live } from '../api/live';
import type { ConsoleStore } from '../state/consoleStore';
import { useConsole } from '../state/consoleStore';
import type { QueueFilter } from '../state/queue';
import { selectedIncident } from '../state/console';

/** The queue is reloaded in full this often, as a safety net under the live stream. */
const QUEUE_REFRESH_MS = 120_000;
const RETRY_MS = 10_000;
/** Overdue steps are re-ranked this often. */
const TICK_MS = 15_000;
/** Patrol units move: their distances are refreshed this often while an incident is open. */
const UNITS_REFRESH_MS = 30_000;
/** The most queue rows asked for. */
export const QUEUE_LIMIT = 1000;

export function messageOf(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return err instanceof Error ? err.message : String(err);
}

function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}

export function queueQuery(f: QueueFilter): QueueQuery {
  return {
    status: f.status ?? undefined,
    grade: f.grade ?? undefined,
    category: f.category ?? undefined,
    community: f.community ?? undefined,
    district: f.community ? undefined : (f.district ?? undefined),
    overdue: f.overdueOnly || undefined,
    limit: QUEUE_LIMIT,
  };
}

/** Live events and snapshots into the console store, for as long as the console is open. */
export function useConsoleLive(store: ConsoleStore): void {
  useEffect(
    () =>
      live.subscribe({
        onEvent: (event) => store.dispatch({ type: 'live/event', event, now: Date.now() }),
        onSnapshot: ({ incidents }) => store.dispatch({ type: 'live/snapshot', incidents, now: Date.now() }),
      }),
    [store],
  );
  // Leaving the console: the stream goes back to the whole city.
  useEffect(() => () => void live.follow(null), []);
  useEffect(() => {
    const timer = window.setInterval(() => store.dispatch({ type: 'queue/tick', now: Date.now() }), TICK_MS);
    return () => window.clearInterval(timer);
  }, [store]);
}

/**
 * Loads the queue for `filter` (again whenever it changes, and every few minutes). The live
 * stream is narrowed to the filter's area and its starting seq is known before the HTTP load
 * begins, so no event falls between the two; the store's version checks merge them.
 */
export function useQueueLoading(store: ConsoleStore, filter: QueueFilter): void {
  useEffect(() => {
    let stopped = false;
    let timer = 0;
    let controller: AbortController | null = null;
    const area = filter.community
      ? { community: filter.community }
      : filter.district
        ? { district: filter.district }
        : null;
    const run = async () => {
      controller = new AbortController();
      try {
        await live.follow(area);
        await live.ready();
        if (stopped) return;
        store.dispatch({ type: 'queue/loading', filter });
        const { incidents } = await fetchQueue(queueQuery(filter), controller.signal);
        if (stopped) return;
        store.dispatch({ type: 'queue/loaded', incidents, now: Date.now() });
        timer = window.setTimeout(run, QUEUE_REFRESH_MS);
      } catch (err) {
        if (stopped || isAbort(err)) return;
        store.dispatch({ type: 'queue/failed', message: messageOf(err) });
        timer = window.setTimeout(run, RETRY_MS);
      }
    };
    void run();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      controller?.abort();
    };
  }, [store, filter]);
}

/** The area tree, once, for the area filter and place names. */
export function useAreas(store: ConsoleStore): void {
  useEffect(() => {
    const controller = new AbortController();
    let timer = 0;
    const load = () =>
      fetchAreas(controller.signal)
        .then(({ areas }) => store.dispatch({ type: 'areas/loaded', areas }))
        .catch((err) => {
          if (!isAbort(err)) timer = window.setTimeout(load, RETRY_MS);
        });
    void load();
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [store]);
}

/** Card (again whenever a newer version is known), duplicates and nearest units of the selected incident. */
export function useSelectedIncidentData(store: ConsoleStore): void {
  const id = useConsole((s) => s.selectedId);
  const reload = useConsole((s) => s.cardReload);
  const location = useConsole((s) => {
    const i = selectedIncident(s);
    return i ? `${i.lon},${i.lat}` : null;
  });

  useEffect(() => {
    if (!id) return;
    const controller = new AbortController();
    fetchIncidentCard(id, controller.signal)
      .then((card) => store.dispatch({ type: 'card/loaded', id, card, at: Date.now() }))
      .catch((err) => {
        if (!isAbort(err)) store.dispatch({ type: 'card/failed', id, message: messageOf(err) });
      });
    return () => controller.abort();
  }, [store, id, reload]);

  useEffect(() => {
    if (!id) return;
    const controller = new AbortController();
    fetchDuplicates(id, controller.signal)
      .then(({ duplicates }) => store.dispatch({ type: 'duplicates/loaded', id, duplicates, at: Date.now() }))
      .catch((err) => {
        if (!isAbort(err)) store.dispatch({ type: 'duplicates/failed', id, message: messageOf(err) });
      });
    return () => controller.abort();
  }, [store, id]);

  useEffect(() => {
    if (!id || !location) return;
    const [lon, lat] = location.split(',').map(Number);
    let controller = new AbortController();
    const load = () => {
      controller = new AbortController();
      fetchNearestUnits(lon, lat, 5, controller.signal)
        .then(({ units }) => store.dispatch({ type: 'units/loaded', id, units, at: Date.now() }))
        .catch((err) => {
          if (!isAbort(err)) store.dispatch({ type: 'units/failed', id, message: messageOf(err) });
        });
    };
    load();
    const timer = window.setInterval(load, UNITS_REFRESH_MS);
    return () => {
      window.clearInterval(timer);
      controller.abort();
    };
  }, [store, id, location]);
}

/** Sends an action for the selected incident at the version shown; true when it went through. */
export function useIncidentActions(
  store: ConsoleStore,
): (req: Omit<ActionRequest, 'version'>, target?: string) => Promise<boolean> {
  return useCallback(
    async (req, target) => {
      const state = store.getState();
      const id = state.selectedId;
      const card = 'data' in state.card ? state.card.data : undefined;
      if (!id || !card || state.action.pending) return false;
      store.dispatch({ type: 'action/started', id, action: req.action, target: target ?? null });
      try {
        const result = await postAction(id, { ...req, version: card.incident.version });
        store.dispatch({ type: 'action/succeeded', id, result, now: Date.now() });
        return true;
      } catch (err) {
        const code = err instanceof ApiError ? err.code : 'error';
        // 409: the incident moved on (another operator, a field report): show why, reload it.
        const reload = err instanceof ApiError && err.status === 409;
        store.dispatch({ type: 'action/failed', id, code, message: messageOf(err), reload });
        return false;
      }
    },
    [store],
  );
}
