/**
 * `/wall`: the command centre's big screen. Map with grids by measure, heatmap, live incidents,
 * cameras and units; headline figures and charts; a ticker and alert card fed by the live socket;
 * a tour over the city and its districts; small layout shifts against burn-in. Read-only and
 * hands-free: every figure refreshes itself and the page heals after outages.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Area } from '../../api/incidents';
import type { BBox } from '../../api/types';
import type { WallMeasure } from '../../api/wall';
import { Clock } from '../../app/Clock';
import { LiveIndicator } from '../../app/LiveIndicator';
import { useSummaryPolling } from '../../app/useData';
import { useLiveConnection } from '../../app/useLive';
import { usePatrolLive } from '../../app/usePatrolLive';
import { useAppState } from '../../state/store';
import { cssColor, GRADE_CLASSES } from '../../layers/palette';
import { HEAT_COLORS } from '../../layers/heatmapLayer';
import { AlertCard } from './AlertCard';
import {
  CategoryPanel,
  chartFont,
  GradePanel,
  KpiNumbers,
  TopGridsPanel,
  Trend24hPanel,
  Trend30dPanel,
} from './KpiPanels';
import { colorFor, MEASURE_NAMES, measureSteps } from './measureScale';
import { Ticker } from './Ticker';
import { burnInShift, stopIndexAt, tourStops } from './tour';
import { tourOverrideSeconds, useTicker } from './useTour';
import { useWallData } from './useWallData';
import { useReloadWatchdog } from './useWatchdog';
import { WallMap } from './WallMap';
import { resetWall, setWallInfo } from './wallReadiness';
import './wall.css';

const MAP_PADDING = { top: 24, bottom: 24, left: 24, right: 24 };

function useScreenHeight(): number {
  const [h, setH] = useState(() => window.innerHeight);
  useEffect(() => {
    const on = () => setH(window.innerHeight);
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return h;
}

export function WallPage() {
  useState(() => resetWall());
  useSummaryPolling();
  useLiveConnection();
  useReloadWatchdog();
  const summary = useAppState((s) => ('data' in s.summary ? s.summary.data : undefined));

  // Measure and heat window rotate together on the config's clock. The config arrives through
  // useWallData, which in turn needs the measure: it is mirrored into state for the next render.
  const [rotation, setRotation] = useState(0);
  const [config, setConfigSeen] = useState<ReturnType<typeof useWallData>['config']>(null);
  // Until the config is in, start loading what a wall shows first by default (open incidents,
  // 7-day heat): the first complete picture does not wait for one more round trip.
  const measures = config?.measures ?? (['open_incidents'] as WallMeasure[]);
  const measure: WallMeasure = measures[rotation % measures.length];
  const windows = config ? (config.heatWindows.length ? config.heatWindows : [config.heatWindow]) : (['7d'] as const);
  const heatWindow = windows[rotation % windows.length];
  const data = useWallData(measure, heatWindow);
  // Units' positions and 10-minute trails; statuses refreshed each minute (the feed carries moves).
  const patrol = usePatrolLive({ trailMinutes: 10, refreshMs: 60_000 });
  useEffect(() => setConfigSeen(data.config), [data.config]);
  const rotateTick = useTicker((config?.measureEverySeconds ?? 0) * 1000, Boolean(config));
  useEffect(() => setRotation(rotateTick), [rotateTick]);

  const areaById = useMemo(() => {
    const m = new Map<number, Area>();
    for (const a of data.areas ?? []) if (a.level !== 'district') m.set(a.id, a);
    return m;
  }, [data.areas]);

  // --- Tour (held while an alert is on screen)
  const city = summary?.city;
  const stops = useMemo(
    () =>
      config && data.areas && city?.bbox
        ? tourStops(config.tour.areas, data.areas, city.bbox as BBox, { en: city.name, zh: city.name_zh })
        : null,
    [config, data.areas, city],
  );
  const alert = data.live.alerts[0] ?? null;
  const intervalMs = (tourOverrideSeconds() ?? config?.tour.intervalSeconds ?? 30) * 1000;
  const tourTick = useTicker(intervalMs, alert === null);
  // The map opens on the city as soon as its extent is known; the tour starts once config and areas are in.
  const cityStop = useMemo(
    () => (city?.bbox ? { key: 'city', label: city.name, labelZh: city.name_zh, bbox: city.bbox as BBox } : null),
    [city],
  );
  const stop = stops ? stops[stopIndexAt(tourTick * intervalMs, intervalMs, stops.length)] : cityStop;
  useEffect(() => setWallInfo({ stop: stop?.key ?? null }), [stop?.key]);

  // --- Burn-in: the whole layout walks a few pixels now and then.
  const shiftTick = useTicker((config?.shiftEverySeconds ?? 0) * 1000, Boolean(config));
  const shift = burnInShift(shiftTick, config?.shiftPixels ?? 0);

  // --- Grid colours from the measure's values.
  const steps = useMemo(() => (config ? measureSteps(measure, config.thresholds) : null), [measure, config]);
  const valueById = useMemo(() => {
    const m = new Map<number, number>();
    const v = data.values;
    if (v) for (let i = 0; i < v.ids.length; i++) m.set(v.ids[i], v.values[i]);
    return m;
  }, [data.values]);
  const colorOf = useCallback(
    (id: number | null) =>
      steps && id !== null ? colorFor(steps, valueById.get(id)) : ([0, 0, 0, 0] as [number, number, number, number]),
    [steps, valueById],
  );
  const colorKey = `${measure}:${data.values ? data.values.ids.length : 0}:${valueById.size}:${JSON.stringify(config?.thresholds ?? null)}:${data.values ? data.values.values.reduce((a, b) => a + b, 0) : 0}`;

  const height = useScreenHeight();
  const font = chartFont(height);
  const onAlertDone = data.dismiss;
  const alertAt = useMemo(
    () => (alert ? { lon: alert.incident.lon, lat: alert.incident.lat, key: alert.key } : null),
    [alert],
  );
  const emptyHeat = useMemo(() => new Float32Array(0), []);

  return (
    <div
      className="wall"
      data-testid="wall"
      style={{ transform: `translate(${shift.x}px, ${shift.y}px)` }}
      data-shift={`${shift.x},${shift.y}`}
    >
      <header className="wall-header">
        <h1>
          {city?.name_zh ?? ''} <span>网格化管理指挥中心</span>
        </h1>
        <div className="wall-stop" data-testid="wall-stop" data-stop={stop?.key ?? ''}>
          {alert ? '⚠ 警情' : stop?.labelZh || stop?.label || ''}
          {stops && stop && !alert && (
            <small>
              {' '}
              {stops.indexOf(stop) + 1}/{stops.length}
            </small>
          )}
        </div>
        <DataAge at={data.kpisAt} />
        <LiveIndicator />
        <Clock />
      </header>

      <div className="wall-body">
        <div className="wall-left">
          {data.kpis ? (
            <KpiNumbers k={data.kpis} />
          ) : (
            <div className="wall-kpis wall-loading">Loading figures… 正在加载</div>
          )}
          <div className="wall-map-cell">
            {stop && city?.bbox ? (
              <WallMap
                stopBBox={stop.bbox}
                alertAt={alertAt}
                colorOf={colorOf}
                colorKey={colorKey}
                heat={data.heat?.data ?? emptyHeat}
                heatVersion={data.heat?.version ?? 0}
                incidents={data.live.incidents}
                incidentsVersion={data.live.version}
                patrol={patrol}
                padding={MAP_PADDING}
              />
            ) : (
              <div className="wall-loading wall-map-loading">Loading the city… 正在加载城市数据</div>
            )}
            {steps && (
              <div className="wall-legend" data-testid="wall-legend" data-measure={measure}>
                <div className="wall-legend-title">
                  {MEASURE_NAMES[measure].en} <span className="zh">{MEASURE_NAMES[measure].zh}</span>
                </div>
                <div className="wall-legend-row">
                  {steps.map((s) => (
                    <span key={s.label}>
                      <i style={{ background: cssColor(s.color, 0.35) }} />
                      {s.labelZh || s.label}
                    </span>
                  ))}
                </div>
                <div className="wall-legend-row">
                  {(['routine', 'key', 'difficult'] as const).map((g) => (
                    <span key={g}>
                      <i className="dot" style={{ background: cssColor(GRADE_CLASSES[g].color) }} />
                      {GRADE_CLASSES[g].labelZh}
                    </span>
                  ))}
                  <span>
                    <i className="dot halo" /> 超时
                  </span>
                </div>
                <div className="wall-legend-row" data-testid="wall-heat-legend" data-window={heatWindow ?? ''}>
                  <span>
                    Heat {heatWindow} <span className="zh">热力</span> ({(data.heat?.data.length ?? 0) / 3})
                  </span>
                  <i
                    className="ramp"
                    style={{
                      background: `linear-gradient(90deg, ${HEAT_COLORS.map((c) => `rgb(${c.join(',')})`).join(',')})`,
                    }}
                  />
                </div>
              </div>
            )}
            {alert && config && (
              <AlertCard
                alert={alert}
                seconds={config.alerts.seconds}
                areas={areaById}
                queued={data.live.alerts.length - 1}
                onDone={onAlertDone}
                timeZone={city?.timeZone}
              />
            )}
          </div>
        </div>
        <aside className="wall-right">
          {data.kpis && (
            <>
              <CategoryPanel k={data.kpis} font={font} />
              <GradePanel k={data.kpis} font={font} />
              <Trend24hPanel k={data.kpis} font={font} />
              <Trend30dPanel k={data.kpis} font={font} />
              <TopGridsPanel k={data.kpis} />
            </>
          )}
        </aside>
      </div>
      <Ticker items={data.live.ticker} areas={areaById} timeZone={city?.timeZone} />
    </div>
  );
}

/** How old the figures are: amber after two refreshes were missed, so a stale wall never looks live. */
function DataAge({ at }: { at: number | null }) {
  const tick = useTicker(5_000);
  const age = at ? Math.round((Date.now() - at) / 1000) : null;
  void tick;
  const stale = age === null || age > 75;
  return (
    <div className={`wall-age ${stale ? 'stale' : ''}`} data-testid="wall-age" data-stale={stale}>
      {age === null ? 'No data yet' : stale ? `Figures ${Math.round(age / 60)} min old` : 'Figures current'}{' '}
      <span className="zh">{stale ? '数据待更新' : '数据实时'}</span>
    </div>
  );
}
