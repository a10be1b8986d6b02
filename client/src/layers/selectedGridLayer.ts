/** The selected grid, drawn over everything else: a soft glow and a bright outline. */
import { GeoJsonLayer } from '@deck.gl/layers';
import type { GridDetail } from '../api/types';
import { SELECTED_GLOW, SELECTED_OUTLINE } from './palette';

export interface SelectedGridLayerOptions {
  /** The selected grid's feature (`GET /api/grids/{id}`), or null for none. */
  feature: GridDetail | null;
  /** Core outline width in pixels. Default 3. */
  lineWidthPixels?: number;
  /** Glow width in pixels. Default 10. */
  glowWidthPixels?: number;
}

export function createSelectedGridLayers({
  feature,
  lineWidthPixels = 3,
  glowWidthPixels = 10,
}: SelectedGridLayerOptions) {
  const data = feature ? [feature] : [];
  return [
    new GeoJsonLayer({
      id: 'selected-grid-glow',
      data,
      filled: true,
      getFillColor: [255, 214, 10, 28],
      stroked: true,
      getLineColor: SELECTED_GLOW,
      lineWidthUnits: 'pixels',
      getLineWidth: glowWidthPixels,
      lineJointRounded: true,
      pickable: false,
    }),
    new GeoJsonLayer({
      id: 'selected-grid-outline',
      data,
      filled: false,
      stroked: true,
      getLineColor: SELECTED_OUTLINE,
      lineWidthUnits: 'pixels',
      getLineWidth: lineWidthPixels,
      lineJointRounded: true,
      pickable: false,
    }),
  ];
}
