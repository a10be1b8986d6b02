import { describe, expect, it } from 'vitest';
import { STATUSES, isClosed } from './incidents.ts';
import {
  ACTIONS,
  allowedActions,
  allowedFor,
  mayTake,
  WORKER_ACTIONS,
  DEFAULT_DEADLINES,
  dueAt,
  isAction,
  isOverdue,
  parseDeadlines,
  transition,
  urgency,
  type Action,
} from './workflow.ts';

describe('incident closed loop', () => {
  it('runs the whole loop from report to evaluation', () => {
    const path: Action[] = ['accept', 'dispatch', 'handle', 'verify', 'archive', 'evaluate'];
    let status = 'reported' as (typeof STATUSES)[number];
    for (const a of path) {
      const r = transition(status, a);
      expect(r.ok).toBe(true);
      if (r.ok) status = r.to;
    }
    expect(status).toBe('evaluated');
  });

  it('reopens when verification fails and can escalate then dispatch again', () => {
    expect(transition('handled', 'reopen')).toEqual({ ok: true, to: 'dispatched' });
    expect(transition('dispatched', 'escalate')).toEqual({ ok: true, to: 'escalated' });
    expect(transition('escalated', 'dispatch')).toEqual({ ok: true, to: 'dispatched' });
  });

  it('refuses illegal transitions and names the allowed ones', () => {
    const r = transition('reported', 'verify');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.allowed).toEqual(['accept', 'reject', 'mark_duplicate']);
      expect(r.reason).toContain('accept');
    }
  });

  it('allows nothing on closed incidents except evaluating an archived one', () => {
    for (const s of STATUSES.filter(isClosed)) {
      expect(allowedActions(s)).toEqual(s === 'archived' ? ['evaluate'] : []);
    }
  });

  it('every action leads to a known status from at least one status', () => {
    for (const [name, def] of Object.entries(ACTIONS)) {
      expect(STATUSES).toContain(def.to);
      expect(def.from.length, name).toBeGreaterThan(0);
    }
    expect(isAction('accept')).toBe(true);
    expect(isAction('toString')).toBe(false);
  });
});

describe('the field side: a grid worker on a task', () => {
  const mine = { role: 'worker' as const, ownsIncident: true };
  const theirs = { role: 'worker' as const, ownsIncident: false };

  it('acknowledging and asking for help keep a dispatched task where it is; sending back returns it', () => {
    expect(transition('dispatched', 'acknowledge')).toEqual({ ok: true, to: 'dispatched' });
    expect(transition('dispatched', 'request_help')).toEqual({ ok: true, to: 'dispatched' });
    expect(transition('dispatched', 'send_back')).toEqual({ ok: true, to: 'accepted' });
    expect(transition('accepted', 'send_back').ok).toBe(false);
    expect(transition('handled', 'acknowledge').ok).toBe(false);
  });

  it("a worker sees only the four field actions, and only on their own unit's task", () => {
    expect(allowedFor('dispatched', mine)).toEqual(['handle', 'acknowledge', 'request_help', 'send_back']);
    expect(allowedFor('dispatched', theirs)).toEqual([]);
    expect(allowedFor('handled', mine)).toEqual([]);
    for (const a of WORKER_ACTIONS) expect(mayTake(mine, a).ok).toBe(true);
  });

  it("refuses a worker the console's actions and another unit's task, with the reason", () => {
    const r = mayTake(mine, 'escalate');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/console/);
    const other = mayTake(theirs, 'handle');
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.reason).toMatch(/not assigned to your unit/);
  });

  it('operators and admins keep every action; a wall screen takes none', () => {
    const op = { role: 'operator' as const, ownsIncident: false };
    expect(allowedFor('dispatched', op)).toEqual(allowedActions('dispatched'));
    expect(allowedFor('dispatched', { role: 'admin', ownsIncident: false })).toContain('send_back');
    expect(allowedFor('dispatched', { role: 'wall', ownsIncident: false })).toEqual([]);
  });
});

describe('deadlines', () => {
  const t0 = new Date('2026-11-01T08:00:00Z');
  it('gives key incidents less time than routine ones', () => {
    expect(dueAt('key', 'reported', t0)!.getTime()).toBeLessThan(dueAt('routine', 'reported', t0)!.getTime());
  });
  it('computes overdue from the time the step began', () => {
    expect(isOverdue('key', 'reported', t0, new Date(t0.getTime() + 14 * 60_000))).toBe(false);
    expect(isOverdue('key', 'reported', t0, new Date(t0.getTime() + 16 * 60_000))).toBe(true);
    expect(isOverdue('routine', 'archived', t0, new Date(t0.getTime() + 1e10))).toBe(false);
  });
  it('accepts a configured table', () => {
    const custom = { routine: { reported: 1 }, key: {}, difficult: {} };
    expect(isOverdue('routine', 'reported', t0, new Date(t0.getTime() + 2 * 60_000), custom)).toBe(true);
    expect(dueAt('key', 'reported', t0, custom)).toBeNull();
  });
  it('orders the queue: overdue, then grade, then time left', () => {
    const now = new Date();
    const soon = new Date(now.getTime() + 5 * 60_000);
    const later = new Date(now.getTime() + 500 * 60_000);
    const items = [
      { id: 'routine-later', grade: 'routine' as const, overdue: false, dueAt: later },
      { id: 'key-later', grade: 'key' as const, overdue: false, dueAt: later },
      { id: 'routine-overdue', grade: 'routine' as const, overdue: true, dueAt: new Date(now.getTime() - 60_000) },
      { id: 'routine-soon', grade: 'routine' as const, overdue: false, dueAt: soon },
      { id: 'difficult-later', grade: 'difficult' as const, overdue: false, dueAt: later },
    ];
    const order = [...items].sort((a, b) => urgency(b, now) - urgency(a, now)).map((i) => i.id);
    expect(order).toEqual(['routine-overdue', 'difficult-later', 'key-later', 'routine-soon', 'routine-later']);
  });
});

describe('deadline configuration', () => {
  it('overrides the defaults it names and keeps the rest', () => {
    const d = parseDeadlines('{"key": {"reported": 5}}');
    expect(d.key.reported).toBe(5);
    expect(d.key.accepted).toBe(DEFAULT_DEADLINES.key.accepted);
    expect(d.routine).toEqual(DEFAULT_DEADLINES.routine);
  });
  it.each([
    ['not json', /JSON/],
    ['[]', /object/],
    ['{"urgent": {}}', /unknown grade/],
    ['{"key": {"archived": 5}}', /not an open status/],
    ['{"key": {"reported": -1}}', /above 0/],
    ['{"key": {"reported": "15"}}', /whole number/],
  ])('refuses %s with the reason', (json, reason) => {
    expect(() => parseDeadlines(json)).toThrow(reason);
  });
});
