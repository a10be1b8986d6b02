import type { GridMeasure, LayerKey } from '../state/model';
import { useAppState, useDispatch } from '../state/store';
import './layer-controls.css';

const LAYERS: { key: LayerKey; label: string; labelZh: string; note?: string }[] = [
  { key: 'grids', label: 'Grids', labelZh: '网格' },
  { key: 'labels', label: 'Grid names', labelZh: '网格名称', note: 'zoom ≥ 15' },
  { key: 'incidents', label: 'Incidents', labelZh: '事件', note: '7 days' },
  { key: 'cameras', label: 'Cameras', labelZh: '摄像头', note: 'zoom ≥ 13' },
];

const MEASURES: { key: GridMeasure; label: string; labelZh: string; title: string }[] = [
  { key: 'open_incidents', label: 'Open incidents', labelZh: '在办事件', title: 'Open incidents per grid' },
  { key: 'load', label: 'Load', labelZh: '户数负荷', title: 'Households against the grid size standard' },
  { key: 'type', label: 'Type', labelZh: '网格类型', title: 'Grid type: compound, street-lane, unit, rural' },
];

export function LayerControls() {
  const layers = useAppState((s) => s.layers);
  const measure = useAppState((s) => s.gridMeasure);
  const dispatch = useDispatch();

  return (
    <section className="panel-section" aria-labelledby="layers-heading">
      <h2 id="layers-heading" className="section-title">
        Map layers <span className="zh">图层</span>
      </h2>
      <div className="toggles">
        {LAYERS.map((l) => (
          <label key={l.key} className={`toggle${layers[l.key] ? ' on' : ''}`}>
            <input
              type="checkbox"
              checked={layers[l.key]}
              onChange={() => dispatch({ type: 'layers/toggled', layer: l.key })}
              data-testid={`layer-${l.key}`}
            />
            <span className="toggle-switch" aria-hidden="true" />
            <span className="toggle-text">
              {l.label} <span className="zh">{l.labelZh}</span>
            </span>
            {l.note && <span className="toggle-note">{l.note}</span>}
          </label>
        ))}
      </div>
      <div className="measure" role="radiogroup" aria-label="Colour grids by 网格着色">
        <div className="measure-caption">
          Colour grids by <span className="zh">网格着色</span>
        </div>
        <div className="segmented">
          {MEASURES.map((m) => (
            <button
              key={m.key}
              title={m.title}
              type="button"
              role="radio"
              aria-checked={measure === m.key}
              className={measure === m.key ? 'active' : undefined}
              onClick={() => dispatch({ type: 'gridMeasure/chosen', measure: m.key })}
              data-testid={`measure-${m.key}`}
            >
              <span>{m.label}</span>
              <span className="zh">{m.labelZh}</span>
            </button>
          ))}
        </div>
      </div>
    </section>
  );
}
