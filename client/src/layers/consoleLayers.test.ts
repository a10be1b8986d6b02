import { describe, expect, it } from 'vitest';
import { createPatrolUnitsLayers, getUnitColor, PATROL_TEAM_COLOR } from './patrolUnitsLayer';
import { createSelectedIncidentLayers, getSelectedIncidentPosition } from './selectedIncidentLayer';

describe('selected incident layer', () => {
  it('draws nothing without a selection, and a halo and a core with one', () => {
    expect(
      createSelectedIncidentLayers({ incident: null }).every((l) => (l.props.data as unknown[]).length === 0),
    ).toBe(true);
    const point = { id: 'x', lon: 111.6, lat: 26.4, grade: 'key' as const };
    const [halo, core] = createSelectedIncidentLayers({ incident: point });
    expect(halo.props.radiusUnits).toBe('pixels');
    expect(halo.props.getRadius).toBeGreaterThan(core.props.getRadius as number);
    expect(getSelectedIncidentPosition(point)).toEqual([111.6, 26.4]);
  });
});

describe('patrol units layer', () => {
  it('draws units, and lines to the incident only when there is one', () => {
    const units = [{ id: 1, lon: 111.6, lat: 26.4, kind: 'patrol_team' }];
    const [lines, points] = createPatrolUnitsLayers({ units, target: null });
    expect(lines.props.data).toEqual([]);
    expect(points.props.data).toEqual(units);
    const [withTarget] = createPatrolUnitsLayers({ units, target: { lon: 111.61, lat: 26.41 } });
    expect(withTarget.props.data).toEqual(units);
    expect(getUnitColor({ kind: 'patrol_team' })).toEqual(PATROL_TEAM_COLOR);
    expect(getUnitColor({ kind: 'grid_worker' })).not.toEqual(PATROL_TEAM_COLOR);
  });
});
