import { describe, expect, it } from 'vitest';
import { EventSequencer } from './sequencer.ts';

const ev = (seq: number) => ({ seq });

function make(last = 0) {
  const applied: number[] = [];
  const s = new EventSequencer(last, (e) => applied.push(e.seq));
  return { s, applied };
}

describe('EventSequencer', () => {
  it('applies live events in order and drops repeats', () => {
    const { s, applied } = make(3);
    for (const n of [4, 5, 5, 2, 6]) s.receive(ev(n));
    expect(applied).toEqual([4, 5, 6]);
    expect(s.lastSeq).toBe(6);
  });

  it('holds live events during a resync and applies the reply first', () => {
    const { s, applied } = make(10);
    expect(s.beginResync()).toBe(10);
    s.receive(ev(14));
    s.receive(ev(15));
    s.endResyncWithEvents([ev(11), ev(12), ev(13), ev(14)]);
    expect(applied).toEqual([11, 12, 13, 14, 15]);
  });

  it('after a snapshot applies only the held events newer than it', () => {
    const { s, applied } = make(10);
    s.beginResync();
    s.receive(ev(500));
    s.receive(ev(502));
    s.endResyncWithSnapshot(501);
    expect(applied).toEqual([502]);
    expect(s.lastSeq).toBe(502);
  });

  it('forgets held events when the resync is abandoned', () => {
    const { s, applied } = make(1);
    s.beginResync();
    s.receive(ev(5));
    s.abortResync();
    s.beginResync();
    s.endResyncWithEvents([ev(2), ev(3), ev(4), ev(5)]);
    expect(applied).toEqual([2, 3, 4, 5]);
  });
});
