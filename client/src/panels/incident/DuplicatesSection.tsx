/** Likely duplicates nearby (same category, open, close in space and time), each one click from being marked. */
import type { DuplicateCandidate } from '../../api/incidents';
import type { IncidentStatus } from '../../api/types';
import { age, formatMeters } from '../../app/durations';
import { name } from '../../app/labels';
import { useNow } from '../../app/useNow';
import { GRADE_CLASSES, cssColor } from '../../layers/palette';
import { useConsole } from '../../state/consoleStore';
import { STATUS_NAMES } from '../../../../server/src/contract/vocabulary.ts';
import type { SectionProps } from './types';
import './duplicates.css';

export function DuplicatesSection({ canAct, onAct, incident, allowed, onSelect }: SectionProps) {
  const duplicates = useConsole((s) => s.duplicates);
  const action = useConsole((s) => s.action);
  const now = useNow(30_000);
  const list: DuplicateCandidate[] = 'data' in duplicates && duplicates.data ? duplicates.data : [];
  const canMark = canAct && (allowed?.includes('mark_duplicate') ?? false);
  return (
    <div className={`cc-section ${list.length ? 'cc-dups-found' : ''}`} data-testid="duplicates">
      <h3 className="cc-section-title">
        Likely duplicates <span className="zh">疑似重复</span>
        {list.length > 0 && <span className="cc-count">{list.length}</span>}
      </h3>
      {duplicates.status === 'error' && <div className="notice notice-error compact">{duplicates.message}</div>}
      {duplicates.status === 'ready' && list.length === 0 && (
        <p className="cc-muted-line">
          None nearby: no open report of this category within 150 m and 48 h. 附近无同类在办事件
        </p>
      )}
      <ul className="cc-dups">
        {list.map((d) => {
          const status = name(STATUS_NAMES, d.status as IncidentStatus);
          const busy = action.pending === 'mark_duplicate' && action.target === d.id;
          return (
            <li key={d.id} className="cc-dup" data-testid="dup-row" data-id={d.id}>
              <button
                type="button"
                className="cc-dup-open"
                onClick={() => onSelect(d.id, d)}
                title="Open this incident 查看"
              >
                <span className="cc-dup-line">
                  <span className="cq-dot" style={{ background: cssColor(GRADE_CLASSES[d.grade].color) }} />
                  <b>{formatMeters(d.distance_m)}</b> away · {age(d.reported_at, now)} ago
                  <span className={`cq-status status-${d.status}`}>{status.en}</span>
                </span>
                <span className="cc-dup-desc">
                  <span className="mono">#{d.id.slice(0, 8)}</span> {d.description}
                </span>
              </button>
              {canMark && (
                <button
                  type="button"
                  className="cc-btn small"
                  disabled={action.pending !== null}
                  onClick={() =>
                    void onAct({ action: 'mark_duplicate', duplicate_of: d.id, note: `Duplicate of ${d.id}` }, d.id)
                  }
                  data-testid="dup-mark"
                  title={`Mark #${incident.id.slice(0, 8)} as a duplicate of #${d.id.slice(0, 8)} 标为重复`}
                >
                  {busy && <span className="spinner small" aria-hidden="true" />}
                  Duplicate of this <span className="zh">标为其重复</span>
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
