/** The newest events, one line each, newest first (bounded in liveWall.ts). */
import type { Area } from '../../api/incidents';
import { formatTime } from '../../app/format';
import { INCIDENT_CATEGORIES, STATUS_NAMES } from '../../../../server/src/contract/vocabulary.ts';
import { name } from '../../app/labels';
import { GRADE_CLASSES } from '../../layers/palette';
import type { TickerItem } from './liveWall';
import './ticker.css';

const TYPE_NAMES: Record<string, string> = {
  'incident.created': '新上报',
  'incident.updated': '状态更新',
  'incident.overdue': '超时',
  'grid.changed': '网格调整',
  'camera.changed': '摄像机变更',
  'wall.config': '大屏配置',
};

export function Ticker({
  items,
  areas,
  timeZone,
}: {
  items: TickerItem[];
  areas: Map<number, Area>;
  timeZone?: string;
}) {
  return (
    <div className="wall-ticker" data-testid="wall-ticker" aria-live="polite">
      <span className="wall-ticker-title">
        Live <span className="zh">实时动态</span>
      </span>
      {items.length === 0 && <span className="wall-ticker-empty">Waiting for events… 等待新事件</span>}
      <ol>
        {items.slice(0, 8).map((t) => {
          const place = t.communityId ? areas.get(t.communityId)?.name_zh : undefined;
          const grade = t.grade ? GRADE_CLASSES[t.grade as keyof typeof GRADE_CLASSES] : undefined;
          return (
            <li
              key={t.seq}
              data-testid="ticker-item"
              data-incident-id={t.incidentId ?? ''}
              data-type={t.type}
              className={`grade-${t.grade ?? 'none'}`}
            >
              <time>{formatTime(new Date(t.at), timeZone).slice(0, 5)}</time>
              <b>{TYPE_NAMES[t.type] ?? t.type}</b>
              {grade && <span className="wall-ticker-grade">{grade.labelZh}</span>}
              {t.category && <span>{name(INCIDENT_CATEGORIES, t.category).zh}</span>}
              {t.status && t.type === 'incident.updated' && <span>→ {name(STATUS_NAMES, t.status).zh}</span>}
              {place && <span className="wall-ticker-place">{place}</span>}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
