/** The routes tab: plan a route (operators), today's routes, and the one opened matched against its track. */
import type { PatrolUnit, ReachPlace, RouteMatch, RouteSummary } from '../../api/patrols';
import { hhmm } from './format';
import { PlanForm } from './PlanForm';

export function RoutesPanel(p: {
  canWrite: boolean;
  units: PatrolUnit[];
  places: ReachPlace[];
  routes: RouteSummary[];
  match: RouteMatch | null;
  onPlanned: (id: number) => Promise<void>;
  onOpen: (id: number) => void;
  onError: (m: string) => void;
}) {
  const { match } = p;
  return (
    <section data-testid="routes-panel">
      {p.canWrite && <PlanForm units={p.units} places={p.places} onPlanned={p.onPlanned} onError={p.onError} />}
      <h4>Routes 巡逻路线</h4>
      <ul className="pt-list" data-testid="route-list">
        {p.routes.map((r) => (
          <li key={r.id} className={match?.route.id === r.id ? 'on' : ''}>
            <button onClick={() => p.onOpen(r.id)}>{r.name}</button> {r.unit_code} · {hhmm(r.starts_at)}–
            {hhmm(r.ends_at)} · {(r.length_m / 1000).toFixed(1)} km
          </li>
        ))}
        {!p.routes.length && <li className="pt-muted">No routes planned for today.</li>}
      </ul>
      {match && (
        <div className="pt-card" data-testid="route-match">
          <h3>{match.route.name}</h3>
          <ol>
            {match.checkpoints.map((c) => (
              <li key={c.seq} data-status={c.status}>
                <span className={`cp cp-${c.status}`}>{c.status.replace('_', ' ')}</span> {c.name} ·{' '}
                {hhmm(c.window_start)}–{hhmm(c.window_end)}
                {c.visited_at && <> · visited {hhmm(c.visited_at)}</>}
              </li>
            ))}
          </ol>
          <h4>Alerts 偏离告警</h4>
          <ul data-testid="deviations">
            {match.deviations.map((d, i) => (
              <li key={i}>
                {d.kind === 'off_route' ? `Off route up to ${Math.round(d.max_m)} m` : 'Left the grid'} · {hhmm(d.from)}
                –{hhmm(d.to)}
              </li>
            ))}
            {!match.deviations.length && <li className="pt-muted">None</li>}
          </ul>
        </div>
      )}
    </section>
  );
}
