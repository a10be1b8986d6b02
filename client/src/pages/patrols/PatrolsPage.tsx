/**
 * `/patrols`: where every unit is (live positions and short trails, coloured by status and by
 * whether it is inside its own grid), who is responding and by which streets, which key places
 * no unit reaches within N minutes, planned routes matched against the actual tracks, the grid
 * workers' daily assessment (table and map), and playback of any time window with its incidents.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LayersList } from '@deck.gl/core';
import { ScatterplotLayer, PathLayer } from '@deck.gl/layers';
import { ApiError } from '../../api/http';
import { fetchIncidentCard } from '../../api/incidents';
import {
  fetchAssessment, fetchPath, fetchPlayback, fetchReach, fetchRouteMatch, fetchRoutes,
  planRoute, type DailyRow, type PatrolUnit, type Playback, type ReachPlace, type RouteMatch, type RouteSummary,
} from '../../api/patrols';
import { deckTileLoadOptions, handleTileError, tileUrlTemplate } from '../../api/tiles';
import type { BBox } from '../../api/types';
import { createPatrolAssessmentLayer } from '../../layers/patrolAssessmentLayer';
import { createPatrolRouteLayers } from '../../layers/patrolRoutesLayer';
import { createPatrolLiveLayers, STATUS_COLORS } from '../../layers/patrolTrailsLayer';
import { createPatrolTripsLayer, createPlaybackIncidentsLayer } from '../../layers/patrolTripsLayer';
import { markReady } from '../../map/readiness';
import { useAppState } from '../../state/store';
import { usePatrolLive } from '../../app/usePatrolLive';
import { PatrolsMap } from './PatrolsMap';
import { usePlayback } from './usePlayback';
import './patrols.css';

type Tab = 'live' | 'response' | 'routes' | 'assessment' | 'playback';
const TABS: [Tab, string][] = [['live', 'Live 实时'], ['response', 'Response 响应'], ['routes', 'Routes 路线'], ['assessment', 'Assessment 考核'], ['playback', 'Playback 回放']];
const TRAIL_MIN = 10;
const STATUS_NAMES: Record<string, string> = { on_patrol: 'On patrol 巡逻', responding: 'Responding 处置', off_duty: 'Off duty 下班' };
const message = (e: unknown) => (e instanceof ApiError ? e.message : e instanceof Error ? e.message : String(e));
const pct = (x: number) => `${Math.round(x * 100)}%`;
const hhmm = (iso: string | number) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

function bboxOf(points: [number, number][]): BBox | null {
  if (!points.length) return null;
  let [a, b, c, d] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) { a = Math.min(a, x); b = Math.min(b, y); c = Math.max(c, x); d = Math.max(d, y); }
  const pad = 0.002;
  return [a - pad, b - pad, c + pad, d + pad];
}

function toLocalInput(d: Date) {
  const z = new Date(d.getTime() - d.getTimezoneOffset() * 60_000);
  return z.toISOString().slice(0, 16);
}

export function PatrolsPage() {
  const role = useAppState((s) => s.session?.role ?? null);
  const canWrite = role === 'operator' || role === 'admin';
  const cityBBox = useAppState((s) => ('data' in s.summary && s.summary.data ? s.summary.data.city.bbox : null));
  // A review can be linked: /patrols?tab=playback&from=ISO&to=ISO&speed=60 opens and plays that window.
  const [linked] = useState(() => new URLSearchParams(window.location.search));
  const [tab, setTab] = useState<Tab>(() => (TABS.some(([k]) => k === linked.get('tab')) ? (linked.get('tab') as Tab) : 'live'));
  const tabRef = useRef(tab);
  tabRef.current = tab;
  const [selected, setSelected] = useState<number | null>(null);
  const [focus, setFocus] = useState<{ bbox: BBox; seq: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const focusOn = useCallback((pts: [number, number][]) => {
    const b = bboxOf(pts);
    if (b) setFocus((f) => ({ bbox: b, seq: (f?.seq ?? 0) + 1 }));
  }, []);

  // Live positions and trails; the status refresh pauses while a playback needs the main thread.
  const { units, trails, version, statusOf } = usePatrolLive({
    trailMinutes: TRAIL_MIN,
    paused: () => tabRef.current === 'playback',
    onLoaded: () => markReady('gridsLoaded'),
    onError: (e) => setError(message(e)),
  });
  const counts = useMemo(() => {
    const c = { on_patrol: 0, responding: 0, off_duty: 0, outside: 0 };
    for (const u of units) { c[u.status]++; if (u.in_own_area === false && u.status !== 'off_duty') c.outside++; }
    return c;
  }, [units]);
  const selectedUnit = units.find((u) => u.id === selected) ?? null;

  // Response: key-place reach and the paths of responding units.
  const [reachMin, setReachMin] = useState(5);
  const [reach, setReach] = useState<{ minutes: number; unreachable: number; total: number; places: ReachPlace[] } | null>(null);
  const [responsePath, setResponsePath] = useState<{ unit: number; path: [number, number][]; length_m: number } | null>(null);
  const loadReach = useCallback(() => { fetchReach(reachMin).then(setReach).catch((e) => setError(message(e))); }, [reachMin]);
  useEffect(() => { if (tab === 'response' && !reach) loadReach(); }, [tab, reach, loadReach]);
  const showResponse = useCallback(async (u: PatrolUnit) => {
    if (!u.responding_to) return;
    try {
      const card = await fetchIncidentCard(u.responding_to);
      const p = await fetchPath([u.lon, u.lat], [card.incident.lon, card.incident.lat]);
      setResponsePath({ unit: u.id, path: p.path, length_m: p.length_m });
      setSelected(u.id);
      focusOn(p.path);
    } catch (e) { setError(message(e)); }
  }, [focusOn]);

  // Routes and their match.
  const [routes, setRoutes] = useState<RouteSummary[]>([]);
  const [match, setMatch] = useState<RouteMatch | null>(null);
  const loadRoutes = useCallback(() => fetchRoutes().then((r) => setRoutes(r.routes)).catch((e) => setError(message(e))), []);
  useEffect(() => { if (tab === 'routes') void loadRoutes(); }, [tab, loadRoutes]);
  useEffect(() => { if (tab === 'routes' && !reach) loadReach(); }, [tab, reach, loadReach]);
  const openRoute = useCallback(async (id: number) => {
    try { const m = await fetchRouteMatch(id); setMatch(m); focusOn(m.route.path); } catch (e) { setError(message(e)); }
  }, [focusOn]);

  // Assessment.
  const [assessment, setAssessment] = useState<{ day: string; rows: DailyRow[] } | null>(null);
  useEffect(() => { if (tab === 'assessment' && !assessment) fetchAssessment().then(setAssessment).catch((e) => setError(message(e))); }, [tab, assessment]);
  const shares = useMemo(() => new Map((assessment?.rows ?? []).filter((r) => r.grid_id !== null).map((r) => [r.grid_id!, r.walked_share])), [assessment]);
  const loadOptions = useMemo(() => deckTileLoadOptions(), []);

  // Playback.
  const linkedTime = (k: string) => { const d = new Date(linked.get(k) ?? ''); return Number.isNaN(d.getTime()) ? null : d; };
  const [pbFrom, setPbFrom] = useState(() => toLocalInput(linkedTime('from') ?? new Date(Date.now() - 60 * 60_000)));
  const [pbTo, setPbTo] = useState(() => toLocalInput(linkedTime('to') ?? new Date()));
  const [pb, setPb] = useState<{ data: Playback; start: number; duration: number } | null>(null);
  const [pbLoading, setPbLoading] = useState(false);
  const clock = usePlayback(pb?.duration ?? 0);
  const loadPlayback = useCallback(async () => {
    setPbLoading(true);
    try {
      const from = new Date(pbFrom);
      const to = new Date(pbTo);
      const data = await fetchPlayback(from, to);
      setPb({ data, start: from.getTime(), duration: (to.getTime() - from.getTime()) / 1000 });
      clock.setTime(0);
      clock.setPlaying(true);
      window.__patrolsPlayback = { trips: data.trips.length, loadedAt: performance.now() };
    } catch (e) { setError(message(e)); } finally { setPbLoading(false); }
  }, [pbFrom, pbTo, clock]);
  useEffect(() => {
    if (linked.get('tab') !== 'playback' || !linkedTime('from') || !linkedTime('to')) return;
    const speed = Number(linked.get('speed'));
    if (speed > 0) clock.setSpeed(speed);
    void loadPlayback();
    // Once, for the linked window.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const pbTrips = useMemo(() => (pb ? pb.data.trips.map((t) => ({ id: t.id, kind: t.kind, path: t.path, times: t.times.map((x) => (x - pb.start) / 1000) })) : []), [pb]);
  const pbIncidents = useMemo(() => (pb ? pb.data.incidents.map((i) => ({ ...i, t: (i.t - pb.start) / 1000 })) : []), [pb]);
  const pbShown = pbIncidents.filter((i) => i.t <= clock.time).length;

  const layers: LayersList = useMemo(() => {
    const out: LayersList = [];
    if (tab === 'assessment') {
      out.push(createPatrolAssessmentLayer({ tileUrl: tileUrlTemplate('grids'), loadOptions, shares, version: shares.size, visible: true, onTileError: handleTileError }));
    }
    if (tab === 'playback') {
      out.push(createPatrolTripsLayer({ trips: pbTrips, currentTime: clock.time }), createPlaybackIncidentsLayer({ incidents: pbIncidents, currentTime: clock.time }));
      return out;
    }
    if (tab === 'routes' && match) {
      out.push(...createPatrolRouteLayers({ path: match.route.path, track: match.track.map((p) => [p[0], p[1]] as [number, number]), checkpoints: match.checkpoints }));
    }
    if (tab === 'response' && reach) {
      out.push(new ScatterplotLayer<ReachPlace>({
        id: 'patrol-reach', data: reach.places, getPosition: (p) => [p.lon, p.lat], radiusUnits: 'pixels', getRadius: 7,
        getFillColor: (p) => (p.minutes === null ? [239, 68, 68, 255] : [56, 189, 248, 220]), stroked: true, getLineColor: [15, 23, 42, 255],
        lineWidthUnits: 'pixels', getLineWidth: 1, updateTriggers: { getFillColor: reach.minutes },
      }));
    }
    if (tab === 'response' && responsePath) {
      out.push(new PathLayer<{ path: [number, number][] }>({
        id: 'patrol-response-path', data: [{ path: responsePath.path }], getPath: (d) => d.path, getColor: STATUS_COLORS.responding,
        getWidth: 5, widthUnits: 'pixels', capRounded: true, jointRounded: true,
      }));
    }
    out.push(...createPatrolLiveLayers({ units, trails, statusOf, selectedId: selected, version }));
    return out;
  }, [tab, units, trails, statusOf, selected, version, match, reach, responsePath, shares, loadOptions, pbTrips, pbIncidents, clock.time]);

  if (!cityBBox) return <div className="patrols-page" data-testid="patrols-page"><p className="pt-muted">Loading the city…</p></div>;

  return (
    <div className="patrols-page" data-testid="patrols-page">
      <section className="pt-map-wrap" aria-label="Patrol map 巡逻地图">
        <PatrolsMap cityBBox={cityBBox} layers={layers} focus={focus} onPickUnit={setSelected} />
      </section>
      <aside className="pt-side">
        <nav className="pt-tabs" role="tablist">
          {TABS.map(([k, label]) => (
            <button key={k} role="tab" aria-selected={tab === k} data-testid={`tab-${k}`} className={tab === k ? 'on' : ''} onClick={() => setTab(k)}>{label}</button>
          ))}
        </nav>
        {error && <div className="pt-error" role="alert" onClick={() => setError(null)}>{error}</div>}

        {tab === 'live' && (
          <section data-testid="live-panel">
            <div className="pt-counts">
              {(['on_patrol', 'responding', 'off_duty'] as const).map((s) => (
                <div key={s} data-testid={`count-${s}`}><i style={{ background: `rgba(${STATUS_COLORS[s].slice(0, 3).join(',')})` }} /><b>{counts[s]}</b><span>{STATUS_NAMES[s]}</span></div>
              ))}
              <div data-testid="count-outside"><i className="ring-out" /><b>{counts.outside}</b><span>Outside own grid 离开网格</span></div>
            </div>
            <p className="pt-muted">Dots: fill = status; red ring = outside its own grid (worker) or street office (team). Trails: last {TRAIL_MIN} min.</p>
            {selectedUnit && (
              <div className="pt-card" data-testid="unit-card">
                <h3>{selectedUnit.code} · {selectedUnit.name}</h3>
                <p>{STATUS_NAMES[selectedUnit.status]} · {selectedUnit.kind === 'patrol_team' ? 'patrol team 巡防队' : 'grid worker 网格员'}</p>
                <p>{selectedUnit.in_own_area === false ? 'Outside its own area' : 'Inside its own area'} · last fix {selectedUnit.last_fix_at ? hhmm(selectedUnit.last_fix_at) : '—'}</p>
              </div>
            )}
            <h4>Outside their own grid</h4>
            <ul className="pt-list" data-testid="outside-list">
              {units.filter((u) => u.in_own_area === false && u.status !== 'off_duty').slice(0, 30).map((u) => (
                <li key={u.id}><button onClick={() => { setSelected(u.id); focusOn([[u.lon, u.lat]]); }}>{u.code}</button> {u.name}</li>
              ))}
            </ul>
          </section>
        )}

        {tab === 'response' && (
          <section data-testid="response-panel">
            <h4>Key place reach 重点部位到达</h4>
            <div className="pt-row">
              <label>within <input type="number" min={0.5} max={60} step={0.5} value={reachMin} data-testid="reach-minutes" onChange={(e) => setReachMin(Number(e.target.value))} /> min</label>
              <button onClick={loadReach} data-testid="reach-check">Check</button>
            </div>
            {reach && (
              <>
                <p data-testid="reach-summary"><b>{reach.unreachable}</b> of {reach.total} key places: no unit on patrol within {reach.minutes} min</p>
                <ul className="pt-list" data-testid="unreachable-list">
                  {reach.places.filter((p) => p.minutes === null).slice(0, 40).map((p) => (
                    <li key={p.id}><button onClick={() => focusOn([[p.lon, p.lat]])}>{p.name_zh}</button> {p.kind}</li>
                  ))}
                </ul>
              </>
            )}
            <h4>Responding 处置中</h4>
            <ul className="pt-list" data-testid="responding-list">
              {units.filter((u) => u.status === 'responding').slice(0, 40).map((u) => (
                <li key={u.id}>
                  <button disabled={!u.responding_to} onClick={() => void showResponse(u)}>{u.code}</button> {u.name}
                  {responsePath?.unit === u.id && <span> · {Math.round(responsePath.length_m)} m by street</span>}
                </li>
              ))}
            </ul>
          </section>
        )}

        {tab === 'routes' && (
          <section data-testid="routes-panel">
            {canWrite && <PlanForm units={units} places={reach?.places ?? []} onPlanned={async (id) => { await loadRoutes(); await openRoute(id); }} onError={setError} />}
            <h4>Routes 巡逻路线</h4>
            <ul className="pt-list" data-testid="route-list">
              {routes.map((r) => (
                <li key={r.id} className={match?.route.id === r.id ? 'on' : ''}>
                  <button onClick={() => void openRoute(r.id)}>{r.name}</button> {r.unit_code} · {hhmm(r.starts_at)}–{hhmm(r.ends_at)} · {(r.length_m / 1000).toFixed(1)} km
                </li>
              ))}
              {!routes.length && <li className="pt-muted">No routes planned for today.</li>}
            </ul>
            {match && (
              <div className="pt-card" data-testid="route-match">
                <h3>{match.route.name}</h3>
                <ol>
                  {match.checkpoints.map((c) => (
                    <li key={c.seq} data-status={c.status}>
                      <span className={`cp cp-${c.status}`}>{c.status.replace('_', ' ')}</span> {c.name} · {hhmm(c.window_start)}–{hhmm(c.window_end)}
                      {c.visited_at && <> · visited {hhmm(c.visited_at)}</>}
                    </li>
                  ))}
                </ol>
                <h4>Alerts 偏离告警</h4>
                <ul data-testid="deviations">
                  {match.deviations.map((d, i) => (
                    <li key={i}>{d.kind === 'off_route' ? `Off route up to ${Math.round(d.max_m)} m` : 'Left the grid'} · {hhmm(d.from)}–{hhmm(d.to)}</li>
                  ))}
                  {!match.deviations.length && <li className="pt-muted">None</li>}
                </ul>
              </div>
            )}
          </section>
        )}

        {tab === 'assessment' && (
          <section data-testid="assessment-panel">
            <h4>Grid workers today 网格员今日考核 {assessment ? `(${assessment.day})` : ''}</h4>
            <p className="pt-muted">Streets walked = share of the grid's street length within 20 m of the day's track. Map: red little, green most.</p>
            <table className="pt-table" data-testid="assessment-table">
              <thead><tr><th>Worker</th><th>Grid</th><th>Streets</th><th>Inside</th><th>Checkpoints</th><th>Alerts</th></tr></thead>
              <tbody>
                {(assessment?.rows ?? []).filter((r) => r.grid_id !== null).slice(0, 200).map((r) => (
                  <tr key={r.unit_id}>
                    <td title={r.unit_code}>{r.unit_name}</td><td>{r.grid_code}</td><td>{pct(r.walked_share)}</td><td>{pct(r.inside_share)}</td>
                    <td>{r.checkpoints_total ? `${r.checkpoints_on_time}/${r.checkpoints_total}` : '—'}</td><td>{r.deviations || ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}

        {tab === 'playback' && (
          <section data-testid="playback-panel">
            <div className="pt-row"><label>From <input type="datetime-local" value={pbFrom} onChange={(e) => setPbFrom(e.target.value)} data-testid="pb-from" /></label></div>
            <div className="pt-row"><label>To <input type="datetime-local" value={pbTo} onChange={(e) => setPbTo(e.target.value)} data-testid="pb-to" /></label></div>
            <button onClick={() => void loadPlayback()} disabled={pbLoading} data-testid="pb-load">{pbLoading ? 'Loading…' : 'Load window'}</button>
            {pb && (
              <div className="pt-card">
                <p data-testid="pb-stats">{pb.data.trips.length} tracks · {pb.data.incidents.length} incidents</p>
                <input type="range" min={0} max={pb.duration} step={1} value={clock.time} data-testid="pb-slider"
                  onChange={(e) => clock.setTime(Number(e.target.value))} style={{ width: '100%' }} />
                <div className="pt-row">
                  <button onClick={() => clock.setPlaying(!clock.playing)} data-testid="pb-play">{clock.playing ? 'Pause' : 'Play'}</button>
                  <select value={clock.speed} onChange={(e) => clock.setSpeed(Number(e.target.value))} data-testid="pb-speed">
                    {[10, 60, 300, 900].map((s) => <option key={s} value={s}>{s}×</option>)}
                  </select>
                  <b data-testid="pb-clock">{hhmm(pb.start + clock.time * 1000)}</b>
                </div>
                <p data-testid="pb-incidents">{pbShown} incidents so far</p>
              </div>
            )}
          </section>
        )}
      </aside>
    </div>
  );
}

declare global {
  interface Window {
    /** Set when a playback window has loaded (benchmarks and tests wait on it). */
    __patrolsPlayback?: { trips: number; loadedAt: number };
  }
}

