/**
 * Tails the outbox. A dedicated connection LISTENs for the commit-time NOTIFY; on each one (and
 * on a slow timer, and after every reconnect) it reads events after the last one it delivered,
 * in seq order. A lost notification or a database restart therefore delays delivery; it never
 * drops an event. Reads run on the listener's own connection, so delivery never waits behind
 * HTTP requests for a pool connection. Reconnects with backoff while the database is away.
 */
import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { LiveEvent } from '../contract/events.ts';
import { eventsSince, latestSeq, toLiveEvent, type EventRow } from '../repos/outbox.ts';

export interface ListenerLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export class OutboxListener extends EventEmitter<{ event: [LiveEvent]; status: [boolean] }> {
  private client: pg.Client | null = null;
  private lastSeq = 0;
  private draining = false;
  private again = false;
  private closed = false;
  private pollTimer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private backoffMs = 250;
  connected = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly pool: pg.Pool,
    private readonly log: ListenerLog,
    private readonly pollMs = 2000,
  ) {
    super();
  }

  /** Starts from the newest committed event: history is for resync, not for replay on boot. */
  async start(): Promise<void> {
    try {
      this.lastSeq = await latestSeq(this.pool);
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, 'outbox listener: database unavailable at start; will retry');
    }
    this.pollTimer = setInterval(() => void this.drain(), this.pollMs);
    this.pollTimer.unref();
    await this.connect();
  }

  get position(): number {
    return this.lastSeq;
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({
      connectionString: this.databaseUrl,
      application_name: 'gridboard-listener',
      connectionTimeoutMillis: 3000,
    });
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    client.on('notification', (msg) => this.onNotification(msg.payload));
    try {
      await client.connect();
      await client.query('LISTEN gridboard_events');
    } catch (err) {
      this.lost(client, err as Error);
      return;
    }
    this.client = client;
    this.backoffMs = 250;
    this.setConnected(true);
    // Catch up on whatever committed while we were not listening.
    void this.drain();
  }

  private lost(client: pg.Client, err: Error) {
    if (this.client && this.client !== client) return;
    this.client = null;
    client.removeAllListeners('notification');
    // The connection is already lost (warned about below); ending it only frees the socket.
    client.end().catch(() => {});
    this.setConnected(false);
    if (this.closed || this.retryTimer) return;
    this.log.warn({ err: err.message, retryMs: this.backoffMs }, 'outbox listener lost its connection');
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, this.backoffMs);
    this.backoffMs = Math.min(this.backoffMs * 2, 5000);
  }

  private setConnected(v: boolean) {
    if (this.connected !== v) {
      this.connected = v;
      this.emit('status', v);
    }
  }

  /**
   * The NOTIFY usually carries the event itself; when it is the next one in order it is
   * forwarded at once. Anything else (a seq only, a gap, a drain under way) reads the table.
   */
  private onNotification(payload: string | undefined) {
    if (!this.draining && payload?.startsWith('{')) {
      try {
        const row = JSON.parse(payload) as Omit<EventRow, 'created_at'> & { created_at: string };
        if (row.seq === this.lastSeq + 1) {
          this.lastSeq = row.seq;
          this.emit('event', toLiveEvent({ ...row, created_at: new Date(row.created_at) }));
          return;
        }
      } catch {
        // Not an event we can read (cut short, or from another version): the table has it.
      }
    }
    void this.drain();
  }

  /** Delivers every committed event after lastSeq, in order; concurrent calls coalesce. */
  async drain(): Promise<void> {
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = true;
    try {
      do {
        this.again = false;
        for (;;) {
          const client = this.client;
          if (!client) return; // not connected: the reconnect drains
          const batch = await eventsSince(client, this.lastSeq, 500);
          for (const e of batch) {
            this.lastSeq = e.seq;
            this.emit('event', e);
          }
          if (batch.length < 500) break;
        }
      } while (this.again && !this.closed);
    } catch (err) {
      // The database is away; the timer or the reconnect will drain again.
      this.log.warn({ err: (err as Error).message }, 'outbox drain failed');
    } finally {
      this.draining = false;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const c = this.client;
    this.client = null;
    // Shutting down: a connection that cannot end cleanly is gone already.
    if (c) await c.end().catch(() => {});
  }
}
