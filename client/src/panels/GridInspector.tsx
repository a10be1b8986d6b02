import { useMemo } from 'react';
import type { GridDetailProperties, IncidentFeature } from '../api/types';
import { formatInt, formatPercent } from '../app/format';
import { GRADE_CLASSES, cssColor, householdStandard, loadColor, loadRatio } from '../layers/palette';
import { GRID_TYPE_NAMES } from '../../../server/src/contract/vocabulary.ts';
import { name } from '../app/labels';
import { geometryBBox, incidentTotals } from '../state/selectors';
import { useAppState, useDispatch } from '../state/store';
import { NoWorkerBadge } from './NoWorkerBadge';
import { Num } from './Num';
import './grid-inspector.css';

const EMPTY: IncidentFeature[] = [];

/** Details of the selected grid, floating over the map's top-left corner. */
export function GridInspector() {
  const selectedId = useAppState((s) => s.selectedGridId);
  const detail = useAppState((s) => s.selectedGrid);
  const incidents = useAppState((s) => ('data' in s.incidents && s.incidents.data) || EMPTY);
  const dispatch = useDispatch();
  const close = () => dispatch({ type: 'grid/selected', id: null });

  const recent = useMemo(
    () => (selectedId === null ? null : incidentTotals(incidents.filter((f) => f.properties.grid_id === selectedId))),
    [incidents, selectedId],
  );

  if (selectedId === null) return null;

  return (
    <section className="inspector" aria-label="Grid inspector 网格详情" data-testid="grid-inspector">
      <button type="button" className="inspector-close" onClick={close} aria-label="Close 关闭">
        ×
      </button>
      {detail.status === 'loading' && <div className="inspector-loading">Loading grid… 加载中</div>}
      {detail.status === 'error' && (
        <div className="notice notice-error compact" role="alert">
          Could not load the grid: {detail.message} <span className="zh">网格加载失败</span>
        </div>
      )}
      {detail.status === 'ready' && (
        <GridFacts
          p={detail.data.properties}
          recent={recent}
          onZoom={() => {
            const bbox = detail.data.properties.bbox ?? geometryBBox(detail.data.geometry);
            if (bbox) dispatch({ type: 'map/focused', bbox });
          }}
        />
      )}
    </section>
  );
}

interface GridFactsProps {
  p: GridDetailProperties;
  recent: ReturnType<typeof incidentTotals> | null;
  onZoom: () => void;
}

function GridFacts({ p, recent, onZoom }: GridFactsProps) {
  const type = name(GRID_TYPE_NAMES, p.type);
  const standard = householdStandard(p.type);
  const ratio = loadRatio(p.households, p.type);
  const loadBar = Math.min(ratio / 2, 1); // full bar = twice the standard
  return (
    <>
      <div className="inspector-kicker">
        Grid 网格 · <span className="mono">{p.code}</span>
      </div>
      <h2 className="inspector-title" data-testid="grid-inspector-name">
        {p.name}
      </h2>
      <div className="inspector-path">
        {p.district_name} › {p.street_office_name} › {p.community_name}
      </div>
      <div className="chips">
        <span className="chip">
          {type.en} <span className="zh">{type.zh}</span>
        </span>
        <span className="chip muted" title="Boundary version 边界版本">
          v{p.version}
        </span>
      </div>

      <div className="worker">
        <div className="worker-label">Grid worker 网格员</div>
        {p.worker_name ? (
          <div className="worker-line">
            <span className="worker-name">{p.worker_name}</span>
            {p.worker_phone && <span className="mono worker-phone">{p.worker_phone}</span>}
          </div>
        ) : (
          <div className="worker-line">
            <NoWorkerBadge />
          </div>
        )}
      </div>

      <div className="load">
        <div className="load-head">
          <span>
            Households 户数 <Num value={p.households} className="strong" />
          </span>
          <span className="muted">
            standard {standard} · {formatPercent(ratio)}
          </span>
        </div>
        <div className="load-bar" title={`${formatPercent(ratio)} of the ${standard}-household standard`}>
          <span
            className="load-fill"
            style={{ width: `${loadBar * 100}%`, background: cssColor(loadColor(p.households, p.type), 0.95) }}
          />
          <span className="load-mark" style={{ left: '50%' }} />
        </div>
      </div>

      <dl className="facts">
        <div>
          <dt>Population 人口</dt>
          <dd>{formatInt(p.population)}</dd>
        </div>
        <div>
          <dt>Area 面积</dt>
          <dd>{p.area_km2 < 1 ? `${(p.area_km2 * 100).toFixed(1)} ha` : `${p.area_km2.toFixed(2)} km²`}</dd>
        </div>
        <div>
          <dt>Buildings 建筑</dt>
          <dd>
            {formatInt(p.buildings)}
            {p.key_places !== undefined && p.key_places > 0 && (
              <span className="dd-note"> · {formatInt(p.key_places)} key places</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Cameras 摄像头</dt>
          <dd>
            {formatInt(p.cameras)}
            {p.cameras_working !== undefined && p.cameras_working < p.cameras && (
              <span className="dd-note warn"> · {formatInt(p.cameras - p.cameras_working)} down</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Open incidents 在办</dt>
          <dd className={p.open_incidents > 0 ? 'alert' : undefined}>{formatInt(p.open_incidents)}</dd>
        </div>
        <div>
          <dt>7-day reports 近七日</dt>
          <dd>
            {recent ? formatInt(recent.total) : '—'}
            {p.incidents_30d !== undefined && <span className="dd-note"> · 30 d: {formatInt(p.incidents_30d)}</span>}
          </dd>
        </div>
      </dl>
      {recent && recent.total > 0 && (
        <div className="grade-strip" title="Last 7 days by grade">
          {(['routine', 'key', 'difficult'] as const).map((g) =>
            recent.byGrade[g] > 0 ? (
              <span key={g} style={{ flexGrow: recent.byGrade[g], background: cssColor(GRADE_CLASSES[g].color) }}>
                {recent.byGrade[g]}
              </span>
            ) : null,
          )}
        </div>
      )}
      <button
        type="button"
        className="inspector-zoom"
        onClick={onZoom}
        data-testid="grid-zoom"
        title="Zoom the map to this grid"
      >
        <svg viewBox="0 0 16 16" aria-hidden="true">
          <circle cx="8" cy="8" r="4.5" />
          <path d="M8 0.5v3M8 12.5v3M0.5 8h3M12.5 8h3" />
        </svg>
        Zoom to this grid <span className="zh">定位到网格</span>
      </button>
    </>
  );
}
