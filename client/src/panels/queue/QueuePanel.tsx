/** The console's left column: the live queue, most urgent first, with its filters. */
import { useMemo } from 'react';
import { useNow } from '../../app/useNow';
import type { QueueFilter } from '../../state/queue';
import { useConsole } from '../../state/consoleStore';
import { indexAreas } from '../places';
import { isFiltered, QueueFilters } from './QueueFilters';
import { QueueRow } from './QueueRow';
import '../console-common.css';
import './queue.css';

export interface QueuePanelProps {
  filter: QueueFilter;
  onFilter: (filter: QueueFilter) => void;
  onSelect: (id: string) => void;
}

export function QueuePanel({ filter, onFilter, onSelect }: QueuePanelProps) {
  const order = useConsole((s) => s.queue.order);
  const byId = useConsole((s) => s.queue.byId);
  const status = useConsole((s) => s.queueStatus);
  const areas = useConsole((s) => s.areas);
  const selectedId = useConsole((s) => s.selectedId);
  const alerts = useConsole((s) => s.alerts);
  const now = useNow(15_000);

  const items = useMemo(() => order.map((id) => byId[id]).filter(Boolean), [order, byId]);
  const index = useMemo(() => indexAreas(areas), [areas]);
  const fresh = useMemo(() => new Set(alerts.filter((a) => a.kind === 'created').map((a) => a.incident.id)), [alerts]);
  const counts = useMemo(() => {
    let overdue = 0;
    let serious = 0;
    for (const i of items) {
      if (i.overdue) overdue++;
      if (i.grade !== 'routine') serious++;
    }
    return { overdue, serious };
  }, [items]);

  const filtered = isFiltered(filter);

  return (
    <section className="cq" aria-label="Incident queue 事件队列" data-testid="queue">
      <header className="cq-head">
        <h2 className="cq-title">
          Live queue <span className="zh">事件队列</span>
        </h2>
        {status.status === 'loading' && status.at !== undefined && (
          <span className="spinner small" aria-label="Refreshing 刷新中" />
        )}
      </header>
      <div className="cq-stats">
        <span className="cq-stat" title="Open incidents in the queue 在办事件">
          <b data-testid="queue-count">{items.length}</b>
          <span>
            Open <span className="zh">在办</span>
          </span>
        </span>
        <span className={`cq-stat ${counts.overdue ? 'is-alert' : ''}`} title="Current step past its due time 环节超时">
          <b data-testid="queue-overdue">{counts.overdue}</b>
          <span>
            Overdue <span className="zh">超时</span>
          </span>
        </span>
        <span className={`cq-stat ${counts.serious ? 'is-warn' : ''}`} title="Key and difficult grades 重点/疑难">
          <b>{counts.serious}</b>
          <span>
            Key+ <span className="zh">重点/疑难</span>
          </span>
        </span>
      </div>

      <QueueFilters filter={filter} onFilter={onFilter} areas={areas} />

      {status.status === 'error' && (
        <div className="notice notice-error compact cq-notice" role="alert">
          The queue could not be loaded: {status.message} <span className="zh">队列加载失败，自动重试</span>
        </div>
      )}

      <ol className="cq-list" data-testid="queue-list" aria-busy={status.status === 'loading'}>
        {items.map((i) => (
          <QueueRow
            key={i.id}
            item={i}
            now={now}
            index={index}
            selected={i.id === selectedId}
            fresh={fresh.has(i.id)}
            onSelect={onSelect}
          />
        ))}
        {items.length === 0 && (status.status === 'ready' || status.status === 'loading') && (
          <li className="cq-empty">
            {status.status === 'loading' && !status.at ? (
              <>
                <span className="spinner" aria-hidden="true" /> Loading the queue… <span className="zh">加载中</span>
              </>
            ) : (
              <>
                No open incidents {filtered ? 'match these filters' : ''} <span className="zh">暂无在办事件</span>
              </>
            )}
          </li>
        )}
      </ol>
    </section>
  );
}
