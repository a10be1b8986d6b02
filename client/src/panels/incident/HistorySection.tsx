/**
 * The incident's history, newest first: each action, the status it led to, who and when, the
 * note, and the step's photos as small thumbnails (a flagged one marked).
 */
import { useMemo } from 'react';
import type { HistoryEntry } from '../../api/incidents';
import type { IncidentStatus } from '../../api/types';
import { dateTime } from '../../app/durations';
import { name } from '../../app/labels';
import { HISTORY_ACTION_NAMES, STATUS_NAMES } from '../../../../server/src/contract/vocabulary.ts';
import { PhotoThumb } from './PhotosThumb';
import './history.css';

export function HistorySection({ history, timeZone }: { history: HistoryEntry[] | null; timeZone?: string }) {
  const entries = useMemo(() => (history ? [...history].reverse() : null), [history]);
  return (
    <div className="cc-section" data-testid="history">
      <h3 className="cc-section-title">
        History <span className="zh">处置记录</span>
      </h3>
      {entries === null && <p className="cc-muted-line">Loading… 加载中</p>}
      <ol className="cc-timeline">
        {entries?.map((h, i) => {
          const n = name(HISTORY_ACTION_NAMES, h.action);
          const to = name(STATUS_NAMES, h.to_status as IncidentStatus);
          return (
            <li
              key={`${h.at}-${h.action}-${i}`}
              className={`cc-event ${i === 0 ? 'latest' : ''}`}
              data-testid="history-item"
              data-action={h.action}
            >
              <span className="cc-event-dot" aria-hidden="true" />
              <div className="cc-event-head">
                <span className="cc-event-action">
                  {n.en} <span className="zh">{n.zh}</span>
                </span>
                <time dateTime={h.at} title={h.at}>
                  {dateTime(h.at, timeZone)}
                </time>
              </div>
              <div className="cc-event-meta">
                → {to.en} {to.zh} · <span className="cc-actor">{h.actor}</span>
              </div>
              {h.note && <div className="cc-event-note">{h.note}</div>}
              {h.photos && h.photos.length > 0 && (
                <div className="cc-event-photos" data-testid="history-photos">
                  {h.photos.map((p) => (
                    <PhotoThumb key={p.id} photo={p} small />
                  ))}
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
