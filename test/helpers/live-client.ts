/**
 * A test screen: a real socket.io client that keeps the last seq it applied, resyncs after
 * every reconnect, and collects events in order — what the wall display does.
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, LiveEvent, ResyncReply, ServerToClientEvents } from '../../server/src/contract/events.ts';

export class TestScreen {
  socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  events: LiveEvent[] = [];
  lastSeq: number;
  snapshots = 0;
  /** Incident id → status, as this screen believes it. */
  state = new Map<string, string>();
  private resyncing: Promise<void> | null = null;

  constructor(url: string | (() => string), token: string, since = 0) {
    this.lastSeq = since;
    this.socket = io(typeof url === 'string' ? url : url(), {
      auth: { token },
      transports: ['websocket'],
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
      timeout: 3000,
    });
    if (typeof url === 'function') {
      // Let a screen move to another server when its own is gone.
      this.socket.io.on('reconnect_attempt', () => {
        (this.socket.io as unknown as { uri: string }).uri = url();
      });
    }
    // A resync still waiting on a dead connection must not block the one a new connection needs.
    this.socket.on('connect', () => {
      this.resyncing = null;
      void this.resync();
    });
    this.socket.on('disconnect', () => {
      this.resyncing = null;
    });
    this.socket.on('event', (e) => {
      if (e.seq <= this.lastSeq) return; // already applied (resync and live overlap)
      if (e.seq !== this.lastSeq + 1 && !this.resyncing) {
        // A gap: events this screen was not sent (e.g. another area's) or missed; ask.
        void this.resync();
      }
      this.apply(e);
    });
  }

  private apply(e: LiveEvent) {
    if (e.seq <= this.lastSeq) return;
    this.lastSeq = e.seq;
    this.events.push(e);
    if (e.incident) this.state.set(e.incident.id, e.incident.status);
  }

  resync(): Promise<void> {
    if (this.resyncing) return this.resyncing;
    const run = { promise: Promise.resolve() };
    run.promise = (async () => {
      try {
        const reply: ResyncReply = await this.socket.timeout(5000).emitWithAck('resync', { since: this.lastSeq });
        if (!reply.ok) return;
        if ('snapshot' in reply) {
          this.snapshots++;
          this.state = new Map(reply.snapshot.incidents.map((i) => [i.id, i.status]));
          this.lastSeq = reply.latest;
        } else {
          for (const e of reply.events) this.apply(e);
        }
      } catch {
        // disconnected meanwhile; the next connect resyncs again
      } finally {
        if (this.resyncing === run.promise) this.resyncing = null;
      }
    })();
    this.resyncing = run.promise;
    return run.promise;
  }

  connected(): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', (err) => reject(err));
    });
  }

  async waitFor(pred: (s: TestScreen) => boolean, ms = 10_000): Promise<void> {
    const end = Date.now() + ms;
    while (!pred(this)) {
      if (Date.now() > end) throw new Error(`screen did not converge within ${ms} ms (lastSeq ${this.lastSeq}, ${this.events.length} events)`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  close() {
    this.socket.close();
  }
}

export async function loginToken(base: string, creds: { username: string; password: string }): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(creds),
  });
  if (!res.ok) throw new Error(`login failed ${res.status}`);
  return (await res.json()).token;
}
