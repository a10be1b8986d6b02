import { describe, expect, it } from 'vitest';
import type { HistoryEntry, IncidentSummary, LiveEvent } from '../../../server/src/contract/events.ts';
import { canAct, consoleReducer, initialConsoleState, selectedIncident, type ConsoleState } from './console';
import { queueItems } from './queue';

const NOW = Date.parse('2026-03-01T10:00:00Z');
const ID = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';

function incident(over: Partial<IncidentSummary> = {}): IncidentSummary {
  return {
    id: ID,
    category: 'fire_safety',
    grade: 'key',
    status: 'reported',
    source: 'hotline',
    description: '楼道堆放电动车电池',
    reported_at: '2026-03-01T09:58:00Z',
    updated_at: '2026-03-01T09:58:00Z',
    closed_at: null,
    due_at: '2026-03-01T10:13:00Z',
    grid_id: 7,
    community_id: 11,
    street_office_id: 5,
    district_id: 2,
    assigned_unit_id: null,
    duplicate_of: null,
    version: 1,
    lon: 111.6,
    lat: 26.4,
    ...over,
  };
}
const history = (action: string, to: string, at = '2026-03-01T10:00:00Z'): HistoryEntry => ({
  action,
  from_status: null,
  to_status: to as HistoryEntry['to_status'],
  actor: 'test-operator',
  note: '',
  at,
  lon: null,
  lat: null,
});
let seq = 0;
const event = (type: LiveEvent['type'], i: IncidentSummary, h?: HistoryEntry): LiveEvent => ({
  seq: ++seq,
  type,
  at: '2026-03-01T10:00:00Z',
  district_id: i.district_id,
  community_id: i.community_id,
  incident: i,
  history: h,
});

function opened(): ConsoleState {
  let s = consoleReducer(initialConsoleState(), { type: 'incident/selected', id: ID });
  s = consoleReducer(s, {
    type: 'card/loaded',
    id: ID,
    card: {
      incident: incident(),
      history: [history('report', 'reported', '2026-03-01T09:58:00Z')],
      allowed: ['accept', 'reject', 'mark_duplicate'],
    },
    at: NOW,
  });
  return s;
}

describe('alerts', () => {
  it('raise for new key and difficult incidents and for overdue steps, once each', () => {
    let s = initialConsoleState();
    s = consoleReducer(s, { type: 'live/event', event: event('incident.created', incident()), now: NOW });
    s = consoleReducer(s, {
      type: 'live/event',
      event: event('incident.created', incident({ id: OTHER, grade: 'routine' })),
      now: NOW,
    });
    expect(s.alerts.map((a) => [a.kind, a.incident.id])).toEqual([['created', ID]]);
    s = consoleReducer(s, {
      type: 'live/event',
      event: event('incident.overdue', incident({ id: OTHER, grade: 'routine' })),
      now: NOW,
    });
    s = consoleReducer(s, {
      type: 'live/event',
      event: event('incident.overdue', incident({ id: OTHER, grade: 'routine' })),
      now: NOW,
    });
    expect(s.alerts.map((a) => a.kind)).toEqual(['overdue', 'created']);
    // Both incidents are in the queue; the overdue one first.
    expect(queueItems(s.queue).map((i) => i.id)).toEqual([OTHER, ID]);
  });

  it("raise for a grid worker's call for help, with their note, once per step", () => {
    let s = initialConsoleState();
    const help = { ...history('request_help', 'dispatched'), note: '现场需要民警协助' };
    const e = event('incident.updated', incident({ status: 'dispatched', version: 4 }), help);
    s = consoleReducer(s, { type: 'live/event', event: e, now: NOW });
    s = consoleReducer(s, { type: 'live/event', event: e, now: NOW });
    expect(s.alerts.map((a) => [a.kind, a.note])).toEqual([['help', '现场需要民警协助']]);
    const ack = event(
      'incident.updated',
      incident({ status: 'dispatched', version: 5 }),
      history('acknowledge', 'dispatched'),
    );
    expect(consoleReducer(s, { type: 'live/event', event: ack, now: NOW }).alerts).toHaveLength(1);
  });

  it('are acknowledged by opening the incident', () => {
    let s = consoleReducer(initialConsoleState(), {
      type: 'live/event',
      event: event('incident.created', incident()),
      now: NOW,
    });
    s = consoleReducer(s, { type: 'incident/selected', id: ID, hint: incident() });
    expect(s.alerts).toEqual([]);
    expect(selectedIncident(s)?.id).toBe(ID);
  });
});

