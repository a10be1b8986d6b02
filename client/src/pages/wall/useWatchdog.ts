/**
 * The last resort of a screen nobody touches: when the live connection has been down for
 * minutes although the server answers again (a socket that will not come back by itself), reload
 * the page. Never reloads while the server is away: a browser error page would not heal.
 */
import { useEffect } from 'react';
import { serverIsUp } from '../../api/health';
import { useLiveStatus } from '../../app/useLive';

const DOWN_FOR_MS = 3 * 60_000;
const CHECK_EVERY_MS = 30_000;

export function useReloadWatchdog(): void {
  const status = useLiveStatus();
  useEffect(() => {
    if (status.state === 'connected') return;
    const since = status.since;
    const t = window.setInterval(async () => {
      if (Date.now() - since < DOWN_FOR_MS) return;
      // Still away: keep waiting.
      if (await serverIsUp()) window.location.reload();
    }, CHECK_EVERY_MS);
    return () => window.clearInterval(t);
  }, [status.state, status.since]);
}
