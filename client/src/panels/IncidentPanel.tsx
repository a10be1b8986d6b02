/**
 * The console's right column: the selected incident's card — details, the actions its status
 * allows (operators and admins only), nearest patrol units, likely duplicates, and its history.
 * Reads state; actions go out through the `onAct` callback.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ActionRequest, DuplicateCandidate, HistoryEntry, IncidentAction, IncidentSummary, PatrolUnit } from '../api/incidents';
import type { IncidentStatus } from '../api/types';
import { age, dateTime, dueLabel, formatMeters } from '../app/durations';
import { ACTION_NAMES, DANGER_ACTIONS, HISTORY_ACTION_NAMES, NOTE_REQUIRED, SOURCE_NAMES, UNIT_KIND_NAMES, UNIT_STATUS_NAMES } from '../layers/actionVocabulary';
import { GRADE_CLASSES, cssColor } from '../layers/palette';
import { getUnitColor } from '../layers/patrolUnitsLayer';
import { CATEGORY_NAMES, STATUS_NAMES, name } from '../layers/vocabulary';
import { selectedIncident } from '../state/console';
import { useConsole } from '../state/consoleStore';
import { isPastDue } from '../state/queue';
import { useAppState } from '../state/store';
import { useNow } from '../app/useNow';
import { indexAreas, placeOf } from './places';
import './console.css';

export interface IncidentPanelProps {
  /** The user's role may act (operator, admin). */
  canAct: boolean;
  onAct: (req: Omit<ActionRequest, 'version'>, target?: string) => Promise<boolean>;
  onClose: () => void;
  onLocate: () => void;
  onSelect: (id: string, hint?: IncidentSummary) => void;
  onHoverUnit: (id: number | null) => void;
}

/** Button order: the loop's next step first, then the side paths, then turning it away. */
const GENERIC_ORDER: IncidentAction[] = ['accept', 'dispatch', 'handle', 'verify', 'archive', 'evaluate', 'escalate', 'reopen', 'reject'];
/** The loop's forward steps: the first one offered is the primary button. */
const FORWARD: ReadonlySet<IncidentAction> = new Set<IncidentAction>(['accept', 'dispatch', 'handle', 'verify', 'archive', 'evaluate']);

export function IncidentPanel(props: IncidentPanelProps) {
  const selectedId = useConsole((s) => s.selectedId);
  const incident = useConsole(selectedIncident);
  const card = useConsole((s) => s.card);
  const timeZone = useAppState((s) => ('data' in s.summary ? s.summary.data?.city.timeZone : undefined));
  // Likely duplicates decide whether to accept at all: when there are some, they come first.
  const duplicatesFirst = useConsole((s) => s.duplicates.status === 'ready' && s.duplicates.data.length > 0);

  if (!selectedId) return <EmptyCard />;
  const data = 'data' in card ? card.data : undefined;
  return (
    <section
      className="cc"
      aria-label="Incident card 事件详情"
      data-testid="incident-card"
      data-id={selectedId}
      data-status={incident?.status ?? ''}
      data-version={incident?.version ?? ''}
      data-busy={card.status === 'loading' ? 'true' : 'false'}
    >
      {incident ? (
        <>
          <CardHeader incident={incident} onClose={props.onClose} onLocate={props.onLocate} timeZone={timeZone} />
          {card.status === 'error' && (
            <div className="notice notice-error compact cc-pad" role="alert">
              The incident could not be loaded: {card.message} <span className="zh">事件加载失败</span>
            </div>
          )}
          <Facts incident={incident} timeZone={timeZone} />
          {duplicatesFirst && <DuplicatesSection {...props} incident={incident} allowed={data?.allowed ?? null} />}
          <ActionSection {...props} incident={incident} allowed={data?.allowed ?? null} loading={card.status === 'loading'} />
          <UnitsSection {...props} incident={incident} allowed={data?.allowed ?? null} />
          {!duplicatesFirst && <DuplicatesSection {...props} incident={incident} allowed={data?.allowed ?? null} />}
          <HistorySection history={data?.history ?? null} timeZone={timeZone} />
        </>
      ) : (
        <div className="cc-loading">
          <span className="spinner" aria-hidden="true" /> Loading the incident… <span className="zh">加载中</span>
        </div>
      )}
    </section>
  );
}

function EmptyCard() {
  return (
    <section className="cc cc-empty" data-testid="incident-card-empty">
      <svg viewBox="0 0 48 48" aria-hidden="true" className="cc-empty-icon">
        <rect x="6" y="8" width="36" height="32" rx="4" />
        <path d="M12 17h24M12 24h16M12 31h20" />
      </svg>
      <p>
        Select an incident in the queue, on the map or from an alert.
        <br />
        <span className="zh">在队列、地图或提醒中选择一个事件</span>
      </p>
    </section>
  );
}

