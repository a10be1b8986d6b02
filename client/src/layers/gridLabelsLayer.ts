/**
 * Grid names at high zoom, drawn by deck.gl (the basemap style has no glyphs: nothing is fetched
 * for fonts; the atlas is drawn from the system's CJK fonts).
 *
 * Label positions come from the grid tiles already loaded: a grid cut by tile edges is labelled
 * once, at the centroid of its largest piece.
 */
import { TextLayer } from '@deck.gl/layers';
import { CollisionFilterExtension, type CollisionFilterExtensionProps } from '@deck.gl/extensions';
import type { Feature, Geometry, Position } from 'geojson';
import type { GridTileProperties } from '../api/types';
import { getGridId } from './gridsLayer';

export const GRID_LABELS_LAYER_ID = 'grid-labels';

/** System font stack with CJK coverage; no web fonts. */
export const LABEL_FONT_FAMILY =
  '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", system-ui, sans-serif';

export interface GridLabel {
  id: number;
  name: string;
  position: [number, number];
}

export interface GridLabelsLayerOptions {
  data: GridLabel[];
  /** Default true. */
  visible?: boolean;
  /** Text size in pixels. Default 12. */
  sizePixels?: number;
}

export function getLabelText(l: GridLabel): string {
  return l.name;
}

export function getLabelPosition(l: GridLabel): [number, number] {
  return l.position;
}

export function createGridLabelsLayer({ data, visible = true, sizePixels = 12 }: GridLabelsLayerOptions) {
  return new TextLayer<GridLabel, CollisionFilterExtensionProps<GridLabel>>({
    id: GRID_LABELS_LAYER_ID,
    data,
    visible,
    pickable: false,
    characterSet: 'auto',
    fontFamily: LABEL_FONT_FAMILY,
    fontWeight: 600,
    fontSettings: { sdf: true, fontSize: 48, buffer: 6 },
    outlineWidth: 3,
    outlineColor: [6, 10, 20, 235],
    getText: getLabelText,
    getPosition: getLabelPosition,
    getColor: [214, 245, 255, 255],
    getSize: sizePixels,
    sizeUnits: 'pixels',
    getTextAnchor: 'middle',
    getAlignmentBaseline: 'center',
    // Labels that would overlap are hidden rather than piled up.
    extensions: [new CollisionFilterExtension()],
    collisionEnabled: true,
    collisionTestProps: { sizeScale: 1.15 },
  });
}

// ---------------------------------------------------------------------------------------------
// Label placement (pure)

/** Signed area and centroid of a ring (planar, in lon/lat degrees: fine at grid scale). */
function ringCentroid(ring: Position[]): { area: number; x: number; y: number } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, n = ring.length, j = n - 1; i < n; j = i++) {
    const [x0, y0] = ring[j];
    const [x1, y1] = ring[i];
    const f = x0 * y1 - x1 * y0;
    a += f;
    cx += (x0 + x1) * f;
    cy += (y0 + y1) * f;
  }
  if (a === 0) return { area: 0, x: ring[0]?.[0] ?? 0, y: ring[0]?.[1] ?? 0 };
  return { area: Math.abs(a / 2), x: cx / (3 * a), y: cy / (3 * a) };
}

function largestPolygonOuterRing(geometry: Geometry): Position[] | null {
  if (geometry.type === 'Polygon') return geometry.coordinates[0] ?? null;
  if (geometry.type === 'MultiPolygon') {
    let best: Position[] | null = null;
    let bestArea = -1;
    for (const polygon of geometry.coordinates) {
      const ring = polygon[0];
      if (!ring) continue;
      const { area } = ringCentroid(ring);
      if (area > bestArea) {
        bestArea = area;
        best = ring;
      }
    }
    return best;
  }
  return null;
}

/**
 * One label per grid from the pieces of grids found in loaded tiles (WGS 84 features): each grid
 * is labelled at the centroid of its largest piece.
 */
export function placeGridLabels(pieces: Iterable<Feature<Geometry, GridTileProperties>>): GridLabel[] {
  const best = new Map<number, { area: number; label: GridLabel }>();
  for (const piece of pieces) {
    const props = piece.properties;
    const id = getGridId(piece);
    if (!props || id === null || !piece.geometry) continue;
    const ring = largestPolygonOuterRing(piece.geometry);
    if (!ring || ring.length < 4) continue;
    const { area, x, y } = ringCentroid(ring);
    const current = best.get(id);
    if (!current || area > current.area) {
      best.set(id, { area, label: { id, name: props.name ?? props.code ?? String(id), position: [x, y] } });
    }
  }
  return [...best.values()].map((b) => b.label);
}
