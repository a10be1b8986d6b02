/**
 * Timers of the kiosk: the tour stop (held while an alert shows), the measure / heat-window
 * rotation and the burn-in shift step. Each is a counter bumped by one interval timer.
 */
import { useEffect, useState } from 'react';

/** A counter bumped every `everyMs` while `running`; 0 or less: never. */
export function useTicker(everyMs: number, running = true): number {
  const [n, setN] = useState(0);
  useEffect(() => {
    if (!running || everyMs <= 0) return;
    const t = window.setInterval(() => setN((x) => x + 1), everyMs);
    return () => window.clearInterval(t);
  }, [everyMs, running]);
  return n;
}

/** `?tour=SECONDS` overrides the configured interval on one screen (tests, benchmarks, a demo). */
export function tourOverrideSeconds(): number | null {
  const v = Number(new URLSearchParams(window.location.search).get('tour'));
  return Number.isFinite(v) && v >= 1 && v <= 3600 ? v : null;
}
