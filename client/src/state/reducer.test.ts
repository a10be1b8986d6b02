import { describe, expect, it } from 'vitest';
import type { GridDetail, IncidentFeature } from '../api/types';
import { initialState } from './model';
import { reducer } from './reducer';
import { geometryBBox, incidentTotals, incidentsByDay } from './selectors';

const session = { token: 't', role: 'operator' as const, username: 'li' };

function incident(
  id: string,
  grade: 'routine' | 'key' | 'difficult',
  status: string,
  reportedAt: string,
): IncidentFeature {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [111.6, 26.4] },
    properties: {
      id,
      grade,
      status: status as never,
      category: 'dispute',
      reported_at: reportedAt,
      grid_id: 1,
      description: '',
    },
  };
}

describe('reducer', () => {
  it('drops a late grid answer for a grid no longer selected', () => {
    let s = reducer(initialState(session), { type: 'grid/selected', id: 1 });
    s = reducer(s, { type: 'grid/selected', id: 2 });
    const late = reducer(s, { type: 'grid/loaded', id: 1, detail: {} as GridDetail, at: 0 });
    expect(late).toBe(s);
    expect(late.selectedGrid.status).toBe('loading');
  });

  it('keeps data while refreshing and after a failed refresh', () => {
    let s = reducer(initialState(session), { type: 'incidents/loaded', features: [], truncated: false, at: 1 });
    s = reducer(s, { type: 'incidents/loading' });
    expect(s.incidents).toEqual({ status: 'loading', data: [] });
    s = reducer(s, { type: 'incidents/failed', message: 'down' });
    expect(s.incidents).toEqual({ status: 'error', message: 'down', data: [] });
  });

  it('forgets the data but keeps the layer choices on sign-out', () => {
    let s = reducer(initialState(session), { type: 'layers/toggled', layer: 'cameras' });
    s = reducer(s, { type: 'gridMeasure/chosen', measure: 'type' });
    s = reducer(s, { type: 'grid/selected', id: 7 });
    s = reducer(s, { type: 'session/signedOut', reason: 'expired' });
    expect(s.session).toBeNull();
    expect(s.signedOutReason).toBe('expired');
    expect(s.selectedGridId).toBeNull();
    expect(s.layers.cameras).toBe(false);
    expect(s.gridMeasure).toBe('type');
  });

  it('returns the same state for a no-op', () => {
    const s = initialState(session);
    expect(reducer(s, { type: 'gridMeasure/chosen', measure: s.gridMeasure })).toBe(s);
    expect(reducer(s, { type: 'grid/selected', id: null })).toBe(s);
  });
});

describe('selectors', () => {
  it('buckets incidents per local day and grade over seven days', () => {
    const now = new Date(2026, 0, 10, 15, 0);
    const days = incidentsByDay(
      [
        incident('a', 'routine', 'reported', new Date(2026, 0, 10, 9).toISOString()),
        incident('b', 'key', 'archived', new Date(2026, 0, 4, 9).toISOString()),
        incident('c', 'difficult', 'reported', new Date(2026, 0, 3, 9).toISOString()), // eight days back: out
      ],
      now,
    );
    expect(days).toHaveLength(7);
    expect(days[0]).toEqual({ day: '01-04', routine: 0, key: 1, difficult: 0 });
    expect(days[6]).toEqual({ day: '01-10', routine: 1, key: 0, difficult: 0 });
  });

  it('counts days in the city time zone, not the browser one', () => {
    // 2026-01-10 17:30 UTC is already 01-11 in Shanghai.
    const now = new Date('2026-01-11T02:00:00Z');
    const late = incident('x', 'key', 'reported', '2026-01-10T17:30:00Z');
    const shanghai = incidentsByDay([late], now, 7, 'Asia/Shanghai');
    expect(shanghai[6]).toEqual({ day: '01-11', routine: 0, key: 1, difficult: 0 });
    const utc = incidentsByDay([late], now, 7, 'UTC');
    expect(utc[6].day).toBe('01-11');
    expect(utc[5]).toEqual({ day: '01-10', routine: 0, key: 1, difficult: 0 });
  });

  it('finds the extent of a geometry', () => {
    expect(
      geometryBBox({
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [1, 2],
              [3, 2],
              [3, 5],
              [1, 2],
            ],
          ],
          [
            [
              [-1, 0],
              [0, 0],
              [0, 1],
              [-1, 0],
            ],
          ],
        ],
      }),
    ).toEqual([-1, 0, 3, 5]);
    expect(geometryBBox(null)).toBeNull();
  });

  it('counts open and closed by grade', () => {
    const t = incidentTotals([
      incident('a', 'routine', 'reported', '2026-01-01T00:00:00Z'),
      incident('b', 'key', 'archived', '2026-01-01T00:00:00Z'),
      incident('c', 'key', 'dispatched', '2026-01-01T00:00:00Z'),
    ]);
    expect(t).toMatchObject({ total: 3, open: 2, closed: 1, openByGrade: { routine: 1, key: 1, difficult: 0 } });
  });
});
