/**
 * The review's left panel: the area picker (whole city or one community), the report's state and
 * any read that failed, the measures against the targets, key places by kind, the worst grids and
 * the longest uncovered main roads.
 */
import type { Area } from '../../api/areas';
import type { CoverageReportT, RankedGrid, Stretch } from '../../api/coverage';
import { KindChart, MeasuresPanel, WorstGrids, WorstRoads } from './panels';
import type { LoadErrors, Loadable } from './useCoverageData';

const WHAT_FAILED: Record<keyof LoadErrors, string> = {
  communities: 'Communities unavailable 社区列表无法加载',
  shares: 'Grid colours unavailable 网格着色无法加载',
  gaps: 'Gaps unavailable 盲区无法加载',
};

export function ReviewPanel(p: {
  communities: Area[];
  community: number | null;
  onScope: (id: number | null) => void;
  report: Loadable<CoverageReportT>;
  errors: LoadErrors;
  onOpenGrid: (g: RankedGrid) => void;
  onOpenRoad: (s: Stretch) => void;
}) {
  const { report } = p;
  const r = report.data;
  return (
    <aside className="cov-side side-panel">
      <section className="panel-section">
        <h2 className="section-title">
          Camera coverage review <span className="zh">视频覆盖评估</span>
        </h2>
        <label className="cov-scope">
          <span>Area 范围</span>
          <select
            data-testid="scope"
            value={p.community ?? ''}
            onChange={(e) => p.onScope(e.target.value ? Number(e.target.value) : null)}
          >
            <option value="">Whole city 全市</option>
            {p.communities.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} {c.name_zh}
              </option>
            ))}
          </select>
        </label>
        {report.status === 'loading' && !r && <div className="muted">Computing coverage… 正在计算覆盖率</div>}
        {report.status === 'error' && (
          <div className="notice notice-error compact" role="alert">
            Coverage unavailable: {report.message}
          </div>
        )}
        {(Object.keys(WHAT_FAILED) as (keyof LoadErrors)[]).map(
          (k) =>
            p.errors[k] && (
              <div key={k} className="notice notice-error compact" role="alert" data-testid={`load-error-${k}`}>
                {WHAT_FAILED[k]}: {p.errors[k]}
              </div>
            ),
        )}
      </section>
      {r && <MeasuresPanel report={r} />}
      {r && <KindChart report={r} />}
      {r && (
        <WorstGrids
          grids={r.worst_grids}
          onOpen={p.onOpenGrid}
          onCommunity={p.community ? undefined : (id) => p.onScope(id)}
        />
      )}
      {r && <WorstRoads roads={r.worst_roads} onOpen={p.onOpenRoad} />}
    </aside>
  );
}
