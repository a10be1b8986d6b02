import { describe, expect, it } from 'vitest';
import type { IncidentSummary } from '../../../server/src/contract/events.ts';
import {
  NO_FILTER,
  applyIncident,
  applySnapshot,
  beginLoad,
  compareUrgency,
  emptyQueue,
  finishLoad,
  queueItems,
  tick,
  type QueueItem,
} from './queue';

const NOW = Date.parse('2026-03-01T10:00:00Z');
const min = (m: number) => new Date(NOW + m * 60_000).toISOString();

let n = 0;
function incident(over: Partial<IncidentSummary> = {}): IncidentSummary {
  n++;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    category: 'environment',
    grade: 'routine',
    status: 'reported',
    source: 'grid_worker',
    description: '',
    reported_at: min(-30),
    updated_at: min(-30),
    closed_at: null,
    due_at: min(30),
    grid_id: 1,
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
const row = (i: IncidentSummary, overdue = false): QueueItem => ({ ...i, overdue });
const ids = (s: ReturnType<typeof emptyQueue>) => queueItems(s).map((i) => i.id);

describe('urgency order (the server rule)', () => {
  it('puts overdue first, then difficult > key > routine, then the soonest due', () => {
    const routineSoon = incident({ grade: 'routine', due_at: min(5) });
    const keyLate = incident({ grade: 'key', due_at: min(60) });
    const keySoon = incident({ grade: 'key', due_at: min(10) });
    const difficult = incident({ grade: 'difficult', due_at: min(120) });
    const overdueRoutine = incident({ grade: 'routine', due_at: min(-1) });
    const noDue = incident({ grade: 'key', due_at: null });
    let s = emptyQueue();
    for (const i of [routineSoon, keyLate, keySoon, difficult, overdueRoutine, noDue]) s = applyIncident(s, i, NOW);
    expect(ids(s)).toEqual([overdueRoutine.id, difficult.id, keySoon.id, keyLate.id, noDue.id, routineSoon.id]);
    expect(compareUrgency(row(routineSoon, true), row(difficult))).toBeLessThan(0);
  });
});

describe('live updates', () => {
  it('upserts by id and drops an incident once it closes', () => {
    const a = incident();
    let s = applyIncident(emptyQueue(), a, NOW);
    s = applyIncident(s, { ...a, status: 'accepted', version: 2 }, NOW);
    expect(queueItems(s)).toHaveLength(1);
    expect(queueItems(s)[0].status).toBe('accepted');
    s = applyIncident(s, { ...a, status: 'duplicate', closed_at: min(0), version: 3 }, NOW);
    expect(queueItems(s)).toEqual([]);
  });

  it('ignores an older version than the one applied', () => {
    const a = incident();
    let s = applyIncident(emptyQueue(), { ...a, status: 'dispatched', version: 3 }, NOW);
    const before = s;
    s = applyIncident(s, { ...a, status: 'accepted', version: 2 }, NOW);
    expect(s).toBe(before);
  });

  it('keeps only what matches the filter, and lets an incident leave when it stops matching', () => {
    const filter = { ...NO_FILTER, status: 'reported' as const, district: 2 };
    const a = incident();
    const elsewhere = incident({ district_id: 3 });
    let s = applyIncident(applyIncident(emptyQueue(filter), a, NOW), elsewhere, NOW);
    expect(ids(s)).toEqual([a.id]);
    s = applyIncident(s, { ...a, status: 'accepted', version: 2 }, NOW);
    expect(ids(s)).toEqual([]);
  });

  it('marks an announced overdue step even when the local clock disagrees, and keeps it until the step changes', () => {
    const a = incident({ due_at: min(2) });
    let s = applyIncident(emptyQueue(), a, NOW, true);
    expect(queueItems(s)[0].overdue).toBe(true);
    s = applyIncident(s, a, NOW); // the same version again
    expect(queueItems(s)[0].overdue).toBe(true);
    s = applyIncident(s, { ...a, status: 'accepted', due_at: min(30), version: 2 }, NOW);
    expect(queueItems(s)[0].overdue).toBe(false);
  });

  it('moves steps that went past due up as time passes', () => {
    const soon = incident({ grade: 'routine', due_at: min(1) });
    const key = incident({ grade: 'key', due_at: min(20) });
    let s = applyIncident(applyIncident(emptyQueue(), soon, NOW), key, NOW);
    expect(ids(s)).toEqual([key.id, soon.id]);
    expect(tick(s, NOW)).toBe(s);
    s = tick(s, NOW + 2 * 60_000);
    expect(ids(s)).toEqual([soon.id, key.id]);
    expect(queueItems(s)[0].overdue).toBe(true);
  });
});

describe('HTTP load and live stream interleaved', () => {
  it('replaces the queue with the load', () => {
    const old = incident();
    const a = incident();
    let s = applyIncident(emptyQueue(), old, NOW);
    s = beginLoad(s, NO_FILTER);
    s = finishLoad(s, [row(a)], NOW);
    expect(ids(s)).toEqual([a.id]);
    expect(s.touched).toBeNull();
  });

  it('keeps an incident closed by a live event during the load out, even if the load still lists it', () => {
    const a = incident();
    let s = beginLoad(emptyQueue(), NO_FILTER);
    s = applyIncident(s, { ...a, status: 'rejected', closed_at: min(0), version: 2 }, NOW);
    s = finishLoad(s, [row(a)], NOW);
    expect(ids(s)).toEqual([]);
  });

  it('keeps an incident reported during the load that the load did not see', () => {
    const listed = incident();
    const created = incident({ grade: 'key' });
    let s = beginLoad(emptyQueue(), NO_FILTER);
    s = applyIncident(s, created, NOW);
    s = finishLoad(s, [row(listed)], NOW);
    expect(ids(s)).toEqual([created.id, listed.id]);
  });

  it('takes the newer of the two when both know an incident', () => {
    const a = incident();
    let s = beginLoad(emptyQueue(), NO_FILTER);
    s = applyIncident(s, { ...a, status: 'accepted', version: 2 }, NOW);
    s = finishLoad(s, [row({ ...a, status: 'reported', version: 1 })], NOW);
    expect(queueItems(s)[0].status).toBe('accepted');
    s = finishLoad(beginLoad(s, NO_FILTER), [row({ ...a, status: 'dispatched', version: 3 }, true)], NOW);
    expect(queueItems(s)[0]).toMatchObject({ status: 'dispatched', overdue: true });
  });

  it('replaces everything with a snapshot, leaving closed ones out', () => {
    const a = incident();
    const b = incident();
    let s = applyIncident(emptyQueue(), a, NOW);
    s = applySnapshot(s, [b, { ...a, status: 'archived', closed_at: min(0), version: 5 }], NOW);
    expect(ids(s)).toEqual([b.id]);
    // The snapshot's versions count: an older live copy of `a` is ignored after it.
    expect(applyIncident(s, { ...a, version: 4 }, NOW)).toBe(s);
  });
});
