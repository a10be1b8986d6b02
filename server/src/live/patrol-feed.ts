/**
 * Live patrol positions. 10,000 units at one fix per 10 s is 1,000 fixes a second: far too many
 * for the per-change incident outbox. Instead each process collects the positions its ingests
 * moved and, about once a second, emits one compact volatile batch to the `patrols` room; the
 * socket.io PostgreSQL adapter carries it to the screens of the other processes. A screen that
 * misses a batch loses nothing durable: on (re)connect it fetches GET /api/patrols/units.
 */
import type { Server } from 'socket.io';
import type { PatrolPositionRow } from '../contract/events.ts';

export const PATROL_ROOM = 'patrols';

export class PatrolFeed {
  private pending = new Map<number, PatrolPositionRow>();
  private timer: NodeJS.Timeout | null = null;
  io: Pick<Server, 'to'> | null = null;

  constructor(private readonly everyMs = 1000) {}

  /** Queues moved positions; the newest per unit wins within one interval. */
  push(rows: PatrolPositionRow[]) {
    if (!this.io) return;
    for (const r of rows) {
      const prev = this.pending.get(r[0]);
      if (!prev || prev[3] <= r[3]) this.pending.set(r[0], r);
    }
    if (!this.timer && this.pending.size) {
      this.timer = setTimeout(() => this.flush(), this.everyMs);
      this.timer.unref();
    }
  }

  flush() {
    this.timer = null;
    if (!this.io || !this.pending.size) return;
    const units = [...this.pending.values()];
    this.pending.clear();
    this.io.to(PATROL_ROOM).volatile.emit('patrols', { at: Date.now(), units });
  }

  close() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
    this.io = null;
  }
}

// One feed per HTTP server: the routes (an encapsulated plugin) and the hub share it by server.
const feeds = new WeakMap<object, PatrolFeed>();

export function patrolFeedFor(server: object): PatrolFeed {
  let f = feeds.get(server);
  if (!f) {
    f = new PatrolFeed();
    feeds.set(server, f);
  }
  return f;
}
