/**
 * The playback tab's data: a time window's tracks and incidents, times made relative to the
 * window's start for the clock (usePlayback). A linked review (`?tab=playback&from&to&speed`)
 * loads and plays its window once, on arrival.
 */
import { useCallback, useEffect, useEffectEvent, useMemo, useState } from 'react';
import { fetchPlayback, type Playback } from '../../api/patrols';
import { message, toLocalInput } from './format';
import { usePlayback } from './usePlayback';

declare global {
  interface Window {
    /** Set when a playback window has loaded (benchmarks and tests wait on it). */
    __patrolsPlayback?: { trips: number; loadedAt: number };
  }
}

export interface PlaybackWindow {
  data: Playback;
  /** Epoch ms of the window's start. */
  start: number;
  /** Seconds. */
  duration: number;
}

export function usePlaybackWindow(linked: URLSearchParams, onError: (m: string) => void) {
  const linkedTime = useCallback(
    (k: string) => {
      const d = new Date(linked.get(k) ?? '');
      return Number.isNaN(d.getTime()) ? null : d;
    },
    [linked],
  );
  const [from, setFrom] = useState(() => toLocalInput(linkedTime('from') ?? new Date(Date.now() - 60 * 60_000)));
  const [to, setTo] = useState(() => toLocalInput(linkedTime('to') ?? new Date()));
  const [pb, setPb] = useState<PlaybackWindow | null>(null);
  const [loading, setLoading] = useState(false);
  const clock = usePlayback(pb?.duration ?? 0);
  const { setTime, setPlaying, setSpeed } = clock;

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const a = new Date(from);
      const b = new Date(to);
      const data = await fetchPlayback(a, b);
      setPb({ data, start: a.getTime(), duration: (b.getTime() - a.getTime()) / 1000 });
      setTime(0);
      setPlaying(true);
      window.__patrolsPlayback = { trips: data.trips.length, loadedAt: performance.now() };
    } catch (e) {
      onError(message(e));
    } finally {
      setLoading(false);
    }
  }, [from, to, setTime, setPlaying, onError]);

  // Once, for the linked window.
  const playLinked = useEffectEvent(() => {
    if (linked.get('tab') !== 'playback' || !linkedTime('from') || !linkedTime('to')) return;
    const speed = Number(linked.get('speed'));
    if (speed > 0) setSpeed(speed);
    void load();
  });
  useEffect(() => playLinked(), []);

  const trips = useMemo(
    () =>
      pb
        ? pb.data.trips.map((t) => ({
            id: t.id,
            kind: t.kind,
            path: t.path,
            times: t.times.map((x) => (x - pb.start) / 1000),
          }))
        : [],
    [pb],
  );
  const incidents = useMemo(
    () => (pb ? pb.data.incidents.map((i) => ({ ...i, t: (i.t - pb.start) / 1000 })) : []),
    [pb],
  );

  return { from, setFrom, to, setTo, pb, loading, load, clock, trips, incidents };
}
