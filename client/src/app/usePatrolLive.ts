/**
 * Live patrol units and their short trails, for any screen (/patrols, the wall): positions and
 * trails by HTTP on every (re)connect of the position feed (it is volatile, so what it dropped
 * is fetched again), then its batches. Statuses change with incidents (dispatch, handled), so
 * they are refreshed now and then. Memory stays bounded: one entry per unit, trails cut to
 * the last `trailMinutes`.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  applyBatch,
  extendTrails,
  fetchTrails,
  fetchUnits,
  subscribePositions,
  type PatrolUnit,
  type Trip,
} from '../api/patrols';

export interface PatrolLiveOptions {
  trailMinutes?: number;
  /** How often statuses are refreshed by HTTP; default 15 s. */
  refreshMs?: number;
  /** While true, the periodic refresh is skipped (e.g. a playback needs the main thread). */
  paused?: () => boolean;
  onLoaded?: () => void;
  onError?: (e: unknown) => void;
}

export interface PatrolLive {
  units: PatrolUnit[];
  trails: Trip[];
  /** Changes whenever units or trails change (deck.gl compares data by reference). */
  version: number;
  statusOf: (id: number) => string | undefined;
}

export function usePatrolLive(opts: PatrolLiveOptions = {}): PatrolLive {
  const { trailMinutes = 10, refreshMs = 15_000 } = opts;
  const latest = useRef(opts);
  latest.current = opts;
  const [units, setUnits] = useState<PatrolUnit[]>([]);
  const [trails, setTrails] = useState<Trip[]>([]);
  const [version, setVersion] = useState(0);

  const reload = useCallback(() => {
    Promise.all([fetchUnits(), fetchTrails(trailMinutes)])
      .then(([u, t]) => {
        setUnits(u.units);
        setTrails(t.trails);
        setVersion((v) => v + 1);
        latest.current.onLoaded?.();
      })
      .catch((e) => latest.current.onError?.(e));
  }, [trailMinutes]);

  useEffect(() => {
    reload();
    const off = subscribePositions((b) => {
      setUnits((u) => applyBatch(u, b));
      setTrails((t) => extendTrails(t, b, trailMinutes * 60_000));
      setVersion((v) => v + 1);
    }, reload);
    const timer = setInterval(() => {
      if (latest.current.paused?.()) return;
      fetchUnits()
        .then((u) => {
          setUnits(u.units);
          setVersion((v) => v + 1);
        })
        // The units keep their last statuses (the live feed still moves them); the next refresh retries.
        .catch((e: unknown) =>
          console.warn('[gridboard] patrol unit statuses failed to refresh:', e instanceof Error ? e.message : e),
        );
    }, refreshMs);
    return () => {
      off();
      clearInterval(timer);
    };
  }, [reload, refreshMs, trailMinutes]);

  const statusOf = useMemo(() => {
    const m = new Map(units.map((u) => [u.id, u.status]));
    return (id: number) => m.get(id);
  }, [units]);

  return { units, trails, version, statusOf };
}