function CardHeader({ incident, onClose, onLocate, timeZone }: { incident: IncidentSummary; onClose: () => void; onLocate: () => void; timeZone?: string }) {
  const now = useNow(15_000);
  const grade = GRADE_CLASSES[incident.grade];
  const category = name(CATEGORY_NAMES, incident.category);
  const status = name(STATUS_NAMES, incident.status as IncidentStatus);
  const due = incident.closed_at ? null : dueLabel(incident.due_at, now, isPastDue(incident, now));
  return (
    <header className="cc-head" style={{ ['--grade' as string]: cssColor(grade.color) }}>
      <div className="cc-kicker">
        <span>
          Incident 事件 · <span className="mono" title={incident.id}>#{incident.id.slice(0, 8)}</span>
        </span>
        <span className="cc-head-tools">
          <button type="button" className="cc-icon-btn" onClick={onLocate} title="Show on the map 地图定位" data-testid="card-locate">
            <svg viewBox="0 0 16 16" aria-hidden="true">
              <circle cx="8" cy="8" r="4.5" />
              <path d="M8 0.5v3M8 12.5v3M0.5 8h3M12.5 8h3" />
            </svg>
          </button>
          <button type="button" className="cc-icon-btn" onClick={onClose} aria-label="Close 关闭" title="Close 关闭" data-testid="card-close">
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
          <span className={`cc-chip due ${due.overdue ? 'is-overdue' : due.soon ? 'is-soon' : ''}`} title={`Step due ${incident.due_at ? dateTime(incident.due_at, timeZone) : ''}`}>
            {due.en} <span className="zh">{due.zh}</span>
          </span>
        )}
      </div>
    </header>
  );
}

function Facts({ incident, timeZone }: { incident: IncidentSummary; timeZone?: string }) {
  const now = useNow(15_000);
  const areas = useConsole((s) => s.areas);
  const units = useConsole((s) => ('data' in s.units ? s.units.data : undefined));
  const grid = useAppState((s) => (s.selectedGrid.status === 'ready' && s.selectedGridId === incident.grid_id ? s.selectedGrid.data.properties : null));
  const place = useMemo(() => placeOf(indexAreas(areas), incident), [areas, incident]);
  const source = name(SOURCE_NAMES, incident.source);
  const assigned = incident.assigned_unit_id !== null ? units?.find((u) => u.id === incident.assigned_unit_id) : undefined;
  return (
    <div className="cc-section cc-facts-wrap">
      {incident.description && <p className="cc-desc">{incident.description}</p>}
      <dl className="cc-facts">
        <dt>Reported 上报</dt>
        <dd>
          {dateTime(incident.reported_at, timeZone)} <span className="muted">· {age(incident.reported_at, now)} ago</span>
          <span className="cc-sub">
            {source.en} {source.zh}
          </span>
        </dd>
        <dt>Place 位置</dt>
        <dd>
          {place ? (
            <>
              {place.path.zh}
              <span className="cc-sub">{place.path.en}</span>
            </>
          ) : (
            '—'
          )}
        </dd>
        <dt>Grid 网格</dt>
        <dd>
          {grid ? (
            <>
              {grid.name} <span className="mono muted">{grid.code}</span>
              <span className="cc-sub">
                {grid.worker_name ? (
                  <>
                    Worker 网格员 {grid.worker_name} {grid.worker_phone && <span className="mono">{grid.worker_phone}</span>}
                  </>
                ) : (
                  <span className="warn">No grid worker 网格员空缺</span>
                )}
              </span>
            </>
          ) : incident.grid_id !== null ? (
            <span className="muted">#{incident.grid_id}</span>
          ) : (
            '—'
          )}
        </dd>
        {incident.assigned_unit_id !== null && (
          <>
            <dt>Assigned 派遣</dt>
            <dd data-testid="card-assigned" data-unit-id={incident.assigned_unit_id}>
              {assigned ? assigned.name : `Unit #${incident.assigned_unit_id}`}
            </dd>
          </>
        )}
        {incident.duplicate_of && (
          <>
            <dt>Duplicate of 重复于</dt>
            <dd className="mono">#{incident.duplicate_of.slice(0, 8)}</dd>
          </>
        )}
      </dl>
    </div>
  );
}

type SectionProps = IncidentPanelProps & { incident: IncidentSummary; allowed: IncidentAction[] | null };

