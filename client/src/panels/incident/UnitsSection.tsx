/** The nearest patrol units on duty, with distance and time, and a dispatch button each when dispatch is allowed. */
import type { PatrolUnit } from '../../api/incidents';
import { formatMeters } from '../../app/durations';
import { name } from '../../app/labels';
import { cssColor } from '../../layers/palette';
import { getUnitColor } from '../../layers/patrolUnitsLayer';
import { useConsole } from '../../state/consoleStore';
import { UNIT_KIND_NAMES, UNIT_STATUS_NAMES } from '../../../../server/src/contract/vocabulary.ts';
import type { SectionProps } from './types';
import './units.css';

export function UnitsSection({ canAct, onAct, incident, allowed, onHoverUnit }: SectionProps) {
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
      {units.status === 'error' && (
        <div className="notice notice-error compact">Units could not be loaded: {units.message}</div>
      )}
      {units.status === 'loading' && list.length === 0 && <p className="cc-muted-line">Finding units… 查找中</p>}
      {units.status === 'ready' && list.length === 0 && (
        <p className="cc-muted-line">No unit on duty nearby. 附近无在岗力量</p>
      )}
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
                  onClick={() =>
                    void onAct({ action: 'dispatch', unit_id: u.id, note: `Dispatched ${u.name}` }, String(u.id))
                  }
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
