/**
 * The response tab's data: which key places no unit on patrol reaches within N minutes (also the
 * routes tab's checkpoint choices), and the street path of a responding unit to its incident.
 */
import { useCallback, useEffect, useState } from 'react';
import { fetchIncidentCard } from '../../api/incidents';
import { fetchPath, fetchReach, type PatrolUnit, type ReachResponse } from '../../api/patrols';
import { message } from './format';
import type { Tab } from './usePatrolsView';

export interface ResponsePath {
  unit: number;
  path: [number, number][];
  length_m: number;
}

export function useResponseData(o: {
  tab: Tab;
  onError: (m: string) => void;
  onUnit: (id: number) => void;
  focusOn: (pts: [number, number][]) => void;
}) {
  const { tab, onError, onUnit, focusOn } = o;
  const [reachMin, setReachMin] = useState(5);
  const [reach, setReach] = useState<ReachResponse | null>(null);
  const [responsePath, setResponsePath] = useState<ResponsePath | null>(null);

  const loadReach = useCallback(() => {
    fetchReach(reachMin)
      .then(setReach)
      .catch((e) => onError(message(e)));
  }, [reachMin, onError]);
  // Both the response and the routes tab need it.
  useEffect(() => {
    if ((tab === 'response' || tab === 'routes') && !reach) loadReach();
  }, [tab, reach, loadReach]);

  const showResponse = useCallback(
    async (u: PatrolUnit) => {
      if (!u.responding_to) return;
      try {
        const card = await fetchIncidentCard(u.responding_to);
        const p = await fetchPath([u.lon, u.lat], [card.incident.lon, card.incident.lat]);
        setResponsePath({ unit: u.id, path: p.path, length_m: p.length_m });
        onUnit(u.id);
        focusOn(p.path);
      } catch (e) {
        onError(message(e));
      }
    },
    [onError, onUnit, focusOn],
  );

  return { reachMin, setReachMin, reach, loadReach, responsePath, showResponse };
}