describe('the card', () => {
  it('shows a newer version from the live stream at once and asks for the card again', () => {
    let s = opened();
    const reload = s.cardReload;
    const accepted = incident({ status: 'accepted', version: 2 });
    s = consoleReducer(s, {
      type: 'live/event',
      event: event('incident.updated', accepted, history('accept', 'accepted')),
      now: NOW,
    });
    expect(s.cardReload).toBe(reload + 1);
    expect(s.card.status).toBe('loading');
    expect('data' in s.card && s.card.data?.incident.status).toBe('accepted');
    expect('data' in s.card && s.card.data?.history.map((h) => h.action)).toEqual(['report', 'accept']);
  });

  it('takes an action result without reloading, and ignores the echo of it', () => {
    let s = opened();
    s = consoleReducer(s, { type: 'action/started', id: ID, action: 'accept' });
    expect(s.action.pending).toBe('accept');
    const accepted = incident({ status: 'accepted', version: 2 });
    const h = history('accept', 'accepted');
    s = consoleReducer(s, {
      type: 'action/succeeded',
      id: ID,
      result: { incident: accepted, history: h, allowed: ['dispatch'] },
      now: NOW,
    });
    expect(s.action).toMatchObject({ pending: null, error: null, done: { action: 'accept' } });
    expect('data' in s.card && s.card.data?.allowed).toEqual(['dispatch']);
    const reload = s.cardReload;
    const after = consoleReducer(s, { type: 'live/event', event: event('incident.updated', accepted, h), now: NOW });
    expect(after.cardReload).toBe(reload);
    expect('data' in after.card && after.card.data?.history).toHaveLength(2);
    expect(queueItems(after.queue)[0].status).toBe('accepted');
  });

  it('does not list a history row twice when the live echo comes before the answer', () => {
    let s = opened();
    s = consoleReducer(s, { type: 'action/started', id: ID, action: 'accept' });
    const accepted = incident({ status: 'accepted', version: 2 });
    const h = history('accept', 'accepted');
    s = consoleReducer(s, { type: 'live/event', event: event('incident.updated', accepted, h), now: NOW });
    s = consoleReducer(s, {
      type: 'action/succeeded',
      id: ID,
      result: { incident: accepted, history: h, allowed: ['dispatch'] },
      now: NOW,
    });
    expect('data' in s.card && s.card.data?.history.map((h) => h.action)).toEqual(['report', 'accept']);
  });

  it('shows a 409 and reloads the card', () => {
    let s = opened();
    s = consoleReducer(s, { type: 'action/started', id: ID, action: 'accept' });
    const reload = s.cardReload;
    s = consoleReducer(s, {
      type: 'action/failed',
      id: ID,
      code: 'conflict',
      message: 'Incident is at version 3, not 1; reload it',
      reload: true,
    });
    expect(s.action.error).toEqual({ code: 'conflict', message: 'Incident is at version 3, not 1; reload it' });
    expect(s.cardReload).toBe(reload + 1);
  });

  it('drops answers for an incident no longer selected', () => {
    let s = opened();
    s = consoleReducer(s, { type: 'incident/selected', id: OTHER });
    const late = consoleReducer(s, { type: 'units/loaded', id: ID, units: [], at: NOW });
    expect(late).toBe(s);
    expect(
      consoleReducer(s, {
        type: 'card/loaded',
        id: ID,
        card: { incident: incident(), history: [], allowed: [] },
        at: NOW,
      }),
    ).toBe(s);
  });

  it('keeps the newer card when an older answer arrives late', () => {
    let s = opened();
    const accepted = incident({ status: 'accepted', version: 2 });
    s = consoleReducer(s, {
      type: 'action/succeeded',
      id: ID,
      result: { incident: accepted, history: history('accept', 'accepted'), allowed: ['dispatch'] },
      now: NOW,
    });
    s = consoleReducer(s, {
      type: 'card/loaded',
      id: ID,
      card: { incident: incident(), history: [], allowed: ['accept'] },
      at: NOW,
    });
    expect('data' in s.card && s.card.data?.incident.version).toBe(2);
  });
});

describe('roles', () => {
  it('lets operators and admins act, and nobody else', () => {
    expect(['operator', 'admin', 'wall', 'planner', null].map(canAct)).toEqual([true, true, false, false, false]);
  });
});
