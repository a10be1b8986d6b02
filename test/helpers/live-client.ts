/**
 * A test screen: a real socket.io client that applies events through the client's own
 * EventSequencer (exactly once, in seq order, resync on every connect) — what the wall display
 * and the console do.
 */
import { io, type Socket } from 'socket.io-client';
import { EventSequencer } from '../../client/src/state/sequencer.ts';
import type {
  ClientToServerEvents,
  LiveEvent,
  ResyncReply,
  ServerToClientEvents,
} from '../../server/src/contract/events.ts';

export class TestScreen {
  socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  events: LiveEvent[] = [];
  snapshots = 0;
  /** Incident id → status, as this screen believes it. */
  state = new Map<string, string>();
  private seq: EventSequencer<LiveEvent>;

  constructor(url: string | (() => string), token: string, since = 0) {
    this.seq = new EventSequencer<LiveEvent>(since, (e) => {
      this.events.push(e);
      if (e.incident) this.state.set(e.incident.id, e.incident.status);
    });
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
    this.socket.on('connect', () => void this.resync());
    this.socket.on('disconnect', () => this.seq.abortResync());
    this.socket.on('event', (e) => this.seq.receive(e));
  }

  get lastSeq(): number {
    return this.seq.lastSeq;
  }

  async resync(): Promise<void> {
    const since = this.seq.beginResync();
    try {
      const reply: ResyncReply = await this.socket.timeout(5000).emitWithAck('resync', { since });
      if (!reply.ok) return this.seq.abortResync();
      if ('snapshot' in reply) {
        this.snapshots++;
        this.state = new Map(reply.snapshot.incidents.map((i) => [i.id, i.status]));
        this.seq.endResyncWithSnapshot(reply.latest);
      } else {
        this.seq.endResyncWithEvents(reply.events);
      }
    } catch {
      this.seq.abortResync(); // disconnected meanwhile; the next connect resyncs again
    }
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
      if (Date.now() > end)
        throw new Error(
          `screen did not converge within ${ms} ms (lastSeq ${this.lastSeq}, ${this.events.length} events)`,
        );
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  close() {
    this.socket.close();
  }
}

export async function loginToken(base: string, creds: { username: string; password: string }): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(creds),
  });
  if (!res.ok) throw new Error(`login failed ${res.status}`);
  return (await res.json()).token;
}
