/**
 * A planned route and its match: the planned street path, the actual track, and checkpoints
 * coloured by how they went (on time, early/late, missed, pending).
 */
import { PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { RGBA } from './palette';

export const PATROL_ROUTE_LAYER_ID = 'patrol-route';

export const CHECKPOINT_COLORS: Record<string, RGBA> = {
  on_time: [52, 211, 153, 255],
  early: [250, 204, 21, 255],
  late: [250, 204, 21, 255],
  missed: [239, 68, 68, 255],
  pending: [148, 163, 184, 255],
};

export interface RouteCheckpoint {
  seq: number;
  lon: number;
  lat: number;
  status: string;
}

export function createPatrolRouteLayers(o: {
  path: [number, number][];
  track: [number, number][];
  checkpoints: RouteCheckpoint[];
}) {
  return [
    new PathLayer<{ path: [number, number][] }>({
      id: `${PATROL_ROUTE_LAYER_ID}-plan`,
      data: [{ path: o.path }],
      getPath: (d) => d.path,
      getColor: [56, 189, 248, 200],
      getWidth: 6,
      widthUnits: 'pixels',
      capRounded: true,
      jointRounded: true,
    }),
    new PathLayer<{ path: [number, number][] }>({
      id: `${PATROL_ROUTE_LAYER_ID}-track`,
      data: o.track.length > 1 ? [{ path: o.track }] : [],
      getPath: (d) => d.path,
      getColor: [255, 255, 255, 230],
      getWidth: 2,
      widthUnits: 'pixels',
    }),
    new ScatterplotLayer<RouteCheckpoint>({
      id: `${PATROL_ROUTE_LAYER_ID}-checkpoints`,
      data: o.checkpoints,
      getPosition: (c) => [c.lon, c.lat],
      radiusUnits: 'pixels',
      getRadius: 9,
      getFillColor: (c) => CHECKPOINT_COLORS[c.status] ?? CHECKPOINT_COLORS.pending,
      stroked: true,
      getLineColor: [15, 23, 42, 255],
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
    }),
  ];
}
