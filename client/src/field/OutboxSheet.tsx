/** The outbox, opened from the header: what waits to be sent, and what the server refused and why. */
import { discard, flush } from './outbox/outbox';
import { useOutbox } from './useOutbox';

export function OutboxSheet({ onClose }: { onClose(): void }) {
  const o = useOutbox();
  return (
    <div className="sheet" role="dialog" aria-label="待发送 Outbox" data-testid="outbox-sheet">
      <header>
        <h2>待发送 Outbox</h2>
        <button type="button" className="big-button secondary" onClick={onClose}>
          关闭 Close
        </button>
      </header>
      {o.items.length === 0 && o.fixes === 0 && <p className="empty">已全部发送 · Everything has been sent</p>}
      <ul>
        {o.items.map((i) => (
          <li key={i.seq} className={i.state}>
            <strong>{i.title}</strong>
            <span className="hint">
              {' '}
              {new Date(i.created_at).toLocaleTimeString('zh-CN', { hour12: false })}
              {i.photos.length > 0 && ` · ${i.photos.length} 张照片 photos`}
            </span>
            {i.last_error && <p className={i.state === 'refused' ? 'error' : 'hint'}>{i.last_error}</p>}
            {i.state === 'refused' && (
              <button type="button" className="big-button secondary" onClick={() => void discard(i.seq!)}>
                知道了，删除 · Understood, remove
              </button>
            )}
          </li>
        ))}
        {o.fixes > 0 && <li>{o.fixes} 个定位点 · GPS points</li>}
      </ul>
      <button type="button" className="big-button primary" disabled={o.sending} onClick={() => void flush()}>
        {o.sending ? '发送中… · Sending…' : '立即发送 · Send now'}
      </button>
    </div>
  );
}
