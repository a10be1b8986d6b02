import { MapView } from '../map/MapView';
import { SidePanel } from '../panels/SidePanel';
import { GridInspector } from '../panels/GridInspector';
import { Legend } from '../panels/Legend';
import { useAppState } from '../state/store';
import { useIncidentsPolling, useSelectedGridDetail } from './useData';

/** `/`: the whole city on one map, with the figures and controls beside it. */
export function OverviewPage() {
  useIncidentsPolling();
  useSelectedGridDetail();
  // The map opens on the city's extent, which comes with the summary.
  const bbox = useAppState((s) => ('data' in s.summary && s.summary.data ? s.summary.data.city.bbox : null));
  const summaryError = useAppState((s) => (s.summary.status === 'error' ? s.summary.message : null));
  return (
    <div className="overview">
      <div className="overview-map">
        {bbox ? (
          <MapView cityBBox={bbox} />
        ) : (
          <div className="map-placeholder" data-testid="map-placeholder">
            {summaryError ? (
              <div className="notice notice-error" role="alert">
                The city cannot be loaded: {summaryError} <span className="zh">城市数据加载失败，稍后自动重试</span>
              </div>
            ) : (
              <div className="map-loading">
                <span className="spinner" aria-hidden="true" /> Loading the city…{' '}
                <span className="zh">正在加载城市数据</span>
              </div>
            )}
          </div>
        )}
        <GridInspector />
        {bbox && <Legend />}
      </div>
      <SidePanel />
    </div>
  );
}
