/**
 * Recent incidents (事件) as points coloured by grade (routine / key / difficult). Open incidents
 * are solid with a light ring; closed ones are hollow rings, fainter and smaller.
 */
import { ScatterplotLayer } from '@deck.gl/layers';
import type { PickingInfo } from '@deck.gl/core';
import type { IncidentFeature } from '../api/types';
import { gradeColor, isIncidentOpen, type RGBA } from './palette';

export const INCIDENTS_LAYER_ID = 'incidents';

export interface IncidentsLayerOptions {
  /** Incidents to draw (GeoJSON Point features). */
  data: IncidentFeature[];
  /** Default true. */
  visible?: boolean;
  /** Ground radius of an open incident, in metres; closed ones are 70 % of it. Default 30. */
  radiusMeters?: number;
  /** Smallest drawn radius, in pixels, whatever the zoom (city view). Default 2.5. */
  radiusMinPixels?: number;
  /** Largest drawn radius, in pixels, whatever the zoom (street view). Default 7. */
  radiusMaxPixels?: number;
}

export type IncidentPickingInfo = PickingInfo<IncidentFeature>;

export function getIncidentPosition(f: IncidentFeature): [number, number] {
  const [lon, lat] = f.geometry.coordinates;
  return [lon, lat];
}

export function getIncidentFillColor(f: IncidentFeature): RGBA {
  return isIncidentOpen(f.properties) ? gradeColor(f.properties.grade) : [0, 0, 0, 0];
}

export function getIncidentLineColor(f: IncidentFeature): RGBA {
  return isIncidentOpen(f.properties) ? [255, 255, 255, 200] : gradeColor(f.properties.grade, 150);
}

export function getIncidentLineWidthPixels(f: IncidentFeature): number {
  return isIncidentOpen(f.properties) ? 1 : 1.25;
}

export function createIncidentsLayer(options: IncidentsLayerOptions) {
  const { data, visible = true, radiusMeters = 30, radiusMinPixels = 2.5, radiusMaxPixels = 7 } = options;
  // Closed incidents draw a little smaller (a scale, so the pixel clamps still apply).
  const getRadius = (f: IncidentFeature) => (isIncidentOpen(f.properties) ? 1 : 0.7);
  return new ScatterplotLayer<IncidentFeature>({
    id: INCIDENTS_LAYER_ID,
    data,
    visible,
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 120],
    radiusUnits: 'meters',
    radiusScale: radiusMeters,
    getRadius,
    radiusMinPixels,
    radiusMaxPixels,
    stroked: true,
    filled: true,
    lineWidthUnits: 'pixels',
    getLineWidth: getIncidentLineWidthPixels,
    getPosition: getIncidentPosition,
    getFillColor: getIncidentFillColor,
    getLineColor: getIncidentLineColor,
  });
}

const GRADE_RANK = { routine: 0, key: 1, difficult: 2 } as const;

/** Drawing order: closed under open, and more serious grades on top. Returns a new array. */
export function sortIncidentsForDrawing(features: readonly IncidentFeature[]): IncidentFeature[] {
  const rank = (f: IncidentFeature) => (isIncidentOpen(f.properties) ? 10 : 0) + (GRADE_RANK[f.properties.grade] ?? 0);
  return [...features].sort((a, b) => rank(a) - rank(b));
}
