/** Binds the one live connection (api/live.ts) to the session, and its status to React. */
import { useEffect, useSyncExternalStore } from 'react';
import { live, type LiveStatus } from '../api/live';
import { useAppState } from '../state/store';

/** Keeps the live socket open while signed in (the shell calls this once). */
export function useLiveConnection(): void {
  const token = useAppState((s) => s.session?.token ?? null);
  useEffect(() => {
    if (!token) return;
    live.start(token);
    return () => live.stop();
  }, [token]);
}

export function useLiveStatus(): LiveStatus {
  return useSyncExternalStore(live.onStatus, live.getStatus);
}
