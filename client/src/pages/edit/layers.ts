/**
 * deck.gl layers of the editor: the community's grids coloured by household balance, the street
 * blocks (the brush's units), the selection, the blocks being painted and the previewed result
 * of an edit drawn over the current boundaries.
 */
import { GeoJsonLayer, TextLayer } from '@deck.gl/layers';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { BlockFeature, CommunityGrids, GridFeature, GridSnapshot } from '../../api/gridEdits';
import { balanceColor } from './geometry';
import { LABEL_FONT_FAMILY } from '../../layers/gridLabelsLayer';

export const EDIT_LAYER_IDS = { grids: 'edit-grids', blocks: 'edit-blocks', labels: 'edit-labels' } as const;

export function gridsLayer(data: CommunityGrids | null, band: number, selected: readonly number[], dim: boolean) {
  return new GeoJsonLayer<GridFeature['properties']>({
    id: EDIT_LAYER_IDS.grids,
    data: (data?.features ?? []) as never,
    pickable: true,
    stroked: true,
    filled: true,
    getFillColor: (f) =>
      balanceColor(f.properties.deviation, band, dim ? 60 : selected.includes(f.properties.id) ? 190 : 120),
    getLineColor: (f) => (selected.includes(f.properties.id) ? [255, 214, 10, 255] : [20, 30, 45, 230]),
    getLineWidth: (f) => (selected.includes(f.properties.id) ? 4 : 2),
    lineWidthUnits: 'pixels',
    updateTriggers: {
      getFillColor: [band, selected.join(','), dim],
      getLineColor: [selected.join(',')],
      getLineWidth: [selected.join(',')],
    },
  });
}

export function gridLabelsLayer(data: CommunityGrids | null) {
  const labels = (data?.features ?? []).map((f) => ({
    text: `${f.properties.code.split('-').pop()}\n${f.properties.households}户`,
    at: centre(f.geometry),
  }));
  return new TextLayer<{ text: string; at: [number, number] }>({
    id: EDIT_LAYER_IDS.labels,
    data: labels,
    pickable: false,
    characterSet: 'auto',
    fontFamily: LABEL_FONT_FAMILY,
    fontWeight: 600,
    fontSettings: { sdf: true, fontSize: 48, buffer: 6 },
    outlineWidth: 3,
    outlineColor: [6, 10, 20, 235],
    getPosition: (d) => d.at,
    getText: (d) => d.text,
    getColor: [240, 248, 255, 255],
    getSize: 14,
    sizeUnits: 'pixels',
    getTextAnchor: 'middle',
    getAlignmentBaseline: 'center',
  });
}

export function blocksLayer(blocks: readonly BlockFeature[], painted: ReadonlySet<number>, visible: boolean) {
  return new GeoJsonLayer<BlockFeature['properties']>({
    id: EDIT_LAYER_IDS.blocks,
    data: blocks as never,
    visible,
    pickable: visible,
    stroked: true,
    filled: true,
    getFillColor: (f) => (painted.has(f.properties.id) ? [255, 214, 10, 150] : [255, 255, 255, 1]),
    getLineColor: [60, 70, 90, 140],
    getLineWidth: 1,
    lineWidthUnits: 'pixels',
    updateTriggers: { getFillColor: [painted.size, [...painted].join(',')] },
  });
}

/** The grids an edit would produce, hatched over the current map, changed ones outlined. */
export function previewLayer(
  grids: readonly GridSnapshot[] | null,
  changed: readonly number[],
  band: number,
  target: number,
) {
  const data: Feature<Polygon | MultiPolygon, GridSnapshot>[] = (grids ?? [])
    .filter((g) => changed.includes(g.id))
    .map((g) => ({ type: 'Feature', geometry: g.geom as Polygon | MultiPolygon, properties: g }));
  return new GeoJsonLayer<GridSnapshot>({
    id: 'edit-preview',
    data: data as never,
    stroked: true,
    filled: true,
    getFillColor: (f) => balanceColor(f.properties.households / target - 1, band, 170),
    getLineColor: [255, 255, 255, 255],
    getLineWidth: 3,
    lineWidthUnits: 'pixels',
    updateTriggers: { getFillColor: [band, target] },
  });
}

function centre(g: Polygon | MultiPolygon): [number, number] {
  const ring = g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0][0];
  let [x, y] = [0, 0];
  for (const p of ring.slice(0, -1)) [x, y] = [x + p[0], y + p[1]];
  const n = Math.max(1, ring.length - 1);
  return [x / n, y / n];
}
