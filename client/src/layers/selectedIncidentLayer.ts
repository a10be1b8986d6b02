/**
 * The console's selected incident: a bright halo and a grade-coloured core drawn over every
 * other layer, so the incident stands out from the queue's other points at any zoom.
 */
import { ScatterplotLayer } from '@deck.gl/layers';
import type { IncidentGrade } from '../api/types';
import { SELECTED_GLOW, SELECTED_OUTLINE, gradeColor } from './palette';

export const SELECTED_INCIDENT_LAYER_ID = 'selected-incident';

export interface SelectedIncidentPoint {
  id: string;
  lon: number;
  lat: number;
  grade: IncidentGrade;
}

export interface SelectedIncidentLayerOptions {
  /** The selected incident, or null for none. */
  incident: SelectedIncidentPoint | null;
  /** Halo radius in pixels. Default 16. */
  haloRadiusPixels?: number;
  /** Core radius in pixels. Default 7. */
  coreRadiusPixels?: number;
}

export const getSelectedIncidentPosition = (d: SelectedIncidentPoint): [number, number] => [d.lon, d.lat];

export function createSelectedIncidentLayers({
  incident,
  haloRadiusPixels = 16,
  coreRadiusPixels = 7,
}: SelectedIncidentLayerOptions) {
  const data = incident ? [incident] : [];
  return [
    new ScatterplotLayer<SelectedIncidentPoint>({
      id: `${SELECTED_INCIDENT_LAYER_ID}-halo`,
      data,
      radiusUnits: 'pixels',
      getRadius: haloRadiusPixels,
      filled: true,
      getFillColor: SELECTED_GLOW,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 2.5,
      getLineColor: SELECTED_OUTLINE,
      getPosition: getSelectedIncidentPosition,
      pickable: false,
    }),
    new ScatterplotLayer<SelectedIncidentPoint>({
      id: `${SELECTED_INCIDENT_LAYER_ID}-core`,
      data,
      radiusUnits: 'pixels',
      getRadius: coreRadiusPixels,
      filled: true,
      getFillColor: (d) => gradeColor(d.grade, 255),
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 2,
      getLineColor: [255, 255, 255, 255],
      getPosition: getSelectedIncidentPosition,
      pickable: false,
      updateTriggers: { getFillColor: incident?.grade },
    }),
  ];
}
