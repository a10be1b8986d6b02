import { useLiveStatus } from './useLive';
import './live.css';

const LABELS = {
  connected: { en: 'Live', zh: '实时' },
  reconnecting: { en: 'Reconnecting', zh: '重连中' },
  offline: { en: 'Offline', zh: '离线' },
} as const;

/** The live connection's state, for the top bar: green live, amber reconnecting, red offline. */
export function LiveIndicator() {
  const status = useLiveStatus();
  const label = LABELS[status.state];
  const detail =
    status.state === 'connected'
      ? `Live updates connected${status.lastSeq !== null ? ` · event #${status.lastSeq}` : ''}${status.resyncing ? ' · catching up' : ''}`
      : status.state === 'reconnecting'
        ? 'Connection lost; reconnecting and catching up automatically'
        : `No live connection${status.reason && status.reason !== 'stopped' ? ` (${status.reason})` : ''}; still retrying. What you see may be out of date.`;
  return (
    <div
      className={`live-indicator live-${status.state}`}
      data-testid="live-status"
      data-state={status.state}
      title={detail}
      role="status"
      aria-label={`${label.en} ${label.zh}: ${detail}`}
    >
      <span className="live-dot" aria-hidden="true" />
      <span className="live-label">
        {label.en} <span className="zh">{label.zh}</span>
      </span>
    </div>
  );
}
