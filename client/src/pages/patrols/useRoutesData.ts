/** The routes tab's data: today's planned routes and the one opened, matched against its unit's track. */
import { useCallback, useEffect, useState } from 'react';
import { fetchRouteMatch, fetchRoutes, type RouteMatch, type RouteSummary } from '../../api/patrols';
import { message } from './format';
import type { Tab } from './usePatrolsView';

export function useRoutesData(o: {
  tab: Tab;
  onError: (m: string) => void;
  focusOn: (pts: [number, number][]) => void;
}) {
  const { tab, onError, focusOn } = o;
  const [routes, setRoutes] = useState<RouteSummary[]>([]);
  const [match, setMatch] = useState<RouteMatch | null>(null);

  const loadRoutes = useCallback(
    () =>
      fetchRoutes()
        .then((r) => setRoutes(r.routes))
        .catch((e) => onError(message(e))),
    [onError],
  );
  useEffect(() => {
    if (tab === 'routes') void loadRoutes();
  }, [tab, loadRoutes]);

  const openRoute = useCallback(
    async (id: number) => {
      try {
        const m = await fetchRouteMatch(id);
        setMatch(m);
        focusOn(m.route.path);
      } catch (e) {
        onError(message(e));
      }
    },
    [onError, focusOn],
  );

  /** A route was just planned: list it and open it. */
  const onPlanned = useCallback(
    async (id: number) => {
      await loadRoutes();
      await openRoute(id);
    },
    [loadRoutes, openRoute],
  );

  return { routes, match, openRoute, onPlanned };
}