function ActionSection({ canAct, onAct, incident, allowed, loading }: SectionProps & { loading: boolean }) {
  const action = useConsole((s) => s.action);
  const [note, setNote] = useState('');
  const [department, setDepartment] = useState('');
  const [evaluation, setEvaluation] = useState(0);
  const [missing, setMissing] = useState<string | null>(null);

  // A new incident starts with empty fields.
  useEffect(() => {
    setNote('');
    setDepartment('');
    setEvaluation(0);
    setMissing(null);
  }, [incident.id]);

  const buttons = (allowed ?? []).filter((a) => a !== 'mark_duplicate').sort((a, b) => GENERIC_ORDER.indexOf(a) - GENERIC_ORDER.indexOf(b));
  const needsDepartment = buttons.includes('escalate');
  const needsScore = buttons.includes('evaluate');

  if (!canAct) {
    return (
      <div className="cc-section">
        <div className="cc-readonly" data-testid="read-only">
          <svg viewBox="0 0 16 16" aria-hidden="true">
            <rect x="3" y="7" width="10" height="7" rx="1.5" />
            <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" />
          </svg>
          <span>
            Read-only: your role can follow incidents but not act on them. <span className="zh">只读：当前角色不能处置事件</span>
          </span>
        </div>
      </div>
    );
  }

  if (allowed && allowed.length === 0) {
    return (
      <div className="cc-section">
        <h3 className="cc-section-title">
          Actions <span className="zh">处置</span>
        </h3>
        <p className="cc-muted-line">The loop is closed: no further action. 闭环已完成，无需处置</p>
      </div>
    );
  }

  const send = async (a: IncidentAction) => {
    if (NOTE_REQUIRED.has(a) && !note.trim()) return setMissing(`${ACTION_NAMES[a].en} needs a note saying why. 请填写原因`);
    if (a === 'escalate' && !department.trim()) return setMissing('Escalation names the department that must respond. 请填写责任部门');
    if (a === 'evaluate' && !evaluation) return setMissing('Choose a score from 1 to 5. 请选择评分');
    setMissing(null);
    const ok = await onAct({
      action: a,
      note: note.trim(),
      department: (a === 'escalate' || a === 'dispatch') && department.trim() ? department.trim() : undefined,
      evaluation: a === 'evaluate' ? evaluation : undefined,
    });
    if (ok) {
      setNote('');
      setEvaluation(0);
    }
  };

  return (
    <div className="cc-section" data-testid="actions">
      <h3 className="cc-section-title">
        Actions <span className="zh">处置</span>
      </h3>
      <ActionFeedback />
      {missing && (
        <div className="notice notice-warn compact" role="status">
          {missing}
        </div>
      )}
      <label className="cc-field">
        <span>Note 备注</span>
        <textarea
          rows={2}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder="What was decided, and why 处置说明"
          maxLength={2000}
          data-testid="action-note"
        />
      </label>
      {needsDepartment && (
        <label className="cc-field">
          <span>Department 责任部门 (escalate / dispatch)</span>
          <input value={department} onChange={(e) => setDepartment(e.target.value)} maxLength={200} placeholder="e.g. 城管执法局" data-testid="action-department" />
        </label>
      )}
      {needsScore && (
        <div className="cc-field">
          <span>Evaluation 评分</span>
          <div className="cc-stars" role="radiogroup" aria-label="Evaluation 1 to 5">
            {[1, 2, 3, 4, 5].map((n) => (
              <button
                key={n}
                type="button"
                role="radio"
                aria-checked={evaluation === n}
                className={n <= evaluation ? 'on' : ''}
                onClick={() => setEvaluation(n)}
                data-testid={`evaluation-${n}`}
                title={`${n} / 5`}
              >
                ★
              </button>
            ))}
            <span className="cc-stars-value">{evaluation ? `${evaluation} / 5` : '—'}</span>
          </div>
        </div>
      )}
      <div className="cc-buttons">
        {allowed === null && <span className="cc-muted-line">Loading the allowed actions… 加载中</span>}
        {buttons.map((a) => {
          const n = ACTION_NAMES[a];
          const busy = action.pending === a && !action.target;
          return (
            <button
              key={a}
              type="button"
              className={`cc-btn ${a === buttons[0] && FORWARD.has(a) ? 'primary' : ''} ${DANGER_ACTIONS.has(a) ? 'danger' : ''}`}
              disabled={action.pending !== null || loading}
              onClick={() => void send(a)}
              data-testid={`action-${a}`}
              title={a === 'dispatch' ? 'Dispatch without naming a unit (to a department); or pick a unit below' : undefined}
            >
              {busy && <span className="spinner small" aria-hidden="true" />}
              {n.en} <span className="zh">{n.zh}</span>
            </button>
          );
        })}
      </div>
    </div>
  );
}

function ActionFeedback() {
  const action = useConsole((s) => s.action);
  if (action.error) {
    return (
      <div className="notice notice-error compact" role="alert" data-testid="action-error">
        {action.error.message}
        {(action.error.code === 'conflict' || action.error.code === 'illegal_transition') && (
          <span className="zh"> · 事件已被更新，已重新加载</span>
        )}
      </div>
    );
  }
  if (action.done) {
    const n = ACTION_NAMES[action.done.action];
    return (
      <div className="cc-done" role="status" data-testid="action-done">
        ✓ {n ? `${n.en} — done` : 'Done'} <span className="zh">{n?.zh} 已完成</span>
      </div>
    );
  }
  return null;
}

