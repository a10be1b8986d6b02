/**
 * The editor's left panel: pick the community, the standard and band it is measured against, the
 * legend, the grids' balance table, and the grid selected (with its printable map).
 */
import type { Area } from '../../api/areas';
import type { CommunityGrids, GridFeature } from '../../api/gridEdits';
import { NoWorkerBadge } from '../../panels/NoWorkerBadge';
import { BalanceTable } from './panels';

export interface CommunityPanelProps {
  communities: Area[];
  community: number | null;
  onCommunity: (id: number | null) => void;
  standard: number;
  targetInput: string;
  onTargetInput: (v: string) => void;
  band: number;
  onBand: (v: number) => void;
  data: CommunityGrids | null;
  selected: readonly number[];
  onSelect: (id: number, additive: boolean) => void;
  /** The one grid selected, if one is. */
  one: GridFeature | null;
  onPrint: () => void;
}

export function CommunityPanel(p: CommunityPanelProps) {
  return (
    <aside className="edit-side side-panel">
      <CommunityPicker {...p} />
      {p.data && (
        <section className="panel-section">
          <BalanceTable data={p.data} selected={p.selected} onSelect={p.onSelect} />
        </section>
      )}
      {p.data && p.one && <SelectedGrid grid={p.one} onPrint={p.onPrint} />}
    </aside>
  );
}

function CommunityPicker(p: CommunityPanelProps) {
  const { data, band } = p;
  return (
    <section className="panel-section">
      <h2 className="section-title">
        Grid editor <span className="zh">网格边界编辑</span>
      </h2>
      <label className="edit-field">
        <span>Community 社区</span>
        <select
          data-testid="community"
          value={p.community ?? ''}
          onChange={(e) => p.onCommunity(e.target.value ? Number(e.target.value) : null)}
        >
          <option value="">Choose a community 选择社区…</option>
          {p.communities.map((c) => (
            <option key={c.id} value={c.id}>
              {c.code} {c.name_zh}
            </option>
          ))}
        </select>
      </label>
      <div className="edit-row">
        <label className="edit-field">
          <span>Standard 标准 (households 户)</span>
          <input
            type="number"
            min={10}
            max={5000}
            placeholder={String(p.standard)}
            value={p.targetInput}
            data-testid="target"
            onChange={(e) => p.onTargetInput(e.target.value)}
          />
        </label>
        <label className="edit-field">
          <span>Band 允许偏差 ±{Math.round(band * 100)}%</span>
          <input
            type="range"
            min={0.05}
            max={0.6}
            step={0.05}
            value={band}
            data-testid="band"
            onChange={(e) => p.onBand(Number(e.target.value))}
          />
        </label>
      </div>
      {data && (
        <div className="edit-legend">
          <span className="under">under 偏少</span>
          <span className="ok">in band 达标</span>
          <span className="over">over 偏多</span>
          <span className="muted">
            {data.features.filter((f) => f.properties.balance === 'under' || f.properties.balance === 'over').length} of{' '}
            {data.features.filter((f) => f.properties.balance !== 'exempt').length} grids outside the band (unit grids
            exempt)
          </span>
        </div>
      )}
    </section>
  );
}

function SelectedGrid({ grid, onPrint }: { grid: GridFeature; onPrint: () => void }) {
  const g = grid.properties;
  return (
    <section className="panel-section edit-selected" data-testid="selected-grid">
      <b>{g.name}</b>{' '}
      <span className="muted">
        {g.code} · v{g.version}
      </span>
      <div>
        Worker 网格员: {g.worker_name ?? <NoWorkerBadge />} · {g.buildings} buildings · {g.cameras} cameras ·{' '}
        {g.open_incidents} open incidents · {g.key_places} key places
      </div>
      <div className="edit-actions">
        <button type="button" className="btn-ghost" onClick={onPrint}>
          Print map 打印网格图
        </button>
      </div>
    </section>
  );
}
