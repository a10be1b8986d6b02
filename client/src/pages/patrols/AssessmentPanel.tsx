/** The assessment tab: today's figures per grid worker (streets walked, time inside, checkpoints, alerts). */
import type { AssessmentResponse } from '../../api/patrols';
import { pct } from './format';

export function AssessmentPanel({ assessment }: { assessment: AssessmentResponse | null }) {
  return (
    <section data-testid="assessment-panel">
      <h4>Grid workers today 网格员今日考核 {assessment ? `(${assessment.day})` : ''}</h4>
      <p className="pt-muted">
        Streets walked = share of the grid's street length within 20 m of the day's track. Map: red little, green most.
      </p>
      <table className="pt-table" data-testid="assessment-table">
        <thead>
          <tr>
            <th>Worker</th>
            <th>Grid</th>
            <th>Streets</th>
            <th>Inside</th>
            <th>Checkpoints</th>
            <th>Alerts</th>
          </tr>
        </thead>
        <tbody>
          {(assessment?.rows ?? [])
            .filter((r) => r.grid_id !== null)
            .slice(0, 200)
            .map((r) => (
              <tr key={r.unit_id}>
                <td title={r.unit_code}>{r.unit_name}</td>
                <td>{r.grid_code}</td>
                <td>{pct(r.walked_share)}</td>
                <td>{pct(r.inside_share)}</td>
                <td>{r.checkpoints_total ? `${r.checkpoints_on_time}/${r.checkpoints_total}` : '—'}</td>
                <td>{r.deviations || ''}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </section>
  );
}
