import { describe, expect, it } from 'vitest';
import { createHeatmapLayer, heatAttributes, HEATMAP_LAYER_ID } from './heatmapLayer';
import { createWallIncidentsLayers, WALL_INCIDENTS_LAYER_ID } from './wallIncidentsLayer';
import { createPatrolLiveLayers, PATROL_LIVE_LAYER_ID } from './patrolTrailsLayer';

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
    const one = createWallIncidentsLayers({ incidents: [], overdue: [], pulsing: [], pulsePhase: 0, version: 1 }).map(
      (l) => l.id,
    );
    const two = createWallIncidentsLayers({
      incidents: [
        { id: 'a', grade: 'key', status: 'reported', lon: 1, lat: 2, reportedAt: 0, dueAt: null, arrivedAt: 5 },
      ],
      overdue: [],
      pulsing: [],
      pulsePhase: 0.5,
      version: 2,
    }).map((l) => l.id);
    expect(two).toEqual(one);
    expect(one).toContain(WALL_INCIDENTS_LAYER_ID);
    const units = [
      { id: 1, kind: 'patrol_team', status: 'responding', lon: 1, lat: 3, in_own_area: null },
      { id: 2, kind: 'grid_worker', status: 'on_patrol', lon: 2, lat: 4, in_own_area: false },
    ];
    const trails = [
      {
        id: 2,
        path: [
          [2, 4],
          [2.001, 4.001],
        ] as [number, number][],
      },
    ];
    const u = createPatrolLiveLayers({ units, trails, visible: true });
    expect(u.map((l) => l.id)).toEqual([`${PATROL_LIVE_LAYER_ID}-trails`, PATROL_LIVE_LAYER_ID]);
    expect(u.every((l) => l.props.visible)).toBe(true);
    // Units and trails hide in the wall's city view, where 10,000 workers would bury the map.
    expect(createPatrolLiveLayers({ units, trails, visible: false }).some((l) => l.props.visible)).toBe(false);
  });
});
