/**
 * deck.gl layers of the coverage review: grids coloured by a coverage share, what cameras see,
 * the gaps (uncovered key places and intersections, road, ground), suggestions, the planner's
 * draft cameras, and a clicked point with lines to the cameras that miss it.
 */
import { GeoJsonLayer, LineLayer, PolygonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { MVTLayer } from '@deck.gl/geo-layers';
import type { Feature, Geometry } from 'geojson';
import type { GridTileProperties } from '../../api/types';
import { getGridId } from '../../layers/gridsLayer';
import type { ExplainT, GapCollection, Suggestion } from '../../api/coverage';
import { sectorRing, shareColor } from './plan';

export const LAYER_IDS = {
  grids: 'coverage-grids',
  views: 'coverage-views',
  gapArea: 'gap-area',
  gapRoad: 'gap-road',
  gapPoints: 'gap-points',
  suggestions: 'suggestions',
  plan: 'plan-cameras',
} as const;

type RGBA = [number, number, number, number];

/** Why a camera misses, by colour (legend and explain lines). */
export const REASON_COLORS: Record<string, RGBA> = {
  covers: [47, 214, 138, 255],
  out_of_range: [255, 176, 32, 255],
  facing_away: [160, 120, 255, 255],
  blocked_by_building: [255, 90, 95, 255],
  faulty: [255, 120, 40, 255],
  offline: [140, 150, 170, 255],
};

export const GAP_COLORS = {
  keyplace: [255, 64, 129, 255] as RGBA,
  mainIntersection: [255, 176, 32, 255] as RGBA,
  intersection: [255, 214, 120, 200] as RGBA,
  road: [255, 120, 40, 230] as RGBA,
  area: [255, 90, 95, 55] as RGBA,
  suggestion: [190, 120, 255, 255] as RGBA,
};

/** Grids from the `grids` tiles, filled by a coverage share looked up by id. */
export function coverageGridsLayer(o: {
  tileUrl: string;
  loadOptions: Record<string, unknown>;
  shares: Map<number, number | null>;
  version: number;
  opacity: number;
  onViewportLoad?: () => void;
  onTileError?: (e: unknown) => void;
}) {
  return new MVTLayer<GridTileProperties>({
    id: LAYER_IDS.grids,
    data: o.tileUrl,
    loadOptions: o.loadOptions,
    minZoom: 0,
    maxZoom: 16,
    uniqueIdProperty: '',
    // GeoJSON features (not binary): the accessor needs each feature's id (= grid id).
    binary: false,
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 50],
    filled: true,
    stroked: true,
    getFillColor: (f: { id?: string | number; properties: GridTileProperties }) => {
      const id = getGridId(f);
      const c = shareColor(id === null ? null : o.shares.get(id), 140);
      return [c[0], c[1], c[2], Math.round(c[3] * o.opacity)] as RGBA;
    },
    getLineColor: [0, 229, 255, 120],
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
    updateTriggers: { getFillColor: [o.version, o.opacity] },
    onViewportLoad: o.onViewportLoad,
    onTileError: o.onTileError,
  });
}

export function viewsLayer(data: GapCollection | null, visible: boolean) {
  return new GeoJsonLayer({
    id: LAYER_IDS.views,
    data: (data ?? { type: 'FeatureCollection', features: [] }) as never,
    visible,
    filled: true,
    stroked: true,
    getFillColor: [34, 225, 255, 46],
    getLineColor: [34, 225, 255, 140],
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
    pickable: false,
  });
}

export function gapAreaLayer(data: GapCollection | null, visible: boolean) {
  return new GeoJsonLayer({
    id: LAYER_IDS.gapArea,
    data: (data ?? { type: 'FeatureCollection', features: [] }) as never,
    visible,
    filled: true,
    stroked: false,
    getFillColor: GAP_COLORS.area,
    pickable: true,
  });
}

export function gapRoadLayer(data: GapCollection | null, visible: boolean) {
  return new GeoJsonLayer({
    id: LAYER_IDS.gapRoad,
    data: (data ?? { type: 'FeatureCollection', features: [] }) as never,
    visible,
    stroked: true,
    getLineColor: (f: Feature<Geometry, { main?: boolean }>) =>
      f.properties.main ? GAP_COLORS.road : ([255, 150, 80, 150] as RGBA),
    lineWidthUnits: 'pixels',
    getLineWidth: (f: Feature<Geometry, { main?: boolean }>) => (f.properties.main ? 3 : 1.5),
    lineCapRounded: true,
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 120],
  });
}

type GapPointProps = { kind: string; main?: boolean; key_place_id?: number | null };

