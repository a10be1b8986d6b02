/**
 * The coverage review's server data: the communities of the scope picker, the chosen community
 * (kept in the address as `?community=`), the report for the scope, every grid's shares for
 * colouring the map, the gaps (and camera views, zoomed in) on screen, and why the cameras near
 * the clicked point miss it. Any camera change, from any screen, refreshes it all (`refresh`).
 * A read that fails says so (`errors`, or the loadable's `error`), unless it was cancelled.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { communitiesOf, fetchAreas, type Area } from '../../api/areas';
import {
  fetchCoverage,
  fetchExplain,
  fetchGaps,
  fetchGridShares,
  fetchViews,
  type CoverageReportT,
  type ExplainT,
  type GapCollection,
  type GridShares,
} from '../../api/coverage';
import { ApiError } from '../../api/http';
import { live } from '../../api/live';
import type { Viewport } from './CoverageMap';

export type Loadable<T> =
  { status: 'loading'; data?: T } | { status: 'ready'; data: T } | { status: 'error'; message: string; data?: T };
export type Gaps = Record<'keyplace' | 'road' | 'area' | 'views', GapCollection | null>;
/** Reads whose failure the review reports besides the report's own. */
export type LoadErrors = Partial<Record<'communities' | 'shares' | 'gaps', string>>;

export const message = (e: unknown) => (e instanceof ApiError ? e.message : e instanceof Error ? e.message : String(e));
export const aborted = (e: unknown) => e instanceof DOMException && e.name === 'AbortError';

function communityFromUrl(): number | null {
  const v = Number(new URLSearchParams(window.location.search).get('community'));
  return Number.isInteger(v) && v > 0 ? v : null;
}

export function useCoverageData(viewport: Viewport | null, picked: { lon: number; lat: number } | null) {
  const [communities, setCommunities] = useState<Area[]>([]);
  const [community, setCommunity] = useState<number | null>(communityFromUrl);
  const [refresh, setRefresh] = useState(0);
  const [report, setReport] = useState<Loadable<CoverageReportT>>({ status: 'loading' });
  const [shares, setShares] = useState<{ data: GridShares; loads: number } | null>(null);
  const [gaps, setGaps] = useState<Gaps>({ keyplace: null, road: null, area: null, views: null });
  const [explain, setExplain] = useState<Loadable<ExplainT> | null>(null);
  const [errors, setErrors] = useState<LoadErrors>({});
  const failed = useCallback((key: keyof LoadErrors, e: unknown) => {
    if (!aborted(e)) setErrors((x) => ({ ...x, [key]: message(e) }));
  }, []);
  const loaded = useCallback(
    (key: keyof LoadErrors) => setErrors((x) => (key in x ? { ...x, [key]: undefined } : x)),
    [],
  );
  const bumpRefresh = useCallback(() => setRefresh((n) => n + 1), []);

  // Communities for the scope picker.
  useEffect(() => {
    const ctl = new AbortController();
    fetchAreas(ctl.signal)
      .then((r) => {
        setCommunities(communitiesOf(r.areas, 'name'));
        loaded('communities');
      })
      .catch((e) => failed('communities', e));
    return () => ctl.abort();
  }, [failed, loaded]);

  // Keep ?community= in the address (a link to the review of one community).
  useEffect(() => {
    const url = community ? `/cameras?community=${community}` : '/cameras';
    if (window.location.pathname === '/cameras' && `${window.location.pathname}${window.location.search}` !== url)
      window.history.replaceState(null, '', url);
  }, [community]);

  // The report for the scope.
  useEffect(() => {
    const ctl = new AbortController();
    setReport((r) => ({ status: 'loading', data: r.data }));
    fetchCoverage(community ? { community } : null, ctl.signal)
      .then((data) => setReport({ status: 'ready', data }))
      .catch((e) => !aborted(e) && setReport((r) => ({ status: 'error', message: message(e), data: r.data })));
    return () => ctl.abort();
  }, [community, refresh]);

  // Every grid's shares, for colouring the map.
  useEffect(() => {
    const ctl = new AbortController();
    fetchGridShares(ctl.signal)
      .then((data) => {
        setShares((s) => ({ data, loads: (s?.loads ?? 0) + 1 }));
        loaded('shares');
      })
      .catch((e) => failed('shares', e));
    return () => ctl.abort();
  }, [refresh, failed, loaded]);

  // Gaps (and views, zoomed in) for what is on screen.
  useEffect(() => {
    if (!viewport) return;
    const ctl = new AbortController();
    const { bbox, zoom } = viewport;
    const timer = setTimeout(() => {
      const opts = { community: community ?? undefined };
      const load = (p: Promise<GapCollection>, key: keyof Gaps) =>
        p
          .then((fc) => {
            setGaps((g) => ({ ...g, [key]: fc }));
            loaded('gaps');
          })
          .catch((e) => failed('gaps', e));
      void load(fetchGaps('keyplace', bbox, { ...opts, main: zoom < 13, limit: 4000 }, ctl.signal), 'keyplace');
      void load(fetchGaps('road', bbox, { ...opts, main: zoom < 14, limit: 4000 }, ctl.signal), 'road');
      if (zoom >= 14) void load(fetchGaps('area', bbox, { ...opts, limit: 300 }, ctl.signal), 'area');
      else setGaps((g) => ({ ...g, area: null }));
      if (zoom >= 15) void load(fetchViews(bbox, ctl.signal), 'views');
      else setGaps((g) => ({ ...g, views: null }));
    }, 250);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [viewport, refresh, community, failed, loaded]);

  // Why the cameras near the clicked point miss it.
  useEffect(() => {
    if (!picked) return setExplain(null);
    const ctl = new AbortController();
    setExplain({ status: 'loading' });
    fetchExplain(picked.lon, picked.lat, ctl.signal)
      .then((data) => setExplain({ status: 'ready', data }))
      .catch((e) => !aborted(e) && setExplain({ status: 'error', message: message(e) }));
    return () => ctl.abort();
  }, [picked, refresh]);

  // Live: any camera change anywhere refreshes measures, gaps and camera tiles.
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    const off = live.subscribe({
      onEvent: (e) => {
        if (e.type !== 'camera.changed') return;
        clearTimeout(pending.current);
        pending.current = setTimeout(bumpRefresh, 400);
      },
    });
    return () => {
      off();
      clearTimeout(pending.current);
    };
  }, [bumpRefresh]);

  return { communities, community, setCommunity, refresh, bumpRefresh, report, shares, gaps, explain, errors };
}