function UnitsSection({ canAct, onAct, incident, allowed, onHoverUnit }: SectionProps) {
  const units = useConsole((s) => s.units);
  const action = useConsole((s) => s.action);
  const list: PatrolUnit[] = 'data' in units && units.data ? units.data : [];
  const canDispatch = canAct && (allowed?.includes('dispatch') ?? false);
  return (
    <div className="cc-section" data-testid="units">
      <h3 className="cc-section-title">
        Nearest units <span className="zh">附近巡防力量</span>
        <span className="cc-title-note" title="Distance as the crow flies; walking at 5 km/h">
          straight-line 直线距离
        </span>
      </h3>
      {canAct && !canDispatch && allowed !== null && !incident.closed_at && (
        <p className="cc-muted-line">
          {allowed.includes('accept')
            ? 'Accept the incident to dispatch a unit. 受理后可派遣'
            : incident.status === 'dispatched'
              ? 'Dispatched; escalate if the unit cannot handle it. 已派遣，如需增援请吹哨上报'
              : 'No dispatch at this step. 当前环节不可派遣'}
        </p>
      )}
      {units.status === 'error' && <div className="notice notice-error compact">Units could not be loaded: {units.message}</div>}
      {units.status === 'loading' && list.length === 0 && <p className="cc-muted-line">Finding units… 查找中</p>}
      {units.status === 'ready' && list.length === 0 && <p className="cc-muted-line">No unit on duty nearby. 附近无在岗力量</p>}
      <ul className="cc-units">
        {list.map((u, i) => {
          const kind = name(UNIT_KIND_NAMES, u.kind);
          const status = name(UNIT_STATUS_NAMES, u.status);
          const assigned = incident.assigned_unit_id === u.id;
          const busy = action.pending === 'dispatch' && action.target === String(u.id);
          return (
            <li
              key={u.id}
              className={`cc-unit ${assigned ? 'assigned' : ''}`}
              data-testid="unit-row"
              data-unit-id={u.id}
              onMouseEnter={() => onHoverUnit(u.id)}
              onMouseLeave={() => onHoverUnit(null)}
            >
              <span className="cc-unit-rank" style={{ borderColor: cssColor(getUnitColor(u)) }}>
                {i + 1}
              </span>
              <span className="cc-unit-main">
                <span className="cc-unit-name">
                  {u.name}
                  {assigned && <span className="cc-tag">assigned 已派</span>}
                </span>
                <span className="cc-unit-sub">
                  {kind.zh} · <span className={u.status === 'responding' ? 'warn' : 'ok'}>{status.zh}</span>
                  {u.phone && <span className="mono"> · {u.phone}</span>}
                </span>
              </span>
              <span className="cc-unit-dist">
                <b>{formatMeters(u.distance_m)}</b>
                <span>~{Math.max(1, Math.round(u.eta_min))} min</span>
              </span>
              {canDispatch && (
                <button
                  type="button"
                  className="cc-btn small primary"
                  disabled={action.pending !== null}
                  onClick={() => void onAct({ action: 'dispatch', unit_id: u.id, note: `Dispatched ${u.name}` }, String(u.id))}
                  data-testid="unit-dispatch"
                  data-unit-id={u.id}
                  title={`Dispatch ${u.name} (${kind.en}) 派遣`}
                >
                  {busy && <span className="spinner small" aria-hidden="true" />}
                  Dispatch <span className="zh">派遣</span>
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function DuplicatesSection({ canAct, onAct, incident, allowed, onSelect }: SectionProps) {
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
        <p className="cc-muted-line">None nearby: no open report of this category within 150 m and 48 h. 附近无同类在办事件</p>
      )}
      <ul className="cc-dups">
        {list.map((d) => {
          const status = name(STATUS_NAMES, d.status as IncidentStatus);
          const busy = action.pending === 'mark_duplicate' && action.target === d.id;
          return (
            <li key={d.id} className="cc-dup" data-testid="dup-row" data-id={d.id}>
              <button type="button" className="cc-dup-open" onClick={() => onSelect(d.id, d)} title="Open this incident 查看">
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
                  onClick={() => void onAct({ action: 'mark_duplicate', duplicate_of: d.id, note: `Duplicate of ${d.id}` }, d.id)}
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

function HistorySection({ history, timeZone }: { history: HistoryEntry[] | null; timeZone?: string }) {
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
            <li key={`${h.at}-${h.action}-${i}`} className={`cc-event ${i === 0 ? 'latest' : ''}`} data-testid="history-item" data-action={h.action}>
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
            </li>
          );
        })}
      </ol>
    </div>
  );
}