export function gapPointsLayer(data: GapCollection | null, visible: boolean) {
  return new GeoJsonLayer({
    id: LAYER_IDS.gapPoints,
    data: (data ?? { type: 'FeatureCollection', features: [] }) as never,
    visible,
    pointType: 'circle',
    filled: true,
    stroked: true,
    getFillColor: (f: Feature<Geometry, GapPointProps>) =>
      f.properties.key_place_id
        ? GAP_COLORS.keyplace
        : f.properties.main
          ? GAP_COLORS.mainIntersection
          : GAP_COLORS.intersection,
    getLineColor: [10, 14, 24, 230],
    pointRadiusUnits: 'pixels',
    getPointRadius: (f: Feature<Geometry, GapPointProps>) =>
      f.properties.key_place_id ? 7 : f.properties.main ? 5 : 3,
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 160],
  });
}

export function suggestionLayers(suggestions: Suggestion[]) {
  if (!suggestions.length) return [];
  return [
    new PolygonLayer<Suggestion>({
      id: `${LAYER_IDS.suggestions}-reach`,
      data: suggestions,
      getPolygon: (s) => sectorRing(s.lon, s.lat, s.bearing_deg, s.fov_deg, s.range_m),
      filled: true,
      stroked: true,
      getFillColor: [190, 120, 255, 40],
      getLineColor: [190, 120, 255, 200],
      lineWidthUnits: 'pixels',
      getLineWidth: 1,
    }),
    new ScatterplotLayer<Suggestion>({
      id: LAYER_IDS.suggestions,
      data: suggestions,
      getPosition: (s) => [s.lon, s.lat],
      radiusUnits: 'pixels',
      getRadius: 9,
      getFillColor: GAP_COLORS.suggestion,
      getLineColor: [255, 255, 255, 255],
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 1.5,
      pickable: true,
    }),
    new TextLayer<Suggestion>({
      id: `${LAYER_IDS.suggestions}-rank`,
      data: suggestions,
      getPosition: (s) => [s.lon, s.lat],
      getText: (s) => String(s.rank),
      getSize: 11,
      getColor: [255, 255, 255, 255],
      fontWeight: 700,
      characterSet: '0123456789',
    }),
  ];
}

export interface PlannedCamera {
  key: string;
  lon: number;
  lat: number;
  kind?: 'fixed' | 'ptz';
  bearing_deg?: number;
  fov_deg?: number;
  range_m: number;
}

export function planLayers(cams: PlannedCamera[]) {
  if (!cams.length) return [];
  return [
    new PolygonLayer<PlannedCamera>({
      id: `${LAYER_IDS.plan}-reach`,
      data: cams,
      getPolygon: (c) =>
        sectorRing(c.lon, c.lat, c.bearing_deg ?? 0, c.kind === 'ptz' ? 360 : (c.fov_deg ?? 60), c.range_m),
      filled: true,
      stroked: true,
      getFillColor: [47, 214, 138, 50],
      getLineColor: [47, 214, 138, 230],
      lineWidthUnits: 'pixels',
      getLineWidth: 1.5,
    }),
    new ScatterplotLayer<PlannedCamera>({
      id: LAYER_IDS.plan,
      data: cams,
      getPosition: (c) => [c.lon, c.lat],
      radiusUnits: 'pixels',
      getRadius: 6,
      getFillColor: [47, 214, 138, 255],
      getLineColor: [255, 255, 255, 255],
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 1.5,
    }),
  ];
}

type Near = ExplainT['cameras'][number];

export function explainLayers(point: { lon: number; lat: number } | null, explain: ExplainT | null) {
  if (!point) return [];
  const cams = explain?.cameras ?? [];
  return [
    new LineLayer<Near>({
      id: 'explain-lines',
      data: cams,
      getSourcePosition: (c) => [c.lon, c.lat],
      getTargetPosition: () => [point.lon, point.lat],
      getColor: (c) => REASON_COLORS[c.reason] ?? [200, 200, 200, 255],
      getWidth: 2,
      widthUnits: 'pixels',
    }),
    new ScatterplotLayer<Near>({
      id: 'explain-cameras',
      data: cams,
      getPosition: (c) => [c.lon, c.lat],
      radiusUnits: 'pixels',
      getRadius: 5,
      getFillColor: (c) => REASON_COLORS[c.reason] ?? [200, 200, 200, 255],
      getLineColor: [10, 14, 24, 255],
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 1,
    }),
    new ScatterplotLayer<{ lon: number; lat: number }>({
      id: 'explain-point',
      data: [point],
      getPosition: (p) => [p.lon, p.lat],
      radiusUnits: 'pixels',
      getRadius: 11,
      filled: false,
      stroked: true,
      getLineColor: explain?.covered ? [47, 214, 138, 255] : [255, 214, 10, 255],
      lineWidthUnits: 'pixels',
      getLineWidth: 3,
    }),
  ];
}
