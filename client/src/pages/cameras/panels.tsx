/**
 * The review's panels (read their props, never the network): measures against the targets,
 * key places by kind, the worst grids and the longest uncovered main roads, why the cameras
 * near a clicked point miss it, and a before/after comparison.
 */
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatInt } from '../../app/format';
import type { CoverageReportT, ExplainT, Measures, RankedGrid, Stretch, WhatIfResponseT } from '../../api/coverage';
import { REASON_COLORS } from './layers';
import { pct, shareColor, signedPct } from './plan';

const css = (c: number[]) => `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${(c[3] ?? 255) / 255})`;
const AXIS = { fill: '#8797b4', fontSize: 10 };
const TOOLTIP = {
  contentStyle: { background: '#0b1324', border: '1px solid #2a3a5a', borderRadius: 6, fontSize: 12 },
  labelStyle: { color: '#e8f0ff' },
};

export const KIND_NAMES: Record<string, string> = {
  school: 'School 学校',
  hospital: 'Hospital 医院',
  market: 'Market 市场',
  station: 'Station 车站',
  government: 'Government 政府',
  enterprise: 'Enterprise 企业',
  square: 'Square 广场',
  intersection: 'Intersection 路口',
};

export const REASON_NAMES: Record<string, string> = {
  covers: 'Sees it 可见',
  out_of_range: 'Out of range 超出距离',
  facing_away: 'Facing away 朝向不对',
  blocked_by_building: 'Blocked by a building 被建筑遮挡',
  faulty: 'Faulty 故障',
  offline: 'Offline 离线',
};

function ShareBar({
  label,
  zh,
  value,
  target,
  sub,
  testId,
}: {
  label: string;
  zh: string;
  value: number | null;
  target?: number;
  sub: string;
  testId: string;
}) {
  const color = css(shareColor(value, 255));
  return (
    <div className="cov-share" data-testid={testId}>
      <div className="cov-share-head">
        <span>
          {label} <span className="zh">{zh}</span>
        </span>
        <strong style={{ color }}>{pct(value)}</strong>
      </div>
      <div className="cov-bar">
        <div className="cov-bar-fill" style={{ width: `${Math.round((value ?? 0) * 100)}%`, background: color }} />
        {target !== undefined && (
          <div className="cov-bar-target" style={{ left: `${target * 100}%` }} title={`target ${pct(target, 0)}`} />
        )}
      </div>
      <div className="cov-share-sub muted">{sub}</div>
    </div>
  );
}

export function MeasuresPanel({ report }: { report: CoverageReportT }) {
  const m = report.measures;
  const km2 = (v: number) => `${(v / 1e6).toFixed(v < 1e7 ? 2 : 1)} km²`;
  const km = (v: number) => `${(v / 1000).toFixed(1)} km`;
  return (
    <section className="panel-section" aria-labelledby="cov-measures">
      <h2 id="cov-measures" className="section-title">
        Coverage <span className="zh">视频覆盖</span>
      </h2>
      <div className="cov-targets">
        <Target ok={m.meets_targets.keyplaces} text="Key places > 90 %" zh="重点场所覆盖率" />
        <Target ok={m.meets_targets.main_intersections} text="Main intersections 100 %" zh="主要路口全覆盖" />
      </div>
      <ShareBar
        testId="cov-keyplaces"
        label="Key places"
        zh="重点场所"
        value={m.keyplace_share}
        target={report.targets.keyplace_share}
        sub={`${formatInt(m.keyplaces_covered)} of ${formatInt(m.keyplaces)} covered`}
      />
      <ShareBar
        testId="cov-main-intersections"
        label="Main intersections"
        zh="主要路口"
        value={m.main_intersection_share}
        target={1}
        sub={`${formatInt(m.uncovered_main_intersections)} uncovered of ${formatInt(m.main_intersections)}`}
      />
      <ShareBar
        testId="cov-intersections"
        label="All intersections"
        zh="全部路口"
        value={m.intersection_share}
        sub={`${formatInt(m.uncovered_intersections)} uncovered of ${formatInt(m.intersections)}`}
      />
      <ShareBar
        testId="cov-main-roads"
        label="Main roads"
        zh="主干道"
        value={m.main_road_share}
        sub={`${km(m.main_road_covered_m)} of ${km(m.main_road_m)} in view`}
      />
      <ShareBar
        testId="cov-roads"
        label="All roads"
        zh="道路"
        value={m.road_share}
        sub={`${km(m.road_covered_m)} of ${km(m.road_m)} in view`}
      />
      <ShareBar
        testId="cov-area"
        label="Ground"
        zh="面积"
        value={m.area_share}
        sub={`${km2(m.covered_m2)} of ${km2(m.area_m2)} in view`}
      />
      <div className="cov-cams muted">
        {formatInt(m.cameras_working)} of {formatInt(m.cameras)} cameras working <span className="zh">在线摄像头</span>
      </div>
    </section>
  );
}

