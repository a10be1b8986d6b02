/**
 * Applies live events exactly once and in seq order across reconnects.
 *
 * On one connection the server sends committed events in seq order, so the only hazard is the
 * moment of (re)connection: live events may arrive while the `resync {since}` reply is still on
 * its way. While a resync is in flight, live events are held back; the reply is applied first,
 * then the held events that are newer. Events at or below the last applied seq are dropped, so
 * overlap between the reply and live delivery never applies anything twice.
 */
export interface Sequenced {
  seq: number;
}

export class EventSequencer<E extends Sequenced> {
  private held: E[] = [];
  private resyncing = false;

  constructor(
    public lastSeq: number,
    private readonly apply: (e: E) => void,
  ) {}

  /** A live event from the socket. */
  receive(e: E): void {
    if (this.resyncing) this.held.push(e);
    else this.applyIfNew(e);
  }

  /** Call just before sending `resync {since: lastSeq}`. */
  beginResync(): number {
    this.resyncing = true;
    return this.lastSeq;
  }

  /** The resync reply carried the missed events (in seq order). */
  endResyncWithEvents(events: E[]): void {
    for (const e of events) this.applyIfNew(e);
    this.release();
  }

  /**
   * The reply carried a snapshot instead (the client was too far behind): the caller has
   * replaced its state; `latest` is the seq that snapshot is consistent with.
   */
  endResyncWithSnapshot(latest: number): void {
    this.lastSeq = Math.max(this.lastSeq, latest);
    this.release();
  }

  /** The resync failed or the connection dropped: hold nothing; the next connect resyncs. */
  abortResync(): void {
    this.resyncing = false;
    this.held = [];
  }

  get isResyncing(): boolean {
    return this.resyncing;
  }

  private release() {
    this.resyncing = false;
    const held = this.held.sort((a, b) => a.seq - b.seq);
    this.held = [];
    for (const e of held) this.applyIfNew(e);
  }

  private applyIfNew(e: E) {
    if (e.seq <= this.lastSeq) return;
    this.lastSeq = e.seq;
    this.apply(e);
  }
}
