import { describe, expect, it } from 'vitest';
import type { Feature, Polygon } from 'geojson';
import type { GridTileProperties, IncidentFeature } from '../api/types';
import { createGridsLayer, getGridFillColor, getGridId } from './gridsLayer';
import { createCamerasLayer, getCameraColor, getCameraRadiusPixels } from './camerasLayer';
import {
  createIncidentsLayer,
  getIncidentFillColor,
  getIncidentLineColor,
  sortIncidentsForDrawing,
} from './incidentsLayer';
import { placeGridLabels } from './gridLabelsLayer';
import { createSelectedGridLayers } from './selectedGridLayer';
import { GRID_OUTLINE, gridFillColor, isIncidentOpen, loadColor, LOAD_CLASSES, openIncidentsColor } from './palette';

const grid = (p: Partial<GridTileProperties>): GridTileProperties => ({
  id: 1,
  code: 'G1',
  name: '一网格',
  type: 'compound',
  households: 300,
  population: 900,
  open_incidents: 0,
  community_id: 1,
  ...p,
});

function incident(grade: 'routine' | 'key' | 'difficult', status: string): IncidentFeature {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [111.6, 26.4] },
    properties: {
      id: `${grade}-${status}`,
      grade,
      status: status as never,
      category: 'dispute',
      reported_at: '',
      grid_id: 1,
      description: '',
    },
  };
}

describe('grids layer', () => {
  it('draws outlines in the outline colour at 1.5 px and tiles from the given URL', () => {
    const layer = createGridsLayer({ tileUrl: '/tiles/grids/{z}/{x}/{y}.mvt', loadOptions: {}, measure: 'type' });
    expect(layer.id).toBe('grids');
    expect(layer.props.data).toBe('/tiles/grids/{z}/{x}/{y}.mvt');
    expect(layer.props.getLineColor).toEqual(GRID_OUTLINE);
    expect(layer.props.getLineWidth).toBe(1.5);
    expect(layer.props.lineWidthUnits).toBe('pixels');
    expect(layer.props.pickable).toBe(true);
  });

  it('reads the grid id from the MVT feature id, or from the properties', () => {
    expect(getGridId({ id: 42, properties: { code: 'G42' } })).toBe(42);
    expect(getGridId({ properties: { id: 7 } })).toBe(7);
    expect(getGridId({ id: '9', properties: {} })).toBe(9);
    expect(getGridId({ properties: {} })).toBeNull();
  });

  it('colours fill by the chosen measure', () => {
    expect(getGridFillColor('open_incidents')({ properties: grid({ open_incidents: 5 }) })).toEqual(
      openIncidentsColor(5),
    );
    expect(openIncidentsColor(0)).not.toEqual(openIncidentsColor(8));
    // Load: urban standard 300, rural 200.
    expect(loadColor(300, 'compound')).toEqual(LOAD_CLASSES[2].color);
    expect(loadColor(280, 'rural')).toEqual(LOAD_CLASSES[3].color); // 1.4 × 200
    expect(loadColor(600, 'compound')).toEqual(LOAD_CLASSES[4].color);
    expect(loadColor(0, 'unit')).not.toEqual(LOAD_CLASSES[0].color); // no households by nature
    expect(gridFillColor(grid({ type: 'unit' }), 'type')).not.toEqual(gridFillColor(grid({ type: 'rural' }), 'type'));
  });
});

describe('cameras layer', () => {
  it('shows points from zoom 13, coloured by status', () => {
    const layer = createCamerasLayer({ tileUrl: 'u', loadOptions: {} });
    expect(layer.props.minZoom).toBe(13);
    const working = getCameraColor({ properties: { status: 'working' } as never });
    const offline = getCameraColor({ properties: { status: 'offline' } as never });
    expect(working[1]).toBeGreaterThan(working[0]); // green
    expect(offline).not.toEqual(working);
  });

  it('draws low-zoom cells by count and share working', () => {
    const radius = getCameraRadiusPixels(3.5);
    expect(radius({ properties: { count: 100, working: 95 } })).toBeGreaterThan(
      radius({ properties: { count: 4, working: 4 } }),
    );
    expect(radius({ properties: { count: 10000, working: 0 } })).toBeLessThanOrEqual(12);
    expect(getCameraColor({ properties: { count: 10, working: 10 } })).toEqual(
      getCameraColor({ properties: { status: 'working' } as never }),
    );
    expect(getCameraColor({ properties: { count: 10, working: 2 } })).toEqual(
      getCameraColor({ properties: { status: 'offline' } as never }),
    );
  });
});

describe('incidents layer', () => {
  it('tells open from closed and draws open, serious ones on top', () => {
    expect(isIncidentOpen({ status: 'dispatched' })).toBe(true);
    expect(isIncidentOpen({ status: 'archived' })).toBe(false);
    expect(isIncidentOpen({ status: 'reported', closed_at: '2026-01-01T00:00:00Z' })).toBe(false);
    const open = incident('difficult', 'reported');
    const closed = incident('difficult', 'archived');
    expect(getIncidentFillColor(open)[3]).toBeGreaterThan(0);
    expect(getIncidentFillColor(closed)[3]).toBe(0);
    expect(getIncidentLineColor(closed)).not.toEqual(getIncidentLineColor(open));
    const order = sortIncidentsForDrawing([open, incident('routine', 'reported'), closed]).map((f) => f.properties.id);
    expect(order).toEqual(['difficult-archived', 'routine-reported', 'difficult-reported']);
    const layer = createIncidentsLayer({ data: [open] });
    expect(layer.props.radiusUnits).toBe('meters');
    expect(layer.props.radiusMinPixels).toBeGreaterThan(0);
  });
});

describe('selected grid', () => {
  it('draws nothing without a selection', () => {
    const layers = createSelectedGridLayers({ feature: null });
    expect(layers.every((l) => (l.props.data as unknown[]).length === 0)).toBe(true);
  });
});

describe('grid label placement', () => {
  const square = (id: number, x: number, y: number, size: number): Feature<Polygon, GridTileProperties> => ({
    type: 'Feature',
    properties: grid({ id, name: `网格${id}` }),
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [x, y],
          [x + size, y],
          [x + size, y + size],
          [x, y + size],
          [x, y],
        ],
      ],
    },
  });

  it('labels a grid cut by tile edges once, at its largest piece', () => {
    const labels = placeGridLabels([square(1, 0, 0, 1), square(1, 1, 0, 3), square(2, 10, 10, 2)]);
    expect(labels).toHaveLength(2);
    const one = labels.find((l) => l.id === 1)!;
    expect(one.position[0]).toBeCloseTo(2.5);
    expect(one.position[1]).toBeCloseTo(1.5);
    expect(one.name).toBe('网格1');
  });
});
