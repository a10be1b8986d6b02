/**
 * Patrol units near the selected incident: a point per unit and a thin straight line to the
 * incident (the distance shown is straight-line until routing exists). The unit the operator
 * points at in the card is drawn larger.
 */
import { LineLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { RGBA } from './palette';

export const PATROL_UNITS_LAYER_ID = 'patrol-units';

export interface PatrolUnitPoint {
  id: number;
  lon: number;
  lat: number;
  kind: string;
}

export interface PatrolUnitsLayerOptions {
  units: PatrolUnitPoint[];
  /** The incident the lines lead to; no lines without it. */
  target: { lon: number; lat: number } | null;
  /** The unit to emphasise, or null. */
  highlightId?: number | null;
  /** Unit radius in pixels. Default 6. */
  radiusPixels?: number;
}

/** Fill colours: white teams and violet grid workers stand apart from cameras (green) and incidents. */
export const PATROL_TEAM_COLOR: RGBA = [255, 255, 255, 255];
export const GRID_WORKER_COLOR: RGBA = [167, 139, 250, 255];
/** Ring colours, the other way round, so that either kind reads on any ground. */
export const PATROL_TEAM_RING: RGBA = [52, 211, 153, 255];
export const GRID_WORKER_RING: RGBA = [255, 255, 255, 255];
export const UNIT_LINE_COLOR: RGBA = [226, 232, 240, 110];

export function getUnitColor(u: Pick<PatrolUnitPoint, 'kind'>): RGBA {
  return u.kind === 'patrol_team' ? PATROL_TEAM_COLOR : GRID_WORKER_COLOR;
}

export function getUnitRingColor(u: Pick<PatrolUnitPoint, 'kind'>): RGBA {
  return u.kind === 'patrol_team' ? PATROL_TEAM_RING : GRID_WORKER_RING;
}

export function createPatrolUnitsLayers({
  units,
  target,
  highlightId = null,
  radiusPixels = 6,
}: PatrolUnitsLayerOptions) {
  const lines = target ? units : [];
  return [
    new LineLayer<PatrolUnitPoint>({
      id: `${PATROL_UNITS_LAYER_ID}-lines`,
      data: lines,
      getSourcePosition: (u) => [u.lon, u.lat],
      getTargetPosition: () => (target ? [target.lon, target.lat] : [0, 0]),
      getColor: (u) => (u.id === highlightId ? [255, 255, 255, 200] : UNIT_LINE_COLOR),
      getWidth: (u) => (u.id === highlightId ? 2.5 : 1.25),
      widthUnits: 'pixels',
      pickable: false,
      updateTriggers: {
        getTargetPosition: target ? `${target.lon},${target.lat}` : '',
        getColor: highlightId,
        getWidth: highlightId,
      },
    }),
    new ScatterplotLayer<PatrolUnitPoint>({
      id: PATROL_UNITS_LAYER_ID,
      data: units,
      radiusUnits: 'pixels',
      getRadius: (u) => (u.id === highlightId ? radiusPixels * 1.8 : radiusPixels),
      filled: true,
      getFillColor: getUnitColor,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
      getLineColor: getUnitRingColor,
      getPosition: (u) => [u.lon, u.lat],
      pickable: false,
      updateTriggers: { getRadius: highlightId },
    }),
  ];
}
