/**
 * Grids (网格) from the `grids` vector tile layer: outlines always visible, fill coloured by the
 * chosen measure, hover highlight, picking for selection.
 */
import { MVTLayer, type MVTLayerPickingInfo } from '@deck.gl/geo-layers';
import type { _Tile2DHeader as Tile2DHeader } from '@deck.gl/geo-layers';
import type { Feature, Geometry } from 'geojson';
import type { GridTileProperties } from '../api/types';
import type { GridMeasure } from '../state/model';
import { GRID_HOVER, GRID_OUTLINE, gridFillColor, type RGBA } from './palette';

export const GRIDS_LAYER_ID = 'grids';

export interface GridsLayerOptions {
  /** `{z}/{x}/{y}` tile URL template of the `grids` tile layer. */
  tileUrl: string;
  /** deck.gl/loaders.gl load options (auth headers, worker URL). */
  loadOptions: Record<string, unknown>;
  /** What the fill colour shows. */
  measure: GridMeasure;
  /** Multiplies the fill's alpha (0–1), e.g. to let streets show through when zoomed in. Default 1. */
  fillOpacity?: number;
  /** Default true. */
  visible?: boolean;
  /** Outline width in pixels. Default 1.5. */
  lineWidthPixels?: number;
  /** Lowest zoom at which tiles are requested. Default 0. */
  minZoom?: number;
  /** Highest zoom the server cuts tiles at; deeper zooms reuse (overzoom) these. Default 16. */
  maxZoom?: number;
  /** Called when every tile of the current viewport has loaded. */
  onViewportLoad?: (tiles: Tile2DHeader[]) => void;
  /** Called when a tile fails to load. */
  onTileError?: (error: unknown) => void;
}

export type GridFeature = Feature<Geometry, GridTileProperties>;
export type GridPickingInfo = MVTLayerPickingInfo<GridTileProperties>;

/**
 * The grid's id. The server's tiles carry it as the MVT feature id (ST_AsMVT's feature_id_name,
 * which leaves it out of the properties); a `properties.id` is accepted too.
 */
export function getGridId(feature: {
  id?: string | number;
  properties?: Partial<GridTileProperties> | null;
}): number | null {
  const raw = feature.id ?? feature.properties?.id;
  const id = typeof raw === 'string' ? Number(raw) : raw;
  return typeof id === 'number' && Number.isFinite(id) ? id : null;
}

/** Accessor: fill colour of a grid under `measure`, its alpha scaled by `fillOpacity`. */
export function getGridFillColor(measure: GridMeasure, fillOpacity = 1) {
  return (feature: { properties: GridTileProperties }): RGBA => {
    const [r, g, b, a] = gridFillColor(feature.properties, measure);
    return [r, g, b, Math.round(a * fillOpacity)];
  };
}

/** Fill opacity by zoom: full over the city, lighter in the streets where buildings show. */
export function gridFillOpacityAtZoom(zoom: number): number {
  if (zoom >= 16) return 0.45;
  if (zoom >= 14) return 0.65;
  return 1;
}

export function createGridsLayer(options: GridsLayerOptions) {
  const {
    tileUrl,
    loadOptions,
    measure,
    fillOpacity = 1,
    visible = true,
    lineWidthPixels = 1.5,
    minZoom = 0,
    maxZoom = 16,
    onViewportLoad,
    onTileError,
  } = options;

  return new MVTLayer<GridTileProperties>({
    id: GRIDS_LAYER_ID,
    data: tileUrl,
    loadOptions,
    visible,
    minZoom,
    maxZoom,
    // Empty: hover highlight matches the MVT feature id across tiles (see getGridId).
    uniqueIdProperty: '',
    pickable: true,
    autoHighlight: true,
    highlightColor: GRID_HOVER,
    filled: true,
    stroked: true,
    getFillColor: getGridFillColor(measure, fillOpacity),
    getLineColor: GRID_OUTLINE,
    lineWidthUnits: 'pixels',
    getLineWidth: lineWidthPixels,
    lineJointRounded: true,
    updateTriggers: { getFillColor: [measure, fillOpacity] },
    onViewportLoad,
    onTileError,
  });
}