function Target({ ok, text, zh }: { ok: boolean | null; text: string; zh: string }) {
  const cls = ok === null ? 'muted' : ok ? 'ok' : 'alert';
  return (
    <span className={`cov-target ${cls}`}>
      {ok === null ? '·' : ok ? '✓' : '✗'} {text} <span className="zh">{zh}</span>
    </span>
  );
}

export function KindChart({ report }: { report: CoverageReportT }) {
  const data = Object.entries(report.keyplaces_by_kind)
    .map(([kind, v]) => ({
      kind: (KIND_NAMES[kind] ?? kind).split(' ')[0],
      covered: v.covered,
      uncovered: v.total - v.covered,
    }))
    .sort((a, b) => b.covered + b.uncovered - (a.covered + a.uncovered));
  if (!data.length) return null;
  return (
    <section className="panel-section" aria-labelledby="cov-kinds">
      <h2 id="cov-kinds" className="section-title">
        Key places by kind <span className="zh">重点场所</span>
      </h2>
      <ResponsiveContainer width="100%" height={24 + 18 * data.length}>
        <BarChart data={data} layout="vertical" margin={{ top: 0, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid horizontal={false} stroke="#1c2a44" />
          <XAxis type="number" allowDecimals={false} tick={AXIS} axisLine={false} tickLine={false} />
          <YAxis type="category" dataKey="kind" width={72} interval={0} tick={AXIS} axisLine={false} tickLine={false} />
          <Tooltip {...TOOLTIP} cursor={{ fill: 'rgba(34, 225, 255, 0.06)' }} />
          <Bar dataKey="covered" name="Covered 已覆盖" stackId="k" fill="#2fd68a" isAnimationActive={false} />
          <Bar dataKey="uncovered" name="Uncovered 未覆盖" stackId="k" fill="#ff4081" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </section>
  );
}

export function WorstGrids({
  grids,
  onOpen,
  onCommunity,
}: {
  grids: RankedGrid[];
  onOpen: (g: RankedGrid) => void;
  onCommunity?: (id: number) => void;
}) {
  if (!grids.length) return null;
  return (
    <section className="panel-section" aria-labelledby="cov-worst">
      <h2 id="cov-worst" className="section-title">
        Worst-covered grids <span className="zh">覆盖最差网格</span>
      </h2>
      <ol className="cov-list" data-testid="worst-grids">
        {grids.map((g) => (
          <li key={g.grid_id}>
            <button type="button" className="cov-row" onClick={() => onOpen(g)} title="Zoom to this grid">
              <span className="cov-dot" style={{ background: css(shareColor(g.measures.score, 255)) }} />
              <span className="cov-row-name">{g.name}</span>
              <span className="cov-row-fig">{pct(g.measures.score, 0)}</span>
            </button>
            <span className="cov-row-sub muted">
              ground {pct(g.measures.area_share, 0)} · roads {pct(g.measures.road_share, 0)} · places{' '}
              {pct(g.measures.keyplace_share, 0)}
              {onCommunity && (
                <button type="button" className="cov-link" onClick={() => onCommunity(g.community_id)}>
                  review community 社区
                </button>
              )}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function WorstRoads({ roads, onOpen }: { roads: Stretch[]; onOpen: (s: Stretch) => void }) {
  if (!roads.length) return null;
  return (
    <section className="panel-section" aria-labelledby="cov-roads">
      <h2 id="cov-roads" className="section-title">
        Uncovered main road <span className="zh">主干道盲区</span>
      </h2>
      <ol className="cov-list" data-testid="worst-roads">
        {roads.map((s, i) => (
          <li key={i}>
            <button type="button" className="cov-row" onClick={() => onOpen(s)} title="Zoom to this stretch">
              <span className="cov-dot" style={{ background: '#ff7828' }} />
              <span className="cov-row-name">
                {s.name ?? 'Unnamed road'} {s.name_zh && <span className="zh">{s.name_zh}</span>}
              </span>
              <span className="cov-row-fig">
                {s.length_m >= 1000 ? `${(s.length_m / 1000).toFixed(1)} km` : `${Math.round(s.length_m)} m`}
              </span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}

type Near = ExplainT['cameras'][number];

export function ExplainPanel({
  explain,
  loading,
  error,
  canPlan,
  onPlanStatus,
  onPlanRemove,
  onClose,
}: {
  explain: ExplainT | null;
  loading: boolean;
  error: string | null;
  canPlan: boolean;
  onPlanStatus: (c: Near, status: 'working' | 'faulty' | 'offline') => void;
  onPlanRemove: (c: Near) => void;
  onClose: () => void;
}) {
  return (
    <section className="panel-section cov-explain" aria-labelledby="cov-explain" data-testid="explain-panel">
      <h2 id="cov-explain" className="section-title">
        Why is this point not seen? <span className="zh">盲区原因</span>
        <button type="button" className="cov-close" onClick={onClose} aria-label="Close">
          ×
        </button>
      </h2>
      {loading && <div className="muted">Asking the cameras nearby… 查询中</div>}
      {error && <div className="notice notice-error compact">{error}</div>}
      {explain && (
        <>
          <div className={explain.covered ? 'ok' : 'alert'}>
            {explain.covered ? 'In view of a working camera 已覆盖' : 'No working camera sees this point 未覆盖'}
          </div>
          {!explain.cameras.length && <div className="muted">No camera within 400 m 附近无摄像头</div>}
          <ul className="cov-near">
            {explain.cameras.map((c) => (
              <li key={c.id}>
                <div className="cov-near-head">
                  <span
                    className="cov-dot"
                    style={{ background: css(REASON_COLORS[c.reason] ?? [200, 200, 200, 255]) }}
                  />
                  <strong className="mono">{c.code}</strong>
                  <span className="muted">
                    {c.kind === 'ptz' ? 'PTZ' : `${Math.round(c.fov_deg)}°`} · {Math.round(c.distance_m)} m
                  </span>
                  <span className="cov-reason">{REASON_NAMES[c.reason] ?? c.reason}</span>
                </div>
                <div className="cov-near-sub muted">{c.explanation}</div>
                {canPlan && (
                  <div className="cov-near-actions">
                    {c.status !== 'working' && (
                      <button type="button" className="cov-link" onClick={() => onPlanStatus(c, 'working')}>
                        plan: repair 修复
                      </button>
                    )}
                    {c.status === 'working' && (
                      <button type="button" className="cov-link" onClick={() => onPlanStatus(c, 'faulty')}>
                        plan: mark faulty 标记故障
                      </button>
                    )}
                    <button type="button" className="cov-link" onClick={() => onPlanRemove(c)}>
                      plan: remove 拆除
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

const COMPARE: { key: keyof Measures; label: string }[] = [
  { key: 'keyplace_share', label: 'Key places' },
  { key: 'main_intersection_share', label: 'Main junctions' },
  { key: 'intersection_share', label: 'Junctions' },
  { key: 'main_road_share', label: 'Main roads' },
  { key: 'road_share', label: 'Roads' },
  { key: 'area_share', label: 'Ground' },
];

/** Before and after of a plan (or of the last committed change), for the city or the area in review. */
export function BeforeAfter({ result, title }: { result: WhatIfResponseT; title: string }) {
  const pair = result.area ?? result.city;
  const data = COMPARE.map(({ key, label }) => ({
    label,
    before: Math.round(((pair.before[key] as number | null) ?? 0) * 1000) / 10,
    after: Math.round(((pair.after[key] as number | null) ?? 0) * 1000) / 10,
  }));
  return (
    <div className="cov-compare" data-testid="before-after">
      <div className="cov-compare-title">
        {title} · {result.area ? `${result.area.scope.name ?? 'area'}` : 'whole city 全市'}
      </div>
      <ResponsiveContainer width="100%" height={150}>
        <BarChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: -22 }} barCategoryGap="20%">
          <CartesianGrid vertical={false} stroke="#1c2a44" />
          <XAxis
            dataKey="label"
            tick={{ ...AXIS, fontSize: 9 }}
            interval={0}
            axisLine={{ stroke: '#2a3a5a' }}
            tickLine={false}
          />
          <YAxis unit="%" domain={[0, 100]} tick={AXIS} axisLine={false} tickLine={false} />
          <Tooltip {...TOOLTIP} cursor={{ fill: 'rgba(34, 225, 255, 0.06)' }} />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          <Bar dataKey="before" name="Before 之前" fill="#5f6f8c" isAnimationActive={false} />
          <Bar dataKey="after" name="After 之后" fill="#22e1ff" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      <table className="cov-delta">
        <tbody>
          <tr>
            <td>Key places 重点场所</td>
            <td>{signedPct(pair.delta.keyplace_share)}</td>
            <td>{fmtDelta(pair.delta.keyplaces_covered)}</td>
          </tr>
          <tr>
            <td>Intersections 路口</td>
            <td>{signedPct(pair.delta.intersection_share)}</td>
            <td>{fmtDelta(pair.delta.intersections_covered)}</td>
          </tr>
          <tr>
            <td>Roads 道路</td>
            <td>{signedPct(pair.delta.road_share)}</td>
            <td>{fmtDelta(pair.delta.road_covered_m, ' m')}</td>
          </tr>
          <tr>
            <td>Ground 面积</td>
            <td>{signedPct(pair.delta.area_share)}</td>
            <td>{fmtDelta(pair.delta.covered_m2, ' m²')}</td>
          </tr>
        </tbody>
      </table>
      {result.grids.length > 0 && (
        <div className="muted cov-compare-grids">
          {result.grids.length} grid{result.grids.length > 1 ? 's' : ''} change 受影响网格:{' '}
          {result.grids
            .slice(0, 4)
            .map((g) => `${g.name} ${pct(g.before.area_share, 0)}→${pct(g.after.area_share, 0)}`)
            .join(', ')}
          {result.grids.length > 4 ? ' …' : ''}
        </div>
      )}
    </div>
  );
}

function fmtDelta(v: number | null | undefined, unit = ''): string {
  if (v === null || v === undefined) return '—';
  const r = Math.round(v);
  return `${r > 0 ? '+' : ''}${formatInt(r)}${unit}`;
}
