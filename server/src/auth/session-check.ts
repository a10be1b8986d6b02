/**
 * Is this session still live? Asked on every authenticated request and socket message, so the
 * answer is cached in-process for `cacheMs` (about 2 s): a session ended in one server process
 * is refused by every other within that time, at the cost of at most one small query per
 * session per `cacheMs`. Requests arriving together share one query. last_seen_at is written at
 * most once per `touchMs` per session and process.
 */
import type pg from 'pg';
import { sessionStates, touchSessions, type SessionState } from '../repos/sessions.ts';

export interface SessionCheckOptions {
  cacheMs: number;
  touchMs: number;
  onError?: (err: unknown) => void;
}

interface Entry {
  at: number;
  state: Promise<SessionState>;
}

export class SessionCheck {
  private cache = new Map<string, Entry>();
  private touched = new Map<string, number>();
  private listeners: (() => void)[] = [];

  constructor(
    private db: pg.Pool,
    private opts: SessionCheckOptions,
  ) {}

  /** The session's state, at most `cacheMs` old. */
  state(sid: string): Promise<SessionState> {
    const now = Date.now();
    const hit = this.cache.get(sid);
    if (hit && now - hit.at < this.opts.cacheMs) return hit.state;
    this.prune(now);
    const state = sessionStates(this.db, [sid]).then((m) => m.get(sid)!);
    const entry = { at: now, state };
    this.cache.set(sid, entry);
    // A failed query is not kept: the next request asks again (and gets the 503 itself).
    state.catch(() => {
      if (this.cache.get(sid) === entry) this.cache.delete(sid);
    });
    void state.then((s) => s.live && this.touch(sid, now)).catch(() => {});
    return state;
  }

  /** Fresh states of many sessions in one query (the socket sweep); refreshes the cache too. */
  async states(sids: string[]): Promise<Map<string, SessionState>> {
    if (!sids.length) return new Map();
    const states = await sessionStates(this.db, sids);
    const now = Date.now();
    for (const [sid, s] of states) this.cache.set(sid, { at: now, state: Promise.resolve(s) });
    return states;
  }

  /** Drops what this process knows of a session it just changed, so its next use asks again. */
  forget(sid: string): void {
    this.cache.delete(sid);
  }

  /**
   * Sessions were ended here (by id or all of a user's): forget every cached answer, whose ids
   * this process may not know, and tell the listeners (the live hub disconnects at once).
   */
  ended(): void {
    this.cache.clear();
    for (const l of this.listeners) l();
  }

  onEnded(listener: () => void): void {
    this.listeners.push(listener);
  }

  private touch(sid: string, now: number) {
    const last = this.touched.get(sid) ?? 0;
    if (now - last < this.opts.touchMs) return;
    this.touched.set(sid, now);
    touchSessions(this.db, [sid]).catch((err) => this.opts.onError?.(err));
  }

  /** Keeps the maps small: stale entries go once there are many. */
  private prune(now: number) {
    if (this.cache.size > 10_000)
      for (const [sid, e] of this.cache) if (now - e.at >= this.opts.cacheMs) this.cache.delete(sid);
    if (this.touched.size > 10_000)
      for (const [sid, at] of this.touched) if (now - at >= this.opts.touchMs) this.touched.delete(sid);
  }
}
