/** The card's facts: description, when and how it was reported, where, its grid and worker, the unit sent. */
import { useMemo } from 'react';
import type { IncidentSummary } from '../../api/incidents';
import { age, dateTime } from '../../app/durations';
import { name } from '../../app/labels';
import { useNow } from '../../app/useNow';
import { useConsole } from '../../state/consoleStore';
import { useAppState } from '../../state/store';
import { SOURCE_NAMES } from '../../../../server/src/contract/vocabulary.ts';
import { NoWorkerBadge } from '../NoWorkerBadge';
import { indexAreas, placeOf } from '../places';

export function Facts({ incident, timeZone }: { incident: IncidentSummary; timeZone?: string }) {
  const now = useNow(15_000);
  const areas = useConsole((s) => s.areas);
  const units = useConsole((s) => ('data' in s.units ? s.units.data : undefined));
  const grid = useAppState((s) =>
    s.selectedGrid.status === 'ready' && s.selectedGridId === incident.grid_id ? s.selectedGrid.data.properties : null,
  );
  const place = useMemo(() => placeOf(indexAreas(areas), incident), [areas, incident]);
  const source = name(SOURCE_NAMES, incident.source);
  const assigned =
    incident.assigned_unit_id !== null ? units?.find((u) => u.id === incident.assigned_unit_id) : undefined;
  return (
    <div className="cc-section cc-facts-wrap">
      {incident.description && <p className="cc-desc">{incident.description}</p>}
      <dl className="cc-facts">
        <dt>Reported 上报</dt>
        <dd>
          {dateTime(incident.reported_at, timeZone)}{' '}
          <span className="muted">· {age(incident.reported_at, now)} ago</span>
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
                    Worker 网格员 {grid.worker_name}{' '}
                    {grid.worker_phone && <span className="mono">{grid.worker_phone}</span>}
                  </>
                ) : (
                  <NoWorkerBadge />
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
