/**
 * deck.gl layers of the Data page's map: the preview of an import coloured by outcome (rejected
 * and repaired drawn larger and bolder), the places that break the map in red, and the row
 * chosen in the table outlined.
 */
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Feature, Geometry } from 'geojson';
import type { ProblemPlace } from '../../api/imports';
import { OUTCOME_COLORS, PROBLEM_COLOR, type Outcome, type PreviewFeature, type PreviewProps } from './report';

export const DATA_LAYER_IDS = {
  preview: 'data-preview',
  problems: 'data-problems',
  selected: 'data-selected',
} as const;

const loud = (o: Outcome) => o === 'rejected' || o === 'repaired';

export function previewLayer(features: readonly PreviewFeature[]) {
  // The loud ones last, so they are drawn over the rest.
  const data = [...features].sort((a, b) => Number(loud(a.properties.outcome)) - Number(loud(b.properties.outcome)));
  return new GeoJsonLayer<PreviewProps>({
    id: DATA_LAYER_IDS.preview,
    data: data as never,
    pickable: true,
    stroked: true,
    filled: true,
    pointType: 'circle',
    getFillColor: (f) => {
      const [r, g, b] = OUTCOME_COLORS[f.properties.outcome] ?? OUTCOME_COLORS.unchanged;
      return [r, g, b, loud(f.properties.outcome) ? 150 : 70];
    },
    getLineColor: (f) => OUTCOME_COLORS[f.properties.outcome] ?? OUTCOME_COLORS.unchanged,
    getLineWidth: (f) => (loud(f.properties.outcome) ? 3 : 1.5),
    lineWidthUnits: 'pixels',
    getPointRadius: (f) => (loud(f.properties.outcome) ? 8 : 5),
    pointRadiusUnits: 'pixels',
    pointRadiusMinPixels: 3,
  });
}

type ProblemFeature = Feature<Geometry, { code: string | null; problem: string }>;

export function problemsLayer(problems: readonly ProblemPlace[]) {
  const data: ProblemFeature[] = problems
    .filter((p) => p.geometry)
    .map((p) => ({
      type: 'Feature',
      geometry: p.geometry as Geometry,
      properties: { code: p.code, problem: p.problem },
    }));
  return new GeoJsonLayer<ProblemFeature['properties']>({
    id: DATA_LAYER_IDS.problems,
    data: data as never,
    pickable: true,
    stroked: true,
    filled: true,
    pointType: 'circle',
    getFillColor: [PROBLEM_COLOR[0], PROBLEM_COLOR[1], PROBLEM_COLOR[2], 110],
    getLineColor: PROBLEM_COLOR,
    getLineWidth: 3,
    lineWidthUnits: 'pixels',
    lineWidthMinPixels: 2,
    getPointRadius: 9,
    pointRadiusUnits: 'pixels',
  });
}

export function selectedLayer(feature: PreviewFeature | null) {
  return new GeoJsonLayer<PreviewProps>({
    id: DATA_LAYER_IDS.selected,
    data: (feature ? [feature] : []) as never,
    pickable: false,
    stroked: true,
    filled: false,
    pointType: 'circle',
    getLineColor: [255, 255, 255, 255],
    getLineWidth: 3,
    lineWidthUnits: 'pixels',
    getPointRadius: 13,
    pointRadiusUnits: 'pixels',
  });
}
