/**
 * The live socket: the one connection the whole client shares (console, wall display).
 *
 * - socket.io to the page's own origin, WebSocket only, `auth: {token}`.
 * - Every event is applied exactly once and in seq order through {@link EventSequencer}: on
 *   every `connect` the client sends `resync {since: lastSeq}` and live events are held until
 *   the reply is in. A reply with a snapshot (the client was too far behind) goes to the
 *   snapshot listeners, which replace their incident state with it.
 * - The first `hello` of a page gives the starting seq (`hello.latest`): a page loads its state
 *   over HTTP and follows live from there. {@link LiveConnection.ready} resolves once that seq
 *   is known, so a page can take it BEFORE its HTTP load and miss nothing in between.
 * - `lastSeq` lives in memory only: a reload starts again from HTTP.
 * - {@link LiveConnection.follow} narrows delivery to a district or a community (null: the city);
 *   the area is sent again after every reconnect, before the resync.
 *
 * Nothing here knows about React; `app/useLive.ts` binds it to the session and the UI.
 */
import { io, type Socket } from 'socket.io-client';
import type { ImportProgress } from '../../../server/src/contract/imports.ts';
import type {
  ClientToServerEvents,
  FollowRequest,
  IncidentSummary,
  LiveEvent,
  ResyncReply,
  ServerToClientEvents,
} from '../../../server/src/contract/events.ts';
import { EventSequencer } from '../state/sequencer';
import { reportUnauthorized } from './http';

export type { FollowRequest, LiveEvent };

export type ConnectionState = 'connected' | 'reconnecting' | 'offline';

export interface LiveStatus {
  state: ConnectionState;
  /** When the state was entered (ms since epoch). */
  since: number;
  /** Last applied seq; null before the first `hello`. */
  lastSeq: number | null;
  /** A resync is in flight (live events are held meanwhile). */
  resyncing: boolean;
  /** Why the last attempt failed, for the tooltip. */
  reason: string | null;
}

export interface LiveSnapshot {
  incidents: IncidentSummary[];
  /** The seq the snapshot is consistent with. */
  latest: number;
}

export interface LiveListener {
  /** A committed event, in seq order, exactly once. */
  onEvent?(event: LiveEvent): void;
  /** The client was too far behind: replace the incident state with this. */
  onSnapshot?(snapshot: LiveSnapshot): void;
}

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Failed connection attempts in a row after which the state reads "offline" (still retrying). */
const OFFLINE_AFTER_FAILURES = 3;
/** Disconnected this long reads "offline" too. */
const OFFLINE_AFTER_MS = 15_000;
const RESYNC_TIMEOUT_MS = 10_000;
const FOLLOW_TIMEOUT_MS = 5_000;
const RESYNC_RETRY_MS = 2_000;

export interface LiveConnectionOptions {
  /** Server URL; default the page's own origin. */
  url?: string;
}

export class LiveConnection {
  constructor(private readonly options: LiveConnectionOptions = {}) {}

  private socket: LiveSocket | null = null;
  private token: string | null = null;
  private sequencer: EventSequencer<LiveEvent> | null = null;
  private area: FollowRequest | null = null;
  private listeners = new Set<LiveListener>();
  private importListeners = new Set<(p: ImportProgress) => void>();
  private statusListeners = new Set<() => void>();
  private status: LiveStatus = {
    state: 'reconnecting',
    since: Date.now(),
    lastSeq: null,
    resyncing: false,
    reason: null,
  };
  private failures = 0;
  private offlineTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readyWaiters: ((seq: number) => void)[] = [];
  /** Bumped on every (re)connection and stop: answers for an older one are dropped. */
  private epoch = 0;

