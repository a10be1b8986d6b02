/**
 * Live patrol units with their short trails, for any map (the /patrols page, the wall display):
 * a fading path per unit, and a dot per unit filled by status (on patrol, responding, off duty)
 * with a ring that says whether it is inside its own grid (grid workers) or street office.
 */
import { PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { RGBA } from './palette';

export const PATROL_LIVE_LAYER_ID = 'patrol-live';

export interface LiveUnit {
  id: number;
  kind: string;
  status: string;
  lon: number;
  lat: number;
  in_own_area: boolean | null;
}

export interface LiveTrail {
  id: number;
  path: [number, number][];
}

export const STATUS_COLORS: Record<string, RGBA> = {
  on_patrol: [52, 211, 153, 255],
  responding: [251, 146, 60, 255],
  off_duty: [148, 163, 184, 200],
};
export const INSIDE_RING: RGBA = [255, 255, 255, 255];
export const OUTSIDE_RING: RGBA = [239, 68, 68, 255];

export function statusColor(status: string): RGBA {
  return STATUS_COLORS[status] ?? STATUS_COLORS.off_duty;
}

export function ringColor(u: Pick<LiveUnit, 'in_own_area'>): RGBA {
  return u.in_own_area === false ? OUTSIDE_RING : INSIDE_RING;
}

export interface PatrolLiveOptions {
  units: LiveUnit[];
  trails: LiveTrail[];
  /** Status of each unit by id, to colour its trail like its dot. */
  statusOf?: (id: number) => string | undefined;
  selectedId?: number | null;
  radiusPixels?: number;
  showOffDuty?: boolean;
  pickable?: boolean;
  /** Both layers hide when false (e.g. the wall's city view, where 10,000 dots would bury the map). */
  visible?: boolean;
  /** Changes whenever units or trails change (deck.gl compares data by reference). */
  version?: number;
}

export function createPatrolLiveLayers(o: PatrolLiveOptions) {
  const r = o.radiusPixels ?? 5;
  const units = o.showOffDuty === false ? o.units.filter((u) => u.status !== 'off_duty') : o.units;
  return [
    new PathLayer<LiveTrail>({
      id: `${PATROL_LIVE_LAYER_ID}-trails`,
      data: o.trails,
      visible: o.visible ?? true,
      getPath: (t) => t.path,
      getColor: (t) => {
        const c = statusColor(o.statusOf?.(t.id) ?? 'on_patrol');
        return [c[0], c[1], c[2], 150];
      },
      getWidth: 2,
      widthUnits: 'pixels',
      capRounded: true,
      jointRounded: true,
      pickable: false,
      updateTriggers: { getColor: o.version },
    }),
    new ScatterplotLayer<LiveUnit>({
      id: PATROL_LIVE_LAYER_ID,
      data: units,
      visible: o.visible ?? true,
      getPosition: (u) => [u.lon, u.lat],
      radiusUnits: 'pixels',
      getRadius: (u) => (u.id === o.selectedId ? r * 1.9 : u.kind === 'patrol_team' ? r * 1.3 : r),
      getFillColor: (u) => statusColor(u.status),
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: (u) => (u.in_own_area === false ? 2.5 : 1.5),
      getLineColor: ringColor,
      pickable: o.pickable ?? true,
      updateTriggers: {
        getRadius: o.selectedId,
        getFillColor: o.version,
        getLineColor: o.version,
        getLineWidth: o.version,
      },
    }),
  ];
}
