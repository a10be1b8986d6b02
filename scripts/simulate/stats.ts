/** Counters and latencies of a simulator run, and the one-line progress report. */

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const fmtMs = (v: number) => (Number.isNaN(v) ? '-' : v < 10 ? v.toFixed(1) : String(Math.round(v)));

export class Stats {
  readonly startedAt = Date.now();
  /** Reports whose POST was started (each id once, retries not counted). */
  sent = 0;
  /** Reports the server acknowledged (201, or 200 for a retry of a report it already had). */
  reported = 0;
  /** Actions the server acknowledged (200). */
  acted = 0;
  /** Incidents picked up from the operator queue (not reported by this simulator). */
  adopted = 0;
  /** Things that went wrong, by kind: `net:ECONNREFUSED`, `http:503`, `409:illegal_transition`, … */
  readonly errors = new Map<string, number>();
  /** Responses by HTTP status. */
  readonly statuses = new Map<number, number>();
  /** Acknowledged actions by name. */
  readonly actions = new Map<string, number>();
  /** Notable events that are not errors (idempotent replays, re-reads, duplicates suggested). */
  readonly notes = new Map<string, number>();
  private window: number[] = [];
  private all: number[] = [];
  private byRoute = new Map<string, number[]>();
  private last = { sent: 0, reported: 0, acted: 0, at: Date.now() };

  latency(ms: number, status: number, route = '') {
    this.window.push(ms);
    if (this.all.length < 200_000) this.all.push(ms);
    if (route) {
      let list = this.byRoute.get(route);
      if (!list) this.byRoute.set(route, (list = []));
      if (list.length < 100_000) list.push(ms);
    }
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
  }

  error(kind: string) {
    this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1);
  }

  note(kind: string, n = 1) {
    this.notes.set(kind, (this.notes.get(kind) ?? 0) + n);
  }

  action(name: string) {
    this.acted++;
    this.actions.set(name, (this.actions.get(name) ?? 0) + 1);
  }

  /** Responses with a 5xx status (503s that were retried included). */
  get serverErrors(): number {
    let n = 0;
    for (const [s, c] of this.statuses) if (s >= 500) n += c;
    return n;
  }

  /** 5xx other than 503 (503 means "database away, retry", which the client does). */
  get internalErrors(): number {
    let n = 0;
    for (const [s, c] of this.statuses) if (s >= 500 && s !== 503) n += c;
    return n;
  }

  totalLatency(): { p50: number; p95: number; p99: number; n: number } {
    const s = [...this.all].sort((a, b) => a - b);
    return { p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), n: s.length };
  }

  static formatMap(m: Map<string | number, number>): string {
    if (!m.size) return 'none';
    return [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
  }

  /** The progress line; resets the latency window. */
  line(extra = ''): string {
    const now = Date.now();
    const w = this.window.sort((a, b) => a - b);
    this.window = [];
    const secs = (now - this.last.at) / 1000 || 1;
    const rate = ((this.reported - this.last.reported) / secs).toFixed(1);
    const out =
      `[${String(Math.round((now - this.startedAt) / 1000)).padStart(4)} s] ` +
      `sent ${this.sent} (+${this.sent - this.last.sent}, ${rate}/s ok) reported ${this.reported} acted ${this.acted} (+${this.acted - this.last.acted})` +
      `${extra ? ' ' + extra : ''} | errors: ${Stats.formatMap(this.errors)} | p50 ${fmtMs(percentile(w, 50))} ms p95 ${fmtMs(percentile(w, 95))} ms (${w.length} req)`;
    this.last = { sent: this.sent, reported: this.reported, acted: this.acted, at: now };
    return out;
  }

  summary(): string {
    const t = this.totalLatency();
    return [
      `reports: ${this.sent} sent, ${this.reported} acknowledged; incidents adopted from the queue: ${this.adopted}`,
      `actions: ${this.acted} acknowledged (${Stats.formatMap(this.actions)})`,
      `responses: ${Stats.formatMap(this.statuses)}`,
      `errors: ${Stats.formatMap(this.errors)}`,
      `notes: ${Stats.formatMap(this.notes)}`,
      `latency over ${t.n} requests: p50 ${fmtMs(t.p50)} ms, p95 ${fmtMs(t.p95)} ms, p99 ${fmtMs(t.p99)} ms`,
      ...[...this.byRoute.entries()]
        .sort((a, b) => b[1].length - a[1].length)
        .map(([route, list]) => {
          const s = [...list].sort((a, b) => a - b);
          return `  ${route.padEnd(34)} n=${String(s.length).padEnd(6)} p50 ${fmtMs(percentile(s, 50))} ms  p95 ${fmtMs(percentile(s, 95))} ms  max ${fmtMs(s[s.length - 1])} ms`;
        }),
    ].join('\n');
  }
}