  /** Connect with this token (idempotent; a different token starts afresh). */
  start(token: string): void {
    if (this.socket && this.token === token) return;
    if (this.token !== token) {
      // Another user: nothing of the previous session's stream carries over.
      this.sequencer = null;
    }
    this.stopSocket();
    this.token = token;
    const socket: LiveSocket = io(this.options.url, {
      transports: ['websocket'],
      auth: { token },
      reconnectionDelay: 500,
      reconnectionDelayMax: 5_000,
      timeout: 8_000,
    });
    this.socket = socket;
    this.failures = 0;
    this.setStatus({ state: 'reconnecting', reason: null });
    this.armOfflineTimer();

    socket.on('connect', () => {
      if (this.socket !== socket) return;
      this.failures = 0;
      clearTimeout(this.offlineTimer);
      this.setStatus({ state: 'connected', reason: null });
      // The first connection of a page waits for `hello` to learn where to start.
      if (this.sequencer) void this.resync(socket);
    });
    socket.on('hello', (h) => {
      if (this.socket !== socket) return;
      if (!this.sequencer) {
        this.sequencer = new EventSequencer<LiveEvent>(h.latest, (e) => this.emitEvent(e));
        this.setStatus({ lastSeq: h.latest });
        const waiters = this.readyWaiters;
        this.readyWaiters = [];
        for (const w of waiters) w(h.latest);
        void this.resync(socket);
      }
    });
    // The server cuts a socket whose session ended or whose token expired, and says so first:
    // back to the sign-in page instead of reconnecting with a token that will be refused.
    socket.on('session:ended', () => {
      if (this.socket !== socket) return;
      this.setStatus({ state: 'offline', reason: 'unauthorized' });
      reportUnauthorized();
    });
    socket.on('import:progress', (p) => {
      if (this.socket !== socket) return;
      for (const l of [...this.importListeners]) l(p);
    });
    socket.on('event', (e) => {
      if (this.socket !== socket || !this.sequencer) return;
      this.sequencer.receive(e);
      this.setStatus({ lastSeq: this.sequencer.lastSeq });
    });
    socket.on('disconnect', (reason) => {
      if (this.socket !== socket) return;
      this.epoch++;
      this.sequencer?.abortResync();
      this.setStatus({ state: 'reconnecting', resyncing: false, reason: String(reason) });
      this.armOfflineTimer();
      // A server-side disconnect (e.g. a restart) is not retried by socket.io itself.
      if (reason === 'io server disconnect') {
        clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => this.socket === socket && socket.connect(), 1_000);
      }
    });
    socket.on('connect_error', (err) => {
      if (this.socket !== socket) return;
      const code = (err as Error & { data?: { code?: string } }).data?.code ?? err.message;
      if (code === 'unauthorized') {
        // The token is no longer accepted: the session has ended (socket.io will not retry).
        this.setStatus({ state: 'offline', reason: 'unauthorized' });
        reportUnauthorized();
        return;
      }
      this.failures++;
      const offline =
        this.failures >= OFFLINE_AFTER_FAILURES || (typeof navigator !== 'undefined' && navigator.onLine === false);
      this.setStatus({ state: offline ? 'offline' : 'reconnecting', reason: err.message });
    });
  }

  /** Disconnect (sign-out, or the shell unmounting). The seq is kept for the same token. */
  stop(): void {
    this.stopSocket();
    this.setStatus({ state: 'offline', resyncing: false, reason: 'stopped' });
  }

  /** Receive events and snapshots; returns the unsubscribe function. */
  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Progress of this user's uploads (`import:progress`); returns the unsubscribe function. */
  onImportProgress(listener: (p: ImportProgress) => void): () => void {
    this.importListeners.add(listener);
    return () => {
      this.importListeners.delete(listener);
    };
  }

  /** The socket's id while connected (an upload names it to get its progress), else null. */
  get socketId(): string | null {
    return this.socket?.connected ? (this.socket.id ?? null) : null;
  }

  getStatus = (): LiveStatus => this.status;

  /** For useSyncExternalStore. */
  onStatus = (listener: () => void): (() => void) => {
    this.statusListeners.add(listener);
    return () => {
      this.statusListeners.delete(listener);
    };
  };

  /** The last applied seq; null until the first `hello`. */
  get lastSeq(): number | null {
    return this.sequencer?.lastSeq ?? null;
  }

  /**
   * Resolves with the seq the stream starts from once it is known (immediately after the
   * first `hello`), or with null after `timeoutMs` (offline: load anyway and catch up later).
   */
  ready(timeoutMs = 4_000): Promise<number | null> {
    if (this.sequencer) return Promise.resolve(this.sequencer.lastSeq);
    return new Promise((resolve) => {
      let done = false;
      const waiter = (seq: number) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        resolve(seq);
      };
      const timer = setTimeout(() => {
        if (done) return;
        done = true;
        this.readyWaiters = this.readyWaiters.filter((w) => w !== waiter);
        resolve(null);
      }, timeoutMs);
      this.readyWaiters.push(waiter);
    });
  }

  /**
   * Narrow the stream to a district or a community (null: the whole city). Remembered and sent
   * again after every reconnect. Resolves when the server has moved the socket (or at once
   * when not connected: the next connection follows it).
   */
  async follow(area: FollowRequest | null): Promise<void> {
    const next = normaliseArea(area);
    if (sameArea(next, this.area)) return;
    this.area = next;
    const socket = this.socket;
    if (!socket?.connected) return;
    await this.sendFollow(socket).catch(() => undefined);
  }

  get followed(): FollowRequest | null {
    return this.area;
  }

  // -------------------------------------------------------------------------------------------

  private async sendFollow(socket: LiveSocket): Promise<void> {
    const reply = await socket.timeout(FOLLOW_TIMEOUT_MS).emitWithAck('follow', this.area);
    if (!reply.ok) throw new Error(reply.error.message);
  }

  private async resync(socket: LiveSocket): Promise<void> {
    const sequencer = this.sequencer;
    if (!sequencer || this.socket !== socket || !socket.connected) return;
    if (sequencer.isResyncing) sequencer.abortResync();
    const epoch = ++this.epoch;
    const since = sequencer.beginResync();
    this.setStatus({ resyncing: true });
    try {
      // The server forgets the area on reconnect: follow again first, so that the replay and
      // the live events are the area's.
      if (this.area) await this.sendFollow(socket);
      const reply: ResyncReply = await socket.timeout(RESYNC_TIMEOUT_MS).emitWithAck('resync', { since });
      if (epoch !== this.epoch || this.sequencer !== sequencer) return;
      if (!reply.ok) throw new Error(reply.error.message);
      if ('snapshot' in reply) {
        const snapshot = { incidents: reply.snapshot.incidents, latest: reply.latest };
        for (const l of [...this.listeners]) l.onSnapshot?.(snapshot);
        sequencer.endResyncWithSnapshot(reply.latest);
      } else {
        sequencer.endResyncWithEvents(reply.events);
      }
      this.setStatus({ resyncing: false, lastSeq: sequencer.lastSeq });
    } catch (err) {
      if (epoch !== this.epoch || this.sequencer !== sequencer) return;
      sequencer.abortResync();
      this.setStatus({ resyncing: false, reason: err instanceof Error ? err.message : String(err) });
      // Still connected (the server was busy, or the database away): try again shortly.
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => void this.resync(socket), RESYNC_RETRY_MS);
    }
  }

  private emitEvent(e: LiveEvent): void {
    for (const l of [...this.listeners]) {
      try {
        l.onEvent?.(e);
      } catch (err) {
        console.error('[gridboard] live listener failed:', err);
      }
    }
  }

  private armOfflineTimer(): void {
    clearTimeout(this.offlineTimer);
    this.offlineTimer = setTimeout(() => {
      if (this.status.state === 'reconnecting') this.setStatus({ state: 'offline' });
    }, OFFLINE_AFTER_MS);
  }

  private stopSocket(): void {
    clearTimeout(this.offlineTimer);
    clearTimeout(this.retryTimer);
    this.epoch++;
    this.sequencer?.abortResync();
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.removeAllListeners();
      socket.disconnect();
    }
  }

  private setStatus(patch: Partial<LiveStatus>): void {
    const next = { ...this.status, ...patch };
    if (patch.state && patch.state !== this.status.state) next.since = Date.now();
    if (
      next.state === this.status.state &&
      next.lastSeq === this.status.lastSeq &&
      next.resyncing === this.status.resyncing &&
      next.reason === this.status.reason
    ) {
      return;
    }
    this.status = next;
    for (const l of [...this.statusListeners]) l();
  }
}

function normaliseArea(area: FollowRequest | null): FollowRequest | null {
  if (area?.community) return { community: area.community };
  if (area?.district) return { district: area.district };
  return null;
}

function sameArea(a: FollowRequest | null, b: FollowRequest | null): boolean {
  return (a?.community ?? null) === (b?.community ?? null) && (a?.district ?? null) === (b?.district ?? null);
}

/** The client's one live connection. */
export const live = new LiveConnection();
