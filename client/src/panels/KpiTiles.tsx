import type { CitySummary } from '../api/types';
import { formatPercent } from '../app/format';
import { useAppState } from '../state/store';
import { Num } from './Num';
import './kpi-tiles.css';

type Counts = CitySummary['counts'];

interface Tile {
  key: keyof Counts;
  testId: string;
  label: string;
  labelZh: string;
  tone?: 'alert' | 'warn' | 'accent';
  sub?: (c: Counts) => React.ReactNode;
  /** Small figure in the tile's corner. */
  badge?: (c: Counts) => string | null;
}

const TILES: Tile[] = [
  { key: 'grids', testId: 'kpi-grids', label: 'Grids', labelZh: '网格', tone: 'accent' },
  { key: 'workers', testId: 'kpi-workers', label: 'Grid workers', labelZh: '网格员' },
  { key: 'households', testId: 'kpi-households', label: 'Households', labelZh: '户数' },
  { key: 'population', testId: 'kpi-population', label: 'Population', labelZh: '人口' },
  {
    key: 'incidentsOpen',
    testId: 'kpi-incidents-open',
    label: 'Open incidents',
    labelZh: '在办事件',
    tone: 'alert',
  },
  { key: 'incidentsToday', testId: 'kpi-incidents-today', label: 'Reported today', labelZh: '今日上报', tone: 'warn' },
  {
    key: 'cameras',
    testId: 'kpi-cameras',
    label: 'Cameras',
    labelZh: '摄像头',
    badge: (c) => (c.cameras > 0 ? formatPercent(c.camerasWorking / c.cameras) : null),
    sub: (c) => (
      <>
        <Num value={c.camerasWorking} testId="kpi-cameras-working" /> working <span className="zh">在线</span>
      </>
    ),
  },
  { key: 'buildings', testId: 'kpi-buildings', label: 'Buildings', labelZh: '建筑' },
];

export function KpiTiles() {
  const summary = useAppState((s) => s.summary);
  const counts = 'data' in summary && summary.data ? summary.data.counts : null;

  return (
    <section className="panel-section" aria-labelledby="kpi-heading">
      <h2 id="kpi-heading" className="section-title">
        City at a glance <span className="zh">全市概况</span>
      </h2>
      {summary.status === 'error' && (
        <div className="notice notice-error compact" role="alert">
          Figures unavailable: {summary.message} <span className="zh">数据暂不可用，自动重试中</span>
        </div>
      )}
      <div className="hierarchy" aria-label="Administrative levels">
        <div>
          <Num value={counts?.districts} testId="kpi-districts" />
          <span>
            Districts <span className="zh">区县</span>
          </span>
        </div>
        <div>
          <Num value={counts?.streetOffices} testId="kpi-street-offices" />
          <span>
            Street offices <span className="zh">街道</span>
          </span>
        </div>
        <div>
          <Num value={counts?.communities} testId="kpi-communities" />
          <span>
            Communities <span className="zh">社区</span>
          </span>
        </div>
      </div>
      <div className="kpi-grid">
        {TILES.map((t) => (
          <div key={t.key} className={`kpi${t.tone ? ` kpi-${t.tone}` : ''}`}>
            <div className="kpi-label">
              {t.label} <span className="zh">{t.labelZh}</span>
            </div>
            {t.badge && counts && t.badge(counts) && <span className="kpi-badge">{t.badge(counts)}</span>}
            <Num className="kpi-value" value={counts ? counts[t.key] : null} testId={t.testId} />
            {t.sub && counts && <div className="kpi-sub">{t.sub(counts)}</div>}
          </div>
        ))}
      </div>
    </section>
  );
}
