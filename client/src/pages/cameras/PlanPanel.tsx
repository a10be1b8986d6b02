/**
 * The planner's panel: ask for placement suggestions in the community under review, add them
 * (or breakdowns and removals picked from a gap) to a draft plan, see the measures before and
 * after, and commit the plan to the registry.
 */
import type { Suggestion, WhatIfResponseT } from '../../api/coverage';
import { BeforeAfter } from './panels';
import type { PlanItem } from './plan';

export interface PlanPanelProps {
  canPlan: boolean;
  communityName: string | null;
  suggestions: Suggestion[];
  suggesting: boolean;
  plan: PlanItem[];
  whatIf: WhatIfResponseT | null;
  measuring: boolean;
  committing: boolean;
  lastCommit: WhatIfResponseT | null;
  error: string | null;
  onSuggest: (count: number) => void;
  onAddSuggestion: (s: Suggestion) => void;
  onFocus: (lon: number, lat: number) => void;
  onRemoveItem: (key: string) => void;
  onClear: () => void;
  onCommit: () => void;
}

export function PlanPanel(p: PlanPanelProps) {
  const planned = new Set(p.plan.map((i) => i.key));
  return (
    <section className="panel-section" aria-labelledby="cov-plan" data-testid="plan-panel">
      <h2 id="cov-plan" className="section-title">
        Plan cameras <span className="zh">补点规划</span>
      </h2>
      {!p.canPlan && <div className="muted">Planners plan cameras here. 规划人员可在此补点。</div>}
      {p.canPlan && (
        <>
          <div className="cov-suggest">
            <button
              type="button"
              className="btn-primary"
              data-testid="suggest"
              disabled={!p.communityName || p.suggesting}
              onClick={() => p.onSuggest(10)}
            >
              {p.suggesting ? 'Placing… 计算中' : 'Suggest 10 cameras 推荐点位'}
            </button>
            <span className="muted">
              {p.communityName ? `in ${p.communityName}` : 'choose a community to review first 先选择社区'}
            </span>
          </div>
          {p.suggestions.length > 0 && (
            <ol className="cov-list" data-testid="suggestions">
              {p.suggestions.map((s) => {
                const key = `add:${s.lon.toFixed(7)},${s.lat.toFixed(7)},${s.bearing_deg}`;
                return (
                  <li key={key}>
                    <button type="button" className="cov-row" onClick={() => p.onFocus(s.lon, s.lat)}>
                      <span className="cov-rank">{s.rank}</span>
                      <span className="cov-row-name">
                        {s.kind === 'ptz' ? 'PTZ' : `${s.fov_deg}° facing ${Math.round(s.bearing_deg)}°`} at{' '}
                        {s.site === 'intersection' ? 'an intersection 路口' : 'the road 路段'}
                      </span>
                      <span className="cov-row-fig">+{Math.round(s.gain.score)}</span>
                    </button>
                    <span className="cov-row-sub muted">
                      {gainText(s.gain)}
                      <button
                        type="button"
                        className="cov-link"
                        disabled={planned.has(key)}
                        onClick={() => p.onAddSuggestion(s)}
                      >
                        {planned.has(key) ? 'in plan 已加入' : 'add to plan 加入规划'}
                      </button>
                    </span>
                  </li>
                );
              })}
            </ol>
          )}
          <div className="cov-plan">
            <div className="cov-plan-head">
              Draft plan 草案 · {p.plan.length} change{p.plan.length === 1 ? '' : 's'}
              {p.plan.length > 0 && (
                <button type="button" className="cov-link" onClick={p.onClear}>
                  clear 清空
                </button>
              )}
            </div>
            <ul className="cov-plan-items" data-testid="plan-items">
              {p.plan.map((i) => (
                <li key={i.key}>
                  {i.label}
                  <button type="button" className="cov-close" aria-label="Drop" onClick={() => p.onRemoveItem(i.key)}>
                    ×
                  </button>
                </li>
              ))}
            </ul>
            {p.measuring && <div className="muted">Measuring the plan… 评估中</div>}
            {p.whatIf && p.plan.length > 0 && <BeforeAfter result={p.whatIf} title="If committed 若实施" />}
            {p.plan.length > 0 && (
              <button
                type="button"
                className="btn-primary"
                data-testid="commit"
                disabled={p.committing}
                onClick={p.onCommit}
              >
                {p.committing
                  ? 'Committing… 提交中'
                  : `Commit ${p.plan.length} change${p.plan.length === 1 ? '' : 's'} 提交`}
              </button>
            )}
          </div>
        </>
      )}
      {p.error && (
        <div className="notice notice-error compact" role="alert">
          {p.error}
        </div>
      )}
      {p.lastCommit && <BeforeAfter result={p.lastCommit} title="Last committed change 最近变更" />}
    </section>
  );
}

function gainText(g: Suggestion['gain']): string {
  const parts: string[] = [];
  if (g.keyplaces) parts.push(`${g.keyplaces} key place${g.keyplaces > 1 ? 's' : ''}`);
  if (g.main_intersections) parts.push(`${g.main_intersections} main junction${g.main_intersections > 1 ? 's' : ''}`);
  if (g.intersections) parts.push(`${g.intersections} junction${g.intersections > 1 ? 's' : ''}`);
  const road = g.main_road_m + g.road_m;
  if (road) parts.push(`${Math.round(road)} m of road`);
  return parts.join(' · ') || 'small gain';
}
