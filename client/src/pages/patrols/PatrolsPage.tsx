/**
 * `/patrols`: where every unit is (live positions and short trails, coloured by status and by
 * whether it is inside its own grid), who is responding and by which streets, which key places
 * no unit reaches within N minutes, planned routes matched against the actual tracks, the grid
 * workers' daily assessment (table and map), and playback of any time window with its incidents.
 *
 * Composition only: a panel per tab (LivePanel, ResponsePanel, RoutesPanel, AssessmentPanel,
 * PlaybackPanel), a data hook per tab, the page's own state in usePatrolsView, what the map
 * draws in usePatrolLayers.
 */
import { usePatrolLive } from '../../app/usePatrolLive';
import { markReady } from '../../map/readiness';
import { useAppState } from '../../state/store';
import { AssessmentPanel } from './AssessmentPanel';
import { message } from './format';
import { LivePanel } from './LivePanel';
import { PatrolsMap } from './PatrolsMap';
import { PlaybackPanel } from './PlaybackPanel';
import { ResponsePanel } from './ResponsePanel';
import { RoutesPanel } from './RoutesPanel';
import { useAssessmentData } from './useAssessmentData';
import { usePatrolLayers } from './usePatrolLayers';
import { TABS, usePatrolsView } from './usePatrolsView';
import { usePlaybackWindow } from './usePlaybackWindow';
import { useResponseData } from './useResponseData';
import { useRoutesData } from './useRoutesData';
import './patrols.css';

const TRAIL_MIN = 10;

export function PatrolsPage() {
  const role = useAppState((s) => s.session?.role ?? null);
  const canWrite = role === 'operator' || role === 'admin';
  const cityBBox = useAppState((s) => ('data' in s.summary && s.summary.data ? s.summary.data.city.bbox : null));

  const v = usePatrolsView();
  const { tab, setError, setSelected, focusOn } = v;
  // Live positions and trails; the status refresh pauses while a playback needs the main thread.
  const live = usePatrolLive({
    trailMinutes: TRAIL_MIN,
    paused: v.isPlayback,
    onLoaded: () => markReady('gridsLoaded'),
    onError: (e) => setError(message(e)),
  });
  const response = useResponseData({ tab, onError: setError, onUnit: setSelected, focusOn });
  const routes = useRoutesData({ tab, onError: setError, focusOn });
  const { assessment, shares } = useAssessmentData(tab, setError);
  const playback = usePlaybackWindow(v.linked, setError);
  const layers = usePatrolLayers({
    tab,
    live,
    selected: v.selected,
    match: routes.match,
    reach: response.reach,
    responsePath: response.responsePath,
    shares,
    trips: playback.trips,
    incidents: playback.incidents,
    time: playback.clock.time,
  });

  if (!cityBBox)
    return (
      <div className="patrols-page" data-testid="patrols-page">
        <p className="pt-muted">Loading the city…</p>
      </div>
    );

  return (
    <div className="patrols-page" data-testid="patrols-page">
      <section className="pt-map-wrap" aria-label="Patrol map 巡逻地图">
        <PatrolsMap cityBBox={cityBBox} layers={layers} focus={v.focus} onPickUnit={setSelected} />
      </section>
      <aside className="pt-side">
        <nav className="pt-tabs" role="tablist">
          {TABS.map(([k, label]) => (
            <button
              key={k}
              role="tab"
              aria-selected={tab === k}
              data-testid={`tab-${k}`}
              className={tab === k ? 'on' : ''}
              onClick={() => v.setTab(k)}
            >
              {label}
            </button>
          ))}
        </nav>
        {v.error && (
          <div className="pt-error" role="alert" onClick={() => setError(null)}>
            {v.error}
          </div>
        )}

        {tab === 'live' && (
          <LivePanel
            units={live.units}
            selected={v.selected}
            trailMinutes={TRAIL_MIN}
            onUnit={(u) => {
              setSelected(u.id);
              focusOn([[u.lon, u.lat]]);
            }}
          />
        )}
        {tab === 'response' && (
          <ResponsePanel
            units={live.units}
            reachMin={response.reachMin}
            onReachMin={response.setReachMin}
            onCheck={response.loadReach}
            reach={response.reach}
            responsePath={response.responsePath}
            onPlace={(at) => focusOn([at])}
            onResponding={(u) => void response.showResponse(u)}
          />
        )}
        {tab === 'routes' && (
          <RoutesPanel
            canWrite={canWrite}
            units={live.units}
            places={response.reach?.places ?? []}
            routes={routes.routes}
            match={routes.match}
            onPlanned={routes.onPlanned}
            onOpen={(id) => void routes.openRoute(id)}
            onError={setError}
          />
        )}
        {tab === 'assessment' && <AssessmentPanel assessment={assessment} />}
        {tab === 'playback' && <PlaybackPanel playback={playback} />}
      </aside>
    </div>
  );
}
