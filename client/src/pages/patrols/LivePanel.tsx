/** The live tab: units by status, the unit picked on the map, and those outside their own grid. */
import { useMemo } from 'react';
import type { PatrolUnit } from '../../api/patrols';
import { STATUS_COLORS } from '../../layers/patrolTrailsLayer';
import { hhmm, unitKindLabel, unitStatusLabel } from './format';

export function LivePanel(p: {
  units: PatrolUnit[];
  selected: number | null;
  trailMinutes: number;
  onUnit: (u: PatrolUnit) => void;
}) {
  const { units } = p;
  const counts = useMemo(() => {
    const c = { on_patrol: 0, responding: 0, off_duty: 0, outside: 0 };
    for (const u of units) {
      c[u.status]++;
      if (u.in_own_area === false && u.status !== 'off_duty') c.outside++;
    }
    return c;
  }, [units]);
  const unit = units.find((u) => u.id === p.selected) ?? null;
  return (
    <section data-testid="live-panel">
      <div className="pt-counts">
        {(['on_patrol', 'responding', 'off_duty'] as const).map((s) => (
          <div key={s} data-testid={`count-${s}`}>
            <i style={{ background: `rgba(${STATUS_COLORS[s].slice(0, 3).join(',')})` }} />
            <b>{counts[s]}</b>
            <span>{unitStatusLabel(s)}</span>
          </div>
        ))}
        <div data-testid="count-outside">
          <i className="ring-out" />
          <b>{counts.outside}</b>
          <span>Outside own grid 离开网格</span>
        </div>
      </div>
      <p className="pt-muted">
        Dots: fill = status; red ring = outside its own grid (worker) or street office (team). Trails: last{' '}
        {p.trailMinutes} min.
      </p>
      {unit && (
        <div className="pt-card" data-testid="unit-card">
          <h3>
            {unit.code} · {unit.name}
          </h3>
          <p>
            {unitStatusLabel(unit.status)} · {unitKindLabel(unit.kind)}
          </p>
          <p>
            {unit.in_own_area === false ? 'Outside its own area' : 'Inside its own area'} · last fix{' '}
            {unit.last_fix_at ? hhmm(unit.last_fix_at) : '—'}
          </p>
        </div>
      )}
      <h4>Outside their own grid</h4>
      <ul className="pt-list" data-testid="outside-list">
        {units
          .filter((u) => u.in_own_area === false && u.status !== 'off_duty')
          .slice(0, 30)
          .map((u) => (
            <li key={u.id}>
              <button onClick={() => p.onUnit(u)}>{u.code}</button> {u.name}
            </li>
          ))}
      </ul>
    </section>
  );
}
