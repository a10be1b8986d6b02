/**
 * The simulator: field phones and the hotline report incidents at Poisson arrivals, and
 * operators and grid workers move them (and, optionally, what they find in the operator queue)
 * through the closed loop after human delays — all through the public HTTP API, as one user.
 * It remembers what the server acknowledged, so a reliability run can check that nothing
 * acknowledged was lost or stored twice. A report's body is made in report-body.ts, an action's
 * in action-body.ts.
 */
import type { Grade } from '../../server/src/domain/incidents.ts';
import { isClosed } from '../../server/src/domain/incidents.ts';
import type { Action } from '../../server/src/domain/workflow.ts';
import { actionBody } from './action-body.ts';
import { GaveUp, type Api, type ApiBody, type ApiResult } from './http.ts';
import type { PlacePicker, UnitDirectory } from './places.ts';
import { chooseFate, nextStep, type Suggestion } from './policy.ts';
import { Rng } from './random.ts';
import { makeReport } from './report-body.ts';
import { humanDelayMs, Limiter, poissonArrivals, Timers } from './scheduler.ts';
import { Stats } from './stats.ts';
import type { IncidentJson, Tracked } from './tracked.ts';

export interface SimulatorOptions {
  /** Logged in as an operator (or admin). */
  api: Api;
  places: PlacePicker;
  units: UnitDirectory;
  /** New reports per second, on average. */
  rate: number;
  /** Divides every human delay (10 = ten times faster than people). Default 1. */
  speed?: number;
  seed?: number;
  /** Also work open incidents found in the operator queue (`GET /api/queue`). Default true. */
  adopt?: boolean;
  /** Share of reports that repeat a recent one ~50 m away, minutes later. Default 0.08. */
  duplicateShare?: number;
  /** Most requests in flight at once. Default 64. */
  maxInFlight?: number;
  /** Progress lines (every `reportEveryMs`, default 10 s); none when absent. */
  log?: (line: string) => void;
  reportEveryMs?: number;
}

export interface AckedAction {
  id: string;
  action: string;
  /** The incident's version after the action (= its history row number). */
  version: number;
  to: string;
}

export class Simulator {
  readonly stats = new Stats();
  /** Every report id sent (acknowledged or not). */
  readonly attempted = new Set<string>();
  /** Report ids the server acknowledged. */
  readonly acked = new Set<string>();
  readonly ackedActions: AckedAction[] = [];
  /** Incidents this simulator sent an action for. */
  readonly touched = new Set<string>();

  private readonly api: Api;
  private readonly rng: Rng;
  private readonly speed: number;
  private readonly timers = new Timers();
  private readonly limiter: Limiter;
  private readonly tracked = new Map<string, Tracked>();
  private readonly recent: Tracked[] = [];
  private readonly inflight = new Set<Promise<unknown>>();
  private ticker: NodeJS.Timeout | null = null;
  private stopping = false;

  constructor(private readonly opts: SimulatorOptions) {
    this.api = opts.api;
    this.api.stats = this.stats;
    this.rng = new Rng(opts.seed ?? Date.now());
    this.speed = opts.speed ?? 1;
    this.limiter = new Limiter(opts.maxInFlight ?? 64);
  }

  /** Open incidents the simulator is working on (or holding back, as backlog). */
  get openTracked(): number {
    return this.tracked.size;
  }

  start(): void {
    poissonArrivals(this.timers, this.rng, this.opts.rate, () => this.report());
    if (this.opts.adopt ?? true) {
      const every = Math.max(2000, 20_000 / this.speed);
      const sweep = () => {
        this.spawn(this.adoptFromQueue());
        this.timers.after(every, sweep);
      };
      this.timers.after(Math.min(every, 3000), sweep);
    }
    if (this.opts.log) {
      const log = this.opts.log;
      this.ticker = setInterval(() => log(this.progressLine()), this.opts.reportEveryMs ?? 10_000);
      this.ticker.unref();
    }
  }

  progressLine(): string {
    return this.stats.line(`open ${this.tracked.size} in-flight ${this.limiter.inFlight}+${this.limiter.waiting}`);
  }

