/** The closed-loop actions the incident's status allows, with the note, department and score they need. */
import { useEffect, useState } from 'react';
import type { IncidentAction } from '../../api/incidents';
import { useConsole } from '../../state/consoleStore';
import { ACTION_NAMES } from '../../../../server/src/contract/vocabulary.ts';
import type { SectionProps } from './types';
import '../fields.css';
import './actions.css';

/** Button order: the loop's next step first, then the side paths, then turning it away. */
const GENERIC_ORDER: IncidentAction[] = [
  'accept',
  'dispatch',
  'handle',
  'verify',
  'archive',
  'evaluate',
  'escalate',
  'reopen',
  'send_back',
  'reject',
];
/** The phone's own steps (a worker taking a task, asking for help): not buttons of the console. */
const FIELD_ONLY: ReadonlySet<IncidentAction> = new Set<IncidentAction>(['acknowledge', 'request_help']);
/** The loop's forward steps: the first one offered is the primary button. */
const FORWARD: ReadonlySet<IncidentAction> = new Set<IncidentAction>([
  'accept',
  'dispatch',
  'handle',
  'verify',
  'archive',
  'evaluate',
]);
/** Actions that end the incident or turn it away: drawn as danger buttons. */
const DANGER_ACTIONS: ReadonlySet<IncidentAction> = new Set<IncidentAction>(['reject', 'reopen', 'send_back']);
/** Actions that need a note saying why (the server refuses them without one). */
const NOTE_REQUIRED: ReadonlySet<IncidentAction> = new Set<IncidentAction>([
  'reject',
  'reopen',
  'send_back',
  'request_help',
]);

export function ActionSection({ canAct, onAct, incident, allowed, loading }: SectionProps & { loading: boolean }) {
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

  const buttons = (allowed ?? [])
    .filter((a) => a !== 'mark_duplicate' && !FIELD_ONLY.has(a))
    .sort((a, b) => GENERIC_ORDER.indexOf(a) - GENERIC_ORDER.indexOf(b));
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
            Read-only: your role can follow incidents but not act on them.{' '}
            <span className="zh">只读：当前角色不能处置事件</span>
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
    if (NOTE_REQUIRED.has(a) && !note.trim())
      return setMissing(`${ACTION_NAMES[a].en} needs a note saying why. 请填写原因`);
    if (a === 'escalate' && !department.trim())
      return setMissing('Escalation names the department that must respond. 请填写责任部门');
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
          <input
            value={department}
            onChange={(e) => setDepartment(e.target.value)}
            maxLength={200}
            placeholder="e.g. 城管执法局"
            data-testid="action-department"
          />
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
              title={
                a === 'dispatch' ? 'Dispatch without naming a unit (to a department); or pick a unit below' : undefined
              }
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
