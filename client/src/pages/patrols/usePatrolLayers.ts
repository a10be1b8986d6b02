/**
 * What the patrol map draws for the tab shown: playback alone, or the live units and trails with
 * the assessment choropleth, the opened route and its track, or key-place reach and a response path.
 */
import { useMemo } from 'react';
import type { LayersList } from '@deck.gl/core';
import { PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { ReachPlace, RouteMatch, ReachResponse } from '../../api/patrols';
import { deckTileLoadOptions, handleTileError, tileUrlTemplate } from '../../api/tiles';
import { createPatrolAssessmentLayer } from '../../layers/patrolAssessmentLayer';
import { createPatrolRouteLayers } from '../../layers/patrolRoutesLayer';
import { createPatrolLiveLayers, STATUS_COLORS } from '../../layers/patrolTrailsLayer';
import {
  createPatrolTripsLayer,
  createPlaybackIncidentsLayer,
  type PlaybackIncidentPoint,
  type PlaybackTrip,
} from '../../layers/patrolTripsLayer';
import type { PatrolLive } from '../../app/usePatrolLive';
import type { ResponsePath } from './useResponseData';
import type { Tab } from './usePatrolsView';

export function usePatrolLayers(o: {
  tab: Tab;
  live: PatrolLive;
  selected: number | null;
  match: RouteMatch | null;
  reach: ReachResponse | null;
  responsePath: ResponsePath | null;
  shares: Map<number, number>;
  trips: PlaybackTrip[];
  incidents: PlaybackIncidentPoint[];
  time: number;
}): LayersList {
  const { tab, selected, match, reach, responsePath, shares, trips, incidents, time } = o;
  const { units, trails, statusOf, version } = o.live;
  const loadOptions = useMemo(() => deckTileLoadOptions(), []);
  return useMemo(() => {
    const out: LayersList = [];
    if (tab === 'assessment') {
      out.push(
        createPatrolAssessmentLayer({
          tileUrl: tileUrlTemplate('grids'),
          loadOptions,
          shares,
          version: shares.size,
          visible: true,
          onTileError: handleTileError,
        }),
      );
    }
    if (tab === 'playback') {
      out.push(
        createPatrolTripsLayer({ trips, currentTime: time }),
        createPlaybackIncidentsLayer({ incidents, currentTime: time }),
      );
      return out;
    }
    if (tab === 'routes' && match) {
      out.push(
        ...createPatrolRouteLayers({
          path: match.route.path,
          track: match.track.map((p) => [p[0], p[1]] as [number, number]),
          checkpoints: match.checkpoints,
        }),
      );
    }
    if (tab === 'response' && reach) {
      out.push(
        new ScatterplotLayer<ReachPlace>({
          id: 'patrol-reach',
          data: reach.places,
          getPosition: (p) => [p.lon, p.lat],
          radiusUnits: 'pixels',
          getRadius: 7,
          getFillColor: (p) => (p.minutes === null ? [239, 68, 68, 255] : [56, 189, 248, 220]),
          stroked: true,
          getLineColor: [15, 23, 42, 255],
          lineWidthUnits: 'pixels',
          getLineWidth: 1,
          updateTriggers: { getFillColor: reach.minutes },
        }),
      );
    }
    if (tab === 'response' && responsePath) {
      out.push(
        new PathLayer<{ path: [number, number][] }>({
          id: 'patrol-response-path',
          data: [{ path: responsePath.path }],
          getPath: (d) => d.path,
          getColor: STATUS_COLORS.responding,
          getWidth: 5,
          widthUnits: 'pixels',
          capRounded: true,
          jointRounded: true,
        }),
      );
    }
    out.push(...createPatrolLiveLayers({ units, trails, statusOf, selectedId: selected, version }));
    return out;
  }, [
    tab,
    units,
    trails,
    statusOf,
    selected,
    version,
    match,
    reach,
    responsePath,
    shares,
    loadOptions,
    trips,
    incidents,
    time,
  ]);
}