  /**
   * Stops sending new work, then waits for requests in flight to get their answer (they keep
   * retrying through network errors for up to `graceMs`).
   */
  async stop(graceMs = 20_000): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.timers.stop();
    if (this.ticker) clearInterval(this.ticker);
    const settled = () => Promise.allSettled([...this.inflight]);
    const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs).unref());
    if ((await Promise.race([settled(), timeout])) === 'timeout') {
      this.api.abortRetries();
      await settled();
    }
  }

  // ---------------------------------------------------------------- reports

  private spawn(p: Promise<unknown>) {
    const q = p.catch((err) => {
      this.stats.error(`bug:${(err as Error).message.slice(0, 60)}`);
    });
    this.inflight.add(q);
    void q.finally(() => this.inflight.delete(q));
  }

  private call<T = ApiBody>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<ApiResult<T>> {
    return this.limiter.run(() => this.api.request<T>(method, path, body));
  }

  private report() {
    const share = this.opts.duplicateShare ?? 0.08;
    const body = makeReport(this.rng, this.opts.places, share, this.stats, (now) => this.recentReport(now));
    this.attempted.add(body.id);
    this.stats.sent++;
    this.spawn(
      this.call('POST', '/api/incidents', body).then(
        (res) => this.onReported(body, res),
        (err) => this.onGaveUp('report', err),
      ),
    );
  }

  /** A report of ours from the last few minutes, to be reported again by someone else. */
  private recentReport(now: number): Tracked | null {
    while (this.recent.length && now - this.recent[0].reportedAt > 10 * 60_000) this.recent.shift();
    const open = this.recent.filter((t) => !isClosed(t.status));
    return open.length ? this.rng.pick(open) : null;
  }

  private onReported(body: { id: string; grade: Grade; description: string }, res: ApiResult) {
    if (res.status !== 201 && res.status !== 200) return this.httpError(res);
    this.acked.add(body.id);
    this.stats.reported++;
    if (res.status === 200) this.stats.note('report_replayed');
    const inc = res.body.incident as IncidentJson;
    const dups = (res.body.duplicates ?? []) as Suggestion[];
    if (dups.length) this.stats.note('duplicates_suggested');
    const t = this.adopt(inc, true, dups);
    t.description = body.description;
    this.recent.push(t);
    if (this.recent.length > 500) this.recent.shift();
  }

  private adopt(inc: IncidentJson, own: boolean, suggestions: readonly Suggestion[]): Tracked {
    const t: Tracked = {
      id: inc.id,
      category: inc.category,
      grade: inc.grade,
      status: inc.status,
      version: inc.version,
      lon: inc.lon,
      lat: inc.lat,
      gridId: inc.grid_id,
      streetOfficeId: inc.street_office_id,
      description: inc.description,
      reportedAt: Date.now(),
      own,
      fate: chooseFate(this.rng, inc.grade, suggestions),
      progress: { reopened: 0, escalated: 0 },
      department: null,
      busy: false,
      noUnit: false,
    };
    this.tracked.set(t.id, t);
    this.scheduleNext(t);
    return t;
  }

  private async adoptFromQueue() {
    const res = await this.call<{ incidents: IncidentJson[] }>('GET', '/api/queue?limit=50').catch((err: unknown) => {
      this.onGaveUp('adopt', err);
      return null;
    });
    if (!res || res.status !== 200) return;
    let cap = Math.max(1, Math.ceil(this.opts.rate * 2));
    for (const inc of res.body.incidents) {
      if (cap <= 0) break;
      if (this.tracked.has(inc.id) || this.acked.has(inc.id)) continue;
      this.stats.adopted++;
      cap--;
      this.adopt(inc, false, []);
    }
  }

  // ---------------------------------------------------------------- the loop

  private scheduleNext(t: Tracked, minDelayMs = 0) {
    if (isClosed(t.status)) {
      this.tracked.delete(t.id);
      return;
    }
    const step = nextStep(t.status, t.grade, t.fate, t.progress);
    if (!step) return; // left in the backlog
    const delay = Math.max(minDelayMs, humanDelayMs(this.rng, step.medianS, this.speed));
    this.timers.after(delay, () => this.spawn(this.act(t, step.action)));
  }

  private async act(t: Tracked, action: Action) {
    if (t.busy || this.stopping) return;
    t.busy = true;
    try {
      if (action === 'mark_duplicate') {
        // Like an operator, look at the suggested original first: it may have been closed as a
        // duplicate itself meanwhile (then the live original is the one it points to).
        t.fate.duplicateOf = await this.liveOriginal(t.fate.duplicateOf);
        if (!t.fate.duplicateOf) return void this.scheduleNext(t, 500);
      }
      const body = await actionBody(this.rng, this.opts.units, t, action);
      this.touched.add(t.id);
      let res: ApiResult;
      try {
        res = await this.call('POST', `/api/incidents/${t.id}/actions`, body);
      } catch (err) {
        this.onGaveUp(action, err);
        if (!this.stopping) await this.reread(t);
        return;
      }
      if (res.status === 200) {
        const inc = res.body.incident as IncidentJson;
        t.status = inc.status;
        t.version = inc.version;
        this.ackedActions.push({ id: t.id, action, version: inc.version, to: inc.status });
        this.stats.action(action);
        if (action === 'reopen') t.progress.reopened++;
        if (action === 'escalate') {
          t.progress.escalated++;
          t.department = (body.department as string) ?? null;
        }
        this.scheduleNext(t);
        return;
      }
      if (
        res.status === 409 &&
        action === 'dispatch' &&
        (res.body?.error as { code?: string } | undefined)?.code === 'unit_unavailable'
      ) {
        // The unit is off duty or busy with another incident: dispatch without one this time.
        this.stats.note('unit busy');
        t.noUnit = true;
        return void this.scheduleNext(t, 500);
      }
      if (
        res.status === 400 &&
        action === 'mark_duplicate' &&
        /is itself/.test((res.body?.error as { message?: string } | undefined)?.message ?? '')
      ) {
        // The original was closed (as a duplicate, or rejected) between looking and marking, as
        // happens to an operator: look for the live original again.
        this.stats.note('original closed meanwhile');
        return void this.scheduleNext(t, 500);
      }
      this.httpError(res, action);
      if (res.status === 404) {
        this.tracked.delete(t.id);
      } else if (res.status === 400) {
        // The server refused what we sent: try the step another way, or let the incident go.
        if (action === 'mark_duplicate') t.fate.duplicateOf = null;
        else if (action === 'dispatch' && body.unit_id !== undefined) t.noUnit = true;
        else return void this.tracked.delete(t.id);
        this.scheduleNext(t, 500);
      } else {
        // 409 (someone moved it, or our own earlier attempt did) or a server error: look again.
        await this.reread(t);
      }
    } finally {
      t.busy = false;
    }
  }

  /** Reads the incident's current state and carries on from there. */
  private async reread(t: Tracked) {
    this.stats.note('reread');
    let res: ApiResult;
    try {
      res = await this.call('GET', `/api/incidents/${t.id}`);
    } catch (err) {
      this.onGaveUp('reread', err);
      if (!this.stopping) this.timers.after(5000, () => this.spawn(this.reread(t)));
      return;
    }
    if (res.status !== 200) {
      this.httpError(res, 'reread');
      this.tracked.delete(t.id);
      return;
    }
    const inc = res.body.incident as IncidentJson;
    t.status = inc.status;
    t.version = inc.version;
    this.scheduleNext(t, 500);
  }

  /** Follows duplicate_of links to the incident actually being handled; null if there is none. */
  private async liveOriginal(id: string | null): Promise<string | null> {
    for (let hops = 0; id && hops < 5; hops++) {
      let res: ApiResult;
      try {
        res = await this.call('GET', `/api/incidents/${id}`);
      } catch (err) {
        this.onGaveUp('original', err);
        return null;
      }
      if (res.status !== 200) return null;
      const inc = res.body.incident as IncidentJson & { duplicate_of: string | null };
      if (inc.status === 'rejected') return null;
      if (inc.status !== 'duplicate') return id;
      id = inc.duplicate_of;
    }
    return null;
  }

  // ---------------------------------------------------------------- errors

  private httpError(res: ApiResult, what = 'report') {
    const code = (res.body as { error?: { code?: string } } | null)?.error?.code;
    this.stats.error(
      res.status >= 500
        ? `http:${res.status}`
        : `${res.status}:${code ?? 'unknown'}${what === 'report' ? '' : `(${what})`}`,
    );
  }

  private onGaveUp(what: string, err: unknown) {
    if (err instanceof GaveUp) this.stats.error(`gave_up(${what})`);
    else throw err;
  }
}
