/** The response tab: key places no unit on patrol reaches within N minutes, and the units responding (with their way there). */
import type { PatrolUnit, ReachResponse } from '../../api/patrols';
import type { ResponsePath } from './useResponseData';

export function ResponsePanel(p: {
  units: PatrolUnit[];
  reachMin: number;
  onReachMin: (m: number) => void;
  onCheck: () => void;
  reach: ReachResponse | null;
  responsePath: ResponsePath | null;
  onPlace: (at: [number, number]) => void;
  onResponding: (u: PatrolUnit) => void;
}) {
  const { reach, responsePath } = p;
  return (
    <section data-testid="response-panel">
      <h4>Key place reach 重点部位到达</h4>
      <div className="pt-row">
        <label>
          within{' '}
          <input
            type="number"
            min={0.5}
            max={60}
            step={0.5}
            value={p.reachMin}
            data-testid="reach-minutes"
            onChange={(e) => p.onReachMin(Number(e.target.value))}
          />{' '}
          min
        </label>
        <button onClick={p.onCheck} data-testid="reach-check">
          Check
        </button>
      </div>
      {reach && (
        <>
          <p data-testid="reach-summary">
            <b>{reach.unreachable}</b> of {reach.total} key places: no unit on patrol within {reach.minutes} min
          </p>
          <ul className="pt-list" data-testid="unreachable-list">
            {reach.places
              .filter((x) => x.minutes === null)
              .slice(0, 40)
              .map((x) => (
                <li key={x.id}>
                  <button onClick={() => p.onPlace([x.lon, x.lat])}>{x.name_zh}</button> {x.kind}
                </li>
              ))}
          </ul>
        </>
      )}
      <h4>Responding 处置中</h4>
      <ul className="pt-list" data-testid="responding-list">
        {p.units
          .filter((u) => u.status === 'responding')
          .slice(0, 40)
          .map((u) => (
            <li key={u.id}>
              <button disabled={!u.responding_to} onClick={() => p.onResponding(u)}>
                {u.code}
              </button>{' '}
              {u.name}
              {responsePath?.unit === u.id && <span> · {Math.round(responsePath.length_m)} m by street</span>}
            </li>
          ))}
      </ul>
    </section>
  );
}
