import { describe, expect, it } from 'vitest';
import { createHeatmapLayer, heatAttributes, HEATMAP_LAYER_ID } from './heatmapLayer';
import { createWallIncidentsLayers, WALL_INCIDENTS_LAYER_ID } from './wallIncidentsLayer';
import { createWallUnitsLayers, WALL_UNITS_LAYER_ID } from './wallUnitsLayer';

describe('wall layers', () => {
  it('hands the packed heat to deck.gl as interleaved binary attributes', () => {
    const data = new Float32Array([112.1, 26.1, 1, 112.2, 26.2, 3]);
    const a = heatAttributes(data);
    expect(a.length).toBe(2);
    expect(a.attributes.getPosition).toEqual({ value: data, size: 2, stride: 12, offset: 0 });
    expect(a.attributes.getWeight).toEqual({ value: data, size: 1, stride: 12, offset: 8 });
    const layer = createHeatmapLayer({ data });
    expect(layer.id).toBe(HEATMAP_LAYER_ID);
    expect(layer.props.weightsTextureSize).toBe(512);
  });

  it('keeps the same layer ids whatever the data, so deck.gl updates in place', () => {
    const one = createWallIncidentsLayers({ incidents: [], overdue: [], pulsing: [], pulsePhase: 0, version: 1 }).map((l) => l.id);
    const two = createWallIncidentsLayers({
      incidents: [{ id: 'a', grade: 'key', status: 'reported', lon: 1, lat: 2, reportedAt: 0, dueAt: null, arrivedAt: 5 }],
      overdue: [],
      pulsing: [],
      pulsePhase: 0.5,
      version: 2,
    }).map((l) => l.id);
    expect(two).toEqual(one);
    expect(one).toContain(WALL_INCIDENTS_LAYER_ID);
    const units = { ids: [1, 2], kinds: ['patrol_team', 'grid_worker'], lon: [1, 2], lat: [3, 4] };
    const u = createWallUnitsLayers({ units, zoom: 13 });
    expect(u.map((l) => l.id)).toEqual([`${WALL_UNITS_LAYER_ID}-trails`, WALL_UNITS_LAYER_ID]);
    // Units hide in the city view, where 10,000 workers would bury the map.
    expect(createWallUnitsLayers({ units, zoom: 10 })[1].props.visible).toBe(false);
  });
});
