/**
 * Patrol units and grid workers on the wall: their last known positions (`/api/wall/units`).
 * A separate piece on purpose: when the patrols work brings live positions and short trails,
 * this factory takes `trails` (a PathLayer below the dots) and the page feeds it from there.
 */
import { PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import { getUnitColor, getUnitRingColor } from './patrolUnitsLayer';

export const WALL_UNITS_LAYER_ID = 'wall-units';

export interface WallUnitsData {
  ids: number[];
  kinds: string[];
  lon: number[];
  lat: number[];
}

export interface UnitTrail {
  id: number;
  kind: string;
  /** Oldest first. */
  path: [number, number][];
}

export interface WallUnitsLayerOptions {
  units: WallUnitsData;
  /** Short recent trails; empty until the patrols feed provides them. */
  trails?: UnitTrail[];
  /** Units are drawn from this zoom on (10,000 workers would cover the city view). Default 12. */
  minZoom?: number;
  zoom: number;
}

export function createWallUnitsLayers({ units, trails = [], minZoom = 12, zoom }: WallUnitsLayerOptions) {
  const visible = zoom >= minZoom;
  return [
    new PathLayer<UnitTrail>({
      id: `${WALL_UNITS_LAYER_ID}-trails`,
      data: trails,
      visible: visible && trails.length > 0,
      getPath: (t) => t.path,
      getColor: (t) => getUnitColor(t),
      widthUnits: 'pixels',
      getWidth: 2,
      opacity: 0.6,
    }),
    // The id column is the data (stable while the units are): accessors read the other columns by index.
    new ScatterplotLayer<number>({
      id: WALL_UNITS_LAYER_ID,
      data: units.ids,
      visible,
      getPosition: (_, { index }) => [units.lon[index], units.lat[index]],
      radiusUnits: 'pixels',
      getRadius: (_, { index }) => (units.kinds[index] === 'patrol_team' ? 6 : 4),
      filled: true,
      getFillColor: (_, { index }) => getUnitColor({ kind: units.kinds[index] }),
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 1.5,
      getLineColor: (_, { index }) => getUnitRingColor({ kind: units.kinds[index] }),
    }),
  ];
}
