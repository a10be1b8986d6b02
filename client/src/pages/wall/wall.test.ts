import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../api/live';
import type { Area } from '../../api/incidents';
import { DEFAULT_WALL_CONFIG } from '../../../../server/src/contract/wall-config.ts';
import {
  ALERTS_MAX,
  applyWallEvent,
  dismissAlert,
  emptyWallLive,
  isOverdueAt,
  loadIncidents,
  TICKER_MAX,
} from './liveWall';
import { colorFor, measureSteps } from './measureScale';
import { burnInShift, stopIndexAt, tourStops } from './tour';

const T = DEFAULT_WALL_CONFIG.thresholds;

function event(seq: number, type: string, over: Record<string, unknown> = {}): LiveEvent {
  return {
    seq,
    type: type as LiveEvent['type'],
    at: new Date().toISOString(),
    district_id: 1,
    community_id: 2,
    incident: {
      id: `id-${seq}`,
      category: 'fire_safety',
      grade: 'key',
      status: 'reported',
      source: 'hotline',
      description: 'x',
      reported_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
      closed_at: null,
      due_at: '2026-01-01T00:15:00.000Z',
      grid_id: 3,
      community_id: 2,
      street_office_id: 1,
      district_id: 1,
      assigned_unit_id: null,
      duplicate_of: null,
      version: 1,
      lon: 112,
      lat: 26,
      ...over,
    },
  } as LiveEvent;
}

describe('wall live state', () => {
  it('adds, moves and removes markers, and alerts on the configured grades only', () => {
    let s = loadIncidents(emptyWallLive(), [
      {
        id: 'a',
        grade: 'routine',
        status: 'accepted',
        lon: 1,
        lat: 2,
        reported_at: '2026-01-01T00:00:00Z',
        due_at: null,
      },
    ]);
    expect(s.incidents.size).toBe(1);
    s = applyWallEvent(s, event(1, 'incident.created'), 1000, ['key']);
    expect(s.incidents.get('id-1')?.arrivedAt).toBe(1000);
    expect(s.alerts.map((a) => a.incident.id)).toEqual(['id-1']);
    s = applyWallEvent(s, event(2, 'incident.created', { id: 'r', grade: 'routine' }), 1000, ['key']);
    expect(s.alerts).toHaveLength(1);
    s = applyWallEvent(
      s,
      {
        ...event(3, 'incident.updated'),
        incident: { ...event(1, 'x').incident!, status: 'archived', closed_at: '2026-01-02T00:00:00Z' },
      },
      2000,
      ['key'],
    );
    expect(s.incidents.has('id-1')).toBe(false);
    expect(s.ticker.map((t) => t.seq)).toEqual([3, 2, 1]);
    // Events of other kinds leave the ticker and the markers alone.
    const same = applyWallEvent(
      s,
      { seq: 4, type: 'camera.changed', at: '', district_id: null, community_id: null },
      3000,
      ['key'],
    );
    expect(same).toBe(s);
    s = dismissAlert(s, 'created:id-1');
    expect(s.alerts).toEqual([]);
  });

  it('keeps the ticker and the alert queue bounded however long it runs', () => {
    let s = emptyWallLive();
    for (let i = 1; i <= 500; i++) s = applyWallEvent(s, event(i, 'incident.created'), i, ['key']);
    expect(s.ticker).toHaveLength(TICKER_MAX);
    expect(s.ticker[0].seq).toBe(500);
    expect(s.alerts).toHaveLength(ALERTS_MAX);
    expect(s.alerts.at(-1)?.incident.id).toBe('id-500');
  });

  it('knows when a step is overdue', () => {
    const s = loadIncidents(emptyWallLive(), [
      {
        id: 'a',
        grade: 'key',
        status: 'reported',
        lon: 1,
        lat: 2,
        reported_at: '2026-01-01T00:00:00Z',
        due_at: '2026-01-01T00:15:00Z',
      },
    ]);
    const a = s.incidents.get('a')!;
    expect(isOverdueAt(a, Date.parse('2026-01-01T00:14:00Z'))).toBe(false);
    expect(isOverdueAt(a, Date.parse('2026-01-01T00:16:00Z'))).toBe(true);
  });
});

describe('measure colours', () => {
  it('steps at the configured thresholds', () => {
    const steps = measureSteps('open_incidents', T);
    expect(colorFor(steps, 0)).toEqual(steps[0].color);
    expect(colorFor(steps, T.openWarn - 1)).toEqual(steps[1].color);
    expect(colorFor(steps, T.openWarn)).toEqual(steps[2].color);
    expect(colorFor(steps, T.openAlarm + 40)).toEqual(steps[3].color);
    expect(colorFor(steps, undefined)[3]).toBe(0);
    const h = measureSteps('households', T);
    expect(colorFor(h, 1.0)).toEqual(h[2].color);
    expect(colorFor(h, 1.6)).toEqual(h[4].color);
  });
});

describe('tour', () => {
  const tree: Area[] = [
    { level: 'district', id: 1, parent_id: null, code: 'D1', name: 'East', name_zh: '东区', bbox: [0, 0, 1, 1] },
    { level: 'district', id: 2, parent_id: null, code: 'D2', name: 'West', name_zh: '西区', bbox: [1, 0, 2, 1] },
    { level: 'community', id: 9, parent_id: 5, code: 'C9', name: 'Nine', name_zh: '九', bbox: [0, 0, 0.1, 0.1] },
  ];
  const city = { en: 'City', zh: '市' };

  it('visits the city, then every district; or the configured stops that exist', () => {
    expect(tourStops('districts', tree, [0, 0, 2, 1], city).map((s) => s.key)).toEqual([
      'city',
      'district:1',
      'district:2',
    ]);
    expect(
      tourStops(
        [
          { kind: 'community', id: 9 },
          { kind: 'community', id: 99 },
        ],
        tree,
        [0, 0, 2, 1],
        city,
      ).map((s) => s.key),
    ).toEqual(['community:9']);
    expect(tourStops([{ kind: 'district', id: 77 }], tree, [0, 0, 2, 1], city).map((s) => s.key)).toEqual(['city']);
  });

  it('moves to the next stop every interval and wraps round', () => {
    expect([0, 9_999, 10_000, 25_000, 30_000].map((t) => stopIndexAt(t, 10_000, 3))).toEqual([0, 0, 1, 2, 0]);
  });

  it('shifts the layout within the configured pixels and back to the centre', () => {
    const shifts = Array.from({ length: 9 }, (_, n) => burnInShift(n, 6));
    expect(shifts[0]).toEqual({ x: 0, y: 0 });
    expect(shifts.every((s) => Math.abs(s.x) <= 6 && Math.abs(s.y) <= 6)).toBe(true);
    expect(new Set(shifts.map((s) => `${s.x},${s.y}`)).size).toBe(9);
    expect(burnInShift(9, 6)).toEqual({ x: 0, y: 0 });
  });
});
