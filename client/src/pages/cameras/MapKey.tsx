/**
 * The coverage map's key: which layers show, what the grids are coloured by, the gap and
 * camera-view swatches and the colours of why a camera misses.
 */
import { GAP_COLORS, REASON_COLORS } from './layers';
import { REASON_NAMES } from './panels';

export type ShareKey = 'score' | 'area' | 'road' | 'keyplace' | 'intersection';

export const SHARE_KEYS: { key: ShareKey; label: string }[] = [
  { key: 'score', label: 'Overall 综合' },
  { key: 'keyplace', label: 'Key places 重点场所' },
  { key: 'intersection', label: 'Intersections 路口' },
  { key: 'road', label: 'Roads 道路' },
  { key: 'area', label: 'Ground 面积' },
];

export type Show = {
  grids: boolean;
  cameras: boolean;
  views: boolean;
  keyplace: boolean;
  road: boolean;
  area: boolean;
};

export function MapKey({
  show,
  setShow,
  shareKey,
  setShareKey,
  truncated,
}: {
  show: Show;
  setShow: (f: (s: Show) => Show) => void;
  shareKey: ShareKey;
  setShareKey: (k: ShareKey) => void;
  truncated: boolean;
}) {
  const toggle = (k: keyof Show) => setShow((s) => ({ ...s, [k]: !s[k] }));
  const swatch = (c: number[]) => ({
    background: `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${Math.max(0.6, (c[3] ?? 255) / 255)})`,
  });
  return (
    <details className="cov-key" aria-label="Map key 图例" data-testid="coverage-key" open>
      <summary>Map key 图例</summary>
      <div className="cov-key-row">
        <label>
          <input type="checkbox" checked={show.grids} onChange={() => toggle('grids')} /> Grids by 网格着色
        </label>
        <select value={shareKey} onChange={(e) => setShareKey(e.target.value as ShareKey)} aria-label="Colour grids by">
          {SHARE_KEYS.map((s) => (
            <option key={s.key} value={s.key}>
              {s.label}
            </option>
          ))}
        </select>
        <span className="cov-ramp" title="0 % → 100 %" />
      </div>
      <label>
        <input type="checkbox" checked={show.keyplace} onChange={() => toggle('keyplace')} />
        <i className="cov-sw round" style={swatch(GAP_COLORS.keyplace)} /> Uncovered key place 未覆盖场所
        <i className="cov-sw round" style={swatch(GAP_COLORS.mainIntersection)} /> junction 路口
      </label>
      <label>
        <input type="checkbox" checked={show.road} onChange={() => toggle('road')} />
        <i className="cov-sw line" style={swatch(GAP_COLORS.road)} /> Uncovered road 道路盲区
      </label>
      <label>
        <input type="checkbox" checked={show.area} onChange={() => toggle('area')} />
        <i className="cov-sw" style={swatch(GAP_COLORS.area)} /> Uncovered ground (z ≥ 14) 面积盲区
      </label>
      <label>
        <input type="checkbox" checked={show.views} onChange={() => toggle('views')} />
        <i className="cov-sw" style={{ background: 'rgba(34, 225, 255, 0.5)' }} /> Camera views (z ≥ 15) 可视范围
      </label>
      <label>
        <input type="checkbox" checked={show.cameras} onChange={() => toggle('cameras')} /> Cameras 摄像头
      </label>
      <div className="cov-key-reasons">
        {Object.entries(REASON_COLORS).map(([k, c]) => (
          <span key={k}>
            <i className="cov-sw round" style={swatch(c)} /> {REASON_NAMES[k]}
          </span>
        ))}
      </div>
      {truncated && <div className="warn">Zoom in for every gap 放大查看全部</div>}
      <div className="muted">Click a gap or any point: why is it not seen? 点击查看原因</div>
    </details>
  );
}