function PlanForm(p: { units: PatrolUnit[]; places: ReachPlace[]; onPlanned: (id: number) => Promise<void>; onError: (m: string) => void }) {
  const onDuty = p.units.filter((u) => u.status !== 'off_duty');
  const [unit, setUnit] = useState<number | ''>('');
  const [stops, setStops] = useState<(number | '')[]>(['', '']);
  const [start, setStart] = useState(() => toLocalInput(new Date()));
  const [legMin, setLegMin] = useState(20);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (unit === '' || stops.some((s) => s === '')) return p.onError('Choose a unit and every checkpoint');
    setBusy(true);
    try {
      const t0 = new Date(start).getTime();
      const code = p.units.find((u) => u.id === unit)?.code ?? unit;
      const r = await planRoute({
        unit_id: unit, name: `Patrol ${code} ${start.slice(11)}`,
        checkpoints: stops.map((kp, i) => ({
          key_place_id: kp, window_start: new Date(t0 + (i * legMin - 5) * 60_000).toISOString(), window_end: new Date(t0 + (i * legMin + 5) * 60_000).toISOString(),
        })),
      });
      await p.onPlanned(r.id);
    } catch (e) { p.onError(message(e)); } finally { setBusy(false); }
  };
  return (
    <div className="pt-card" data-testid="plan-form">
      <h4>Plan a route 规划路线</h4>
      <div className="pt-row"><select value={unit} onChange={(e) => setUnit(e.target.value ? Number(e.target.value) : '')} data-testid="plan-unit">
        <option value="">Unit…</option>
        {onDuty.map((u) => <option key={u.id} value={u.id}>{u.code} {u.name}</option>)}
      </select></div>
      {stops.map((s, i) => (
        <div className="pt-row" key={i}><select value={s} data-testid={`plan-stop-${i}`} onChange={(e) => setStops(stops.map((x, j) => (j === i ? (e.target.value ? Number(e.target.value) : '') : x)))}>
          <option value="">Checkpoint {i + 1}…</option>
          {p.places.map((k) => <option key={k.id} value={k.id}>{k.name_zh} ({k.kind})</option>)}
        </select></div>
      ))}
      <div className="pt-row">
        <button onClick={() => setStops([...stops, ''])} disabled={stops.length >= 8}>+ checkpoint</button>
        <label>start <input type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} /></label>
        <label>every <input type="number" min={5} max={120} value={legMin} onChange={(e) => setLegMin(Number(e.target.value))} /> min</label>
      </div>
      <button onClick={() => void submit()} disabled={busy} data-testid="plan-submit">Plan along the streets</button>
    </div>
  );
}
