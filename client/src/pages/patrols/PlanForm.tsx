/** The form an operator plans a route with: a unit, its checkpoints (key places) in order, the start and the time per leg. */
import { useState } from 'react';
import { planRoute, type PatrolUnit, type ReachPlace } from '../../api/patrols';
import { message, toLocalInput } from './format';

export function PlanForm(p: {
  units: PatrolUnit[];
  places: ReachPlace[];
  onPlanned: (id: number) => Promise<void>;
  onError: (m: string) => void;
}) {
  const onDuty = p.units.filter((u) => u.status !== 'off_duty');
  const [unit, setUnit] = useState<number | ''>('');
  const [stops, setStops] = useState<(number | '')[]>(['', '']);
  const [start, setStart] = useState(() => toLocalInput(new Date()));
  const [legMin, setLegMin] = useState(20);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const chosen = stops.filter((s): s is number => s !== '');
    if (unit === '' || chosen.length < stops.length) return p.onError('Choose a unit and every checkpoint');
    setBusy(true);
    try {
      const t0 = new Date(start).getTime();
      const code = p.units.find((u) => u.id === unit)?.code ?? unit;
      const r = await planRoute({
        unit_id: unit,
        name: `Patrol ${code} ${start.slice(11)}`,
        checkpoints: chosen.map((kp, i) => ({
          key_place_id: kp,
          window_start: new Date(t0 + (i * legMin - 5) * 60_000).toISOString(),
          window_end: new Date(t0 + (i * legMin + 5) * 60_000).toISOString(),
        })),
      });
      await p.onPlanned(r.id);
    } catch (e) {
      p.onError(message(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="pt-card" data-testid="plan-form">
      <h4>Plan a route 规划路线</h4>
      <div className="pt-row">
        <select
          value={unit}
          onChange={(e) => setUnit(e.target.value ? Number(e.target.value) : '')}
          data-testid="plan-unit"
        >
          <option value="">Unit…</option>
          {onDuty.map((u) => (
            <option key={u.id} value={u.id}>
              {u.code} {u.name}
            </option>
          ))}
        </select>
      </div>
      {stops.map((s, i) => (
        <div className="pt-row" key={i}>
          <select
            value={s}
            data-testid={`plan-stop-${i}`}
            onChange={(e) =>
              setStops(stops.map((x, j) => (j === i ? (e.target.value ? Number(e.target.value) : '') : x)))
            }
          >
            <option value="">Checkpoint {i + 1}…</option>
            {p.places.map((k) => (
              <option key={k.id} value={k.id}>
                {k.name_zh} ({k.kind})
              </option>
            ))}
          </select>
        </div>
      ))}
      <div className="pt-row">
        <button onClick={() => setStops([...stops, ''])} disabled={stops.length >= 8}>
          + checkpoint
        </button>
        <label>
          start <input type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} />
        </label>
        <label>
          every{' '}
          <input type="number" min={5} max={120} value={legMin} onChange={(e) => setLegMin(Number(e.target.value))} />{' '}
          min
        </label>
      </div>
      <button onClick={() => void submit()} disabled={busy} data-testid="plan-submit">
        Plan along the streets
      </button>
    </div>
  );
}
