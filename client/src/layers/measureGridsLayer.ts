/**
 * Grids from the `grids` vector tiles, filled by a per-grid value that arrives separately
 * (`/api/wall/grid-values`, joined here by the tile feature id): the tiles stay cacheable while
 * the colours follow the live figures.
 */
import { MVTLayer } from '@deck.gl/geo-layers';
import type { _Tile2DHeader as Tile2DHeader } from '@deck.gl/geo-layers';
import type { GridTileProperties } from '../api/types';
import { getGridId } from './gridsLayer';
import type { RGBA } from './palette';

export const MEASURE_GRIDS_LAYER_ID = 'measure-grids';

export interface MeasureGridsLayerOptions {
  tileUrl: string;
  loadOptions: Record<string, unknown>;
  /** Fill colour of a grid by id (undefined id: transparent). */
  colorOf: (gridId: number | null) => RGBA;
  /** Changes whenever `colorOf` answers differently (new values, measure or thresholds). */
  colorKey: string | number;
  /** Outline colour. Default a bright cyan that reads on the dark basemap. */
  lineColor?: RGBA;
  /** Outline width in pixels. Default 1. */
  lineWidthPixels?: number;
  onViewportLoad?: (tiles: Tile2DHeader[]) => void;
  onTileError?: (error: unknown) => void;
}

export function createMeasureGridsLayer(o: MeasureGridsLayerOptions) {
  const { colorOf, colorKey, lineColor = [0, 229, 255, 150], lineWidthPixels = 1 } = o;
  return new MVTLayer<GridTileProperties>({
    id: MEASURE_GRIDS_LAYER_ID,
    data: o.tileUrl,
    loadOptions: o.loadOptions,
    minZoom: 0,
    maxZoom: 16,
    uniqueIdProperty: '',
    pickable: false,
    filled: true,
    stroked: true,
    getFillColor: (f: { id?: string | number; properties: GridTileProperties }) => colorOf(getGridId(f)),
    getLineColor: lineColor,
    lineWidthUnits: 'pixels',
    getLineWidth: lineWidthPixels,
    updateTriggers: { getFillColor: colorKey },
    onViewportLoad: o.onViewportLoad,
    onTileError: o.onTileError,
  });
}
