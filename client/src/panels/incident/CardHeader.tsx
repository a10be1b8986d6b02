/** The card's head: category, grade, status and the current step's due time, with locate and close. */
import type { IncidentSummary } from '../../api/incidents';
import type { IncidentStatus } from '../../api/types';
import { dateTime, dueLabel } from '../../app/durations';
import { name } from '../../app/labels';
import { useNow } from '../../app/useNow';
import { GRADE_CLASSES, cssColor } from '../../layers/palette';
import { isPastDue } from '../../state/queue';
import { INCIDENT_CATEGORIES, STATUS_NAMES } from '../../../../server/src/contract/vocabulary.ts';
import './header.css';

export function CardHeader({
  incident,
  onClose,
  onLocate,
  timeZone,
}: {
  incident: IncidentSummary;
  onClose: () => void;
  onLocate: () => void;
  timeZone?: string;
}) {
  const now = useNow(15_000);
  const grade = GRADE_CLASSES[incident.grade];
  const category = name(INCIDENT_CATEGORIES, incident.category);
  const status = name(STATUS_NAMES, incident.status as IncidentStatus);
  const due = incident.closed_at ? null : dueLabel(incident.due_at, now, isPastDue(incident, now));
  return (
    <header className="cc-head" style={{ ['--grade' as string]: cssColor(grade.color) }}>
      <div className="cc-kicker">
        <span>
          Incident 事件 ·{' '}
          <span className="mono" title={incident.id}>
            #{incident.id.slice(0, 8)}
          </span>
        </span>
        <span className="cc-head-tools">
          <button
            type="button"
            className="cc-icon-btn"
            onClick={onLocate}
            title="Show on the map 地图定位"
            data-testid="card-locate"
          >
            <svg viewBox="0 0 16 16" aria-hidden="true">
              <circle cx="8" cy="8" r="4.5" />
              <path d="M8 0.5v3M8 12.5v3M0.5 8h3M12.5 8h3" />
            </svg>
          </button>
          <button
            type="button"
            className="cc-icon-btn"
            onClick={onClose}
            aria-label="Close 关闭"
            title="Close 关闭"
            data-testid="card-close"
          >
            ×
          </button>
        </span>
      </div>
      <h2 className="cc-title">
        {category.en} <span className="zh">{category.zh}</span>
      </h2>
      <div className="cc-chips">
        <span className={`cc-chip grade grade-${incident.grade}`}>
          {grade.label} <span className="zh">{grade.labelZh}</span>
        </span>
        <span className={`cc-chip status status-${incident.status}`} data-testid="card-status">
          {status.en} <span className="zh">{status.zh}</span>
        </span>
        {due && (
          <span
            className={`cc-chip due ${due.overdue ? 'is-overdue' : due.soon ? 'is-soon' : ''}`}
            title={`Step due ${incident.due_at ? dateTime(incident.due_at, timeZone) : ''}`}
          >
            {due.en} <span className="zh">{due.zh}</span>
          </span>
        )}
      </div>
    </header>
  );
}
