/**
 * Alerts over the console's map: every new key or difficult incident, and steps that went
 * overdue. Visible and silent; announced politely to screen readers; never takes the keyboard
 * focus (an operator typing a note keeps typing). A click opens the incident.
 */
import { useMemo } from 'react';
import type { IncidentSummary } from '../api/incidents';
import type { IncidentStatus } from '../api/types';
import { clockTime } from '../app/durations';
import { GRADE_CLASSES, cssColor } from '../layers/palette';
import { INCIDENT_CATEGORIES, STATUS_NAMES } from '../../../server/src/contract/vocabulary.ts';
import { name } from '../app/labels';
import type { ConsoleAlert } from '../state/console';
import { useConsole, useConsoleStore } from '../state/consoleStore';
import { useAppState } from '../state/store';
import { indexAreas, placeOf, type AreaIndex } from './places';
import './alerts.css';

/** New-incident alerts shown at once; the rest are counted. */
const MAX_SHOWN = 3;
/** More overdue alerts than this are summed up in one line. */
const OVERDUE_SINGLES = 2;

export interface AlertStackProps {
  onOpen: (incident: IncidentSummary) => void;
  /** Narrow the queue to overdue incidents. */
  onShowOverdue: () => void;
}

export function AlertStack({ onOpen, onShowOverdue }: AlertStackProps) {
  const alerts = useConsole((s) => s.alerts);
  const areas = useConsole((s) => s.areas);
  const store = useConsoleStore();
  const timeZone = useAppState((s) => ('data' in s.summary ? s.summary.data?.city.timeZone : undefined));
  const index = useMemo(() => indexAreas(areas), [areas]);

  const created = alerts.filter((a) => a.kind === 'created');
  // A worker's call for help is never summed up: each one is shown.
  const help = alerts.filter((a) => a.kind === 'help');
  const overdue = alerts.filter((a) => a.kind === 'overdue');
  const dismiss = (key: string) => store.dispatch({ type: 'alert/dismissed', key });

  if (alerts.length === 0) return <div className="ca-stack" aria-live="polite" data-testid="alerts" />;

  return (
    <div className="ca-stack" aria-live="polite" aria-label="Alerts 提醒" data-testid="alerts">
      {help.map((a) => (
        <AlertCard key={a.key} alert={a} index={index} timeZone={timeZone} onOpen={onOpen} onDismiss={dismiss} />
      ))}
      {created.slice(0, MAX_SHOWN).map((a) => (
        <AlertCard key={a.key} alert={a} index={index} timeZone={timeZone} onOpen={onOpen} onDismiss={dismiss} />
      ))}
      {created.length > MAX_SHOWN && (
        <div className="ca-more">
          +{created.length - MAX_SHOWN} more new key/difficult incidents <span className="zh">更多新事件</span>
          <button type="button" onClick={() => store.dispatch({ type: 'alerts/dismissedKind', kind: 'created' })}>
            Dismiss all 全部关闭
          </button>
        </div>
      )}
      {overdue.length > 0 && overdue.length <= OVERDUE_SINGLES
        ? overdue.map((a) => (
            <AlertCard key={a.key} alert={a} index={index} timeZone={timeZone} onOpen={onOpen} onDismiss={dismiss} />
          ))
        : overdue.length > 0 && (
            <div className="ca ca-overdue ca-summary" data-testid="alert-overdue-summary">
              <button type="button" className="ca-body" onClick={onShowOverdue}>
                <span className="ca-kicker">
                  <AlertIcon /> Steps overdue <span className="zh">环节超时</span>
                </span>
                <span className="ca-title">
                  {overdue.length} incidents went past their due time{' '}
                  <span className="zh">{overdue.length} 个事件超时</span>
                </span>
                <span className="ca-hint">Show the overdue queue 查看超时队列 →</span>
              </button>
              <button
                type="button"
                className="ca-close"
                aria-label="Dismiss 关闭"
                onClick={() => store.dispatch({ type: 'alerts/dismissedKind', kind: 'overdue' })}
              >
                ×
              </button>
            </div>
          )}
    </div>
  );
}

function AlertIcon() {
  return (
    <svg viewBox="0 0 16 16" className="ca-icon" aria-hidden="true">
      <path d="M8 1.5 15 14H1z" />
      <path d="M8 6v4M8 11.6v.4" />
    </svg>
  );
}

interface AlertCardProps {
  alert: ConsoleAlert;
  index: AreaIndex;
  timeZone?: string;
  onOpen: (incident: IncidentSummary) => void;
  onDismiss: (key: string) => void;
}

function AlertCard({ alert, index, timeZone, onOpen, onDismiss }: AlertCardProps) {
  const i = alert.incident;
  const grade = GRADE_CLASSES[i.grade];
  const category = name(INCIDENT_CATEGORIES, i.category);
  const place = placeOf(index, i);
  const status = name(STATUS_NAMES, i.status as IncidentStatus);
  const isNew = alert.kind === 'created';
  const isHelp = alert.kind === 'help';
  return (
    <div
      className={`ca ${isNew ? 'ca-created' : 'ca-overdue'} grade-${i.grade}`}
      style={{ ['--grade' as string]: cssColor(grade.color) }}
      data-testid="alert"
      data-kind={alert.kind}
      data-incident-id={i.id}
    >
      <button type="button" className="ca-body" onClick={() => onOpen(i)} title="Open this incident 查看事件">
        <span className="ca-kicker">
          <AlertIcon />
          {isHelp ? (
            <>
              Grid worker asks for help <span className="zh">网格员求助</span>
            </>
          ) : isNew ? (
            <>
              New {grade.label.toLowerCase()} incident <span className="zh">新{grade.labelZh}事件</span>
            </>
          ) : (
            <>
              Step overdue · {status.en} <span className="zh">超时 · {status.zh}</span>
            </>
          )}
          <time className="ca-time" dateTime={isNew ? i.reported_at : (i.due_at ?? i.updated_at)}>
            {clockTime(isNew ? i.reported_at : (i.due_at ?? i.updated_at), timeZone)}
          </time>
        </span>
        <span className="ca-title">
          {category.en} <span className="zh">{category.zh}</span>
          <span className="ca-grade">
            {grade.label} {grade.labelZh}
          </span>
        </span>
        <span className="ca-place">
          {place ? `${place.path.zh} · ${place.short.en}` : `${i.lon.toFixed(4)}, ${i.lat.toFixed(4)}`}
        </span>
        {isHelp && alert.note ? (
          <span className="ca-desc">{alert.note}</span>
        ) : (
          i.description && <span className="ca-desc">{i.description}</span>
        )}
      </button>
      <button
        type="button"
        className="ca-close"
        aria-label="Dismiss 关闭"
        title="Dismiss 关闭"
        onClick={() => onDismiss(alert.key)}
        data-testid="alert-dismiss"
      >
        ×
      </button>
    </div>
  );
}
