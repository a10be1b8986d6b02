/**
 * The daily assessment on the map: each grid filled by the share of its streets its grid worker
 * walked today (red: little, green: most), from the grid vector tiles.
 */
import { MVTLayer } from '@deck.gl/geo-layers';
import { getGridId } from './gridsLayer';
import type { RGBA } from './palette';

export const PATROL_ASSESSMENT_LAYER_ID = 'patrol-assessment';

/** Red → amber → green as the share walked rises; transparent when unknown. */
export function walkedColor(share: number | undefined, alpha = 150): RGBA {
  if (share === undefined) return [0, 0, 0, 0];
  const s = Math.max(0, Math.min(1, share));
  return s < 0.5
    ? [239, Math.round(68 + (s / 0.5) * (179 - 68)), 68, alpha]
    : [Math.round(250 - ((s - 0.5) / 0.5) * 198), 204, Math.round(21 + ((s - 0.5) / 0.5) * 132), alpha];
}

export function createPatrolAssessmentLayer(o: {
  tileUrl: string;
  loadOptions: Record<string, unknown>;
  shares: Map<number, number>;
  version: number;
  visible: boolean;
  onViewportLoad?: () => void;
  onTileError?: (e: unknown) => void;
}) {
  return new MVTLayer({
    id: PATROL_ASSESSMENT_LAYER_ID,
    data: o.tileUrl,
    loadOptions: o.loadOptions,
    visible: o.visible,
    minZoom: 0,
    maxZoom: 16,
    binary: false,
    filled: true,
    stroked: true,
    getFillColor: (f: Parameters<typeof getGridId>[0]) => {
      const id = getGridId(f);
      return walkedColor(id === null ? undefined : o.shares.get(id));
    },
    getLineColor: [0, 229, 255, 90],
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
    updateTriggers: { getFillColor: o.version },
    onViewportLoad: o.onViewportLoad,
    onTileError: o.onTileError,
  });
}
