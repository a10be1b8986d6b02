import { useState } from 'react';
import {
  CAMERA_STATUS_CLASSES,
  GRADE_CLASSES,
  GRID_OUTLINE,
  GRID_TYPE_CLASSES,
  LOAD_CLASSES,
  NOT_RESIDENTIAL,
  OPEN_INCIDENT_CLASSES,
  SELECTED_OUTLINE,
  cssColor,
  type LegendClass,
} from '../layers/palette';
import { HOUSEHOLD_STANDARD } from '../../../server/src/contract/standards.ts';
import type { GridMeasure, LayerKey } from '../state/model';
import { useAppState } from '../state/store';
import './legend.css';

function gridClasses(measure: GridMeasure): { title: string; titleZh: string; classes: LegendClass[] } {
  switch (measure) {
    case 'open_incidents':
      return { title: 'Open incidents per grid', titleZh: '网格在办事件数', classes: OPEN_INCIDENT_CLASSES };
    case 'load':
      return {
        title: `Households vs standard (${HOUSEHOLD_STANDARD.urban} urban, ${HOUSEHOLD_STANDARD.rural} rural)`,
        titleZh: '户数/标准',
        classes: [...LOAD_CLASSES, NOT_RESIDENTIAL],
      };
    case 'type':
      return { title: 'Grid type', titleZh: '网格类型', classes: Object.values(GRID_TYPE_CLASSES) };
  }
}

/** Fill swatch as it looks over the dark basemap, with the grid outline around it. */
function FillSwatch({ c }: { c: LegendClass }) {
  return (
    <span
      className="swatch fill"
      style={{ background: cssColor(c.color, 0.22), borderColor: cssColor(GRID_OUTLINE) }}
    />
  );
}

export function Legend() {
  const measure = useAppState((s) => s.gridMeasure);
  const layers = useAppState((s) => s.layers);
  const [open, setOpen] = useState(true);

  return (
    <section className={`legend${open ? '' : ' closed'}`} aria-labelledby="legend-heading" data-testid="legend">
      <h2 id="legend-heading" className="section-title">
        <button type="button" className="legend-toggle" onClick={() => setOpen(!open)} aria-expanded={open}>
          Legend <span className="zh">图例</span>
          <span className="legend-chevron" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
        </button>
      </h2>
      {open && <LegendBody measure={measure} layers={layers} />}
    </section>
  );
}

function LegendBody({ measure, layers }: { measure: GridMeasure; layers: Record<LayerKey, boolean> }) {
  const grid = gridClasses(measure);
  return (
    <>
      {layers.grids && (
        <div className="legend-block">
          <div className="legend-title">
            {grid.title} <span className="zh">{grid.titleZh}</span>
          </div>
          <ul className="legend-list">
            {grid.classes.map((c) => (
              <li key={c.label}>
                <FillSwatch c={c} />
                {c.label} {c.labelZh && <span className="zh">{c.labelZh}</span>}
              </li>
            ))}
            <li>
              <span className="swatch line" style={{ borderColor: cssColor(SELECTED_OUTLINE) }} />
              Selected grid <span className="zh">选中网格</span>
            </li>
          </ul>
        </div>
      )}
      {layers.incidents && (
        <div className="legend-block">
          <div className="legend-title">
            Incidents by grade <span className="zh">事件分级</span>
          </div>
          <ul className="legend-list">
            {Object.values(GRADE_CLASSES).map((c) => (
              <li key={c.label}>
                <span className="swatch dot" style={{ background: cssColor(c.color) }} />
                {c.label} <span className="zh">{c.labelZh}</span>
              </li>
            ))}
          </ul>
          <ul className="legend-list legend-sub">
            <li>
              <span className="swatch dot" style={{ background: '#8797b4', boxShadow: '0 0 0 1.5px #fff' }} />
              Open <span className="zh">在办</span>
            </li>
            <li>
              <span className="swatch dot hollow" style={{ borderColor: '#8797b4' }} />
              Closed <span className="zh">已办结</span>
            </li>
          </ul>
        </div>
      )}
      {layers.cameras && (
        <div className="legend-block">
          <div className="legend-title">
            Cameras <span className="zh">摄像头</span> <span className="legend-note">zoom ≥ 13</span>
          </div>
          <ul className="legend-list">
            {Object.values(CAMERA_STATUS_CLASSES).map((c) => (
              <li key={c.label}>
                <span className="swatch dot small" style={{ background: cssColor(c.color) }} />
                {c.label} <span className="zh">{c.labelZh}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
