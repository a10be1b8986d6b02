/**
 * Patrol movement for the simulator: units walk (grid workers) or drive (patrol teams) along the
 * street paths the server itself routes (GET /api/patrols/path), in real time, and report fixes
 * in batches through POST /api/patrols/fixes as a device gateway would. A unit that the closed
 * loop has dispatched (status `responding`) heads for its incident by the streets at a brisker
 * pace, and resumes patrolling once the incident is handled. Speeds are physical, not scaled by
 * the simulator's --speed: a fix stream faster than 200 km/h would rightly be refused.
 */
import { DRIVE_MPS, WALK_MPS } from '../../server/src/domain/patrol-travel.ts';
import type { Api } from './http.ts';
import { Rng } from './random.ts';

interface UnitJson {
  id: number;
  kind: string;
  status: string;
  lon: number;
  lat: number;
  responding_to: string | null;
}

interface Mover {
  id: number;
  kind: string;
  status: string;
  respondingTo: string | null;
  /** Where it is. */
  lon: number;
  lat: number;
  /** The street path it follows and how far along it is (metres). */
  path: [number, number][];
  legs: number[];
  along: number;
  planning: boolean;
  pauseS: number;
}

export interface PatrolMoverOptions {
  api: Api;
  /** Most units moved (the first N on duty by id). */
  units: number;
  /** Seconds between a unit's fixes. */
  fixEveryS: number;
  seed: number;
  log?: (m: string) => void;
}

const R = 6_371_008.8;
const rad = Math.PI / 180;
function metres(a: [number, number], b: [number, number]) {
  const x = (b[0] - a[0]) * rad * Math.cos(((a[1] + b[1]) / 2) * rad);
  return Math.hypot(x, (b[1] - a[1]) * rad) * R;
}
function offset(p: [number, number], east: number, north: number): [number, number] {
  return [p[0] + east / (R * rad * Math.cos(p[1] * rad)), p[1] + north / (R * rad)];
}

export class PatrolMover {
  readonly stats = { batches: 0, sent: 0, stored: 0, rejected: 0, paths: 0, responses: 0, errors: 0 };
  private movers = new Map<number, Mover>();
  private rng: Rng;
  private timers: NodeJS.Timeout[] = [];
  private last = Date.now();
  private stopped = false;
  private inFlight = new Set<Promise<unknown>>();

  constructor(private readonly o: PatrolMoverOptions) {
    this.rng = new Rng(o.seed);
  }

  async start() {
    await this.refresh();
    this.timers.push(setInterval(() => this.step(), 1000));
    this.timers.push(setInterval(() => this.track(this.report()), this.o.fixEveryS * 1000));
    this.timers.push(setInterval(() => this.track(this.refresh()), 15_000));
  }

  async stop() {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    await Promise.allSettled([...this.inFlight]);
  }

  summary(): string {
    const s = this.stats;
    return `patrols: ${this.movers.size} units moved, ${s.batches} fix batches, ${s.sent} fixes sent, ${s.stored} stored, ${s.rejected} refused, ${s.paths} street paths, ${s.responses} responses, ${s.errors} errors`;
  }

  private track<T>(p: Promise<T>) {
    this.inFlight.add(p);
    void p
      .catch(() => {
        this.stats.errors++;
      })
      .finally(() => this.inFlight.delete(p));
  }

  /** Units and statuses from the server: new units join, dispatched ones start responding. */
  private async refresh() {
    const res = await this.o.api.get<{ units: UnitJson[] }>('/api/patrols/units');
    if (res.status !== 200) {
      this.stats.errors++;
      return;
    }
    const onDuty = res.body.units
      .filter((u) => u.status !== 'off_duty' || this.movers.has(u.id))
      .slice(0, this.o.units);
    for (const u of onDuty) {
      const m = this.movers.get(u.id);
      if (!m) {
        this.movers.set(u.id, {
          id: u.id,
          kind: u.kind,
          status: u.status,
          respondingTo: u.responding_to,
          lon: u.lon,
          lat: u.lat,
          path: [],
          legs: [],
          along: 0,
          planning: false,
          pauseS: 0,
        });
        continue;
      }
      if (u.responding_to && u.responding_to !== m.respondingTo) {
        // Newly dispatched: drop the patrol path; the next step routes it to the incident.
        m.path = [];
        m.legs = [];
        m.along = 0;
        m.pauseS = 0;
      }
      m.status = u.status;
      m.respondingTo = u.responding_to;
    }
  }

  private speed(m: Mover) {
    const base = m.kind === 'patrol_team' ? DRIVE_MPS : WALK_MPS;
    return base * (m.status === 'responding' ? 1.5 : 1) * (0.85 + (0.3 * ((m.id * 7919) % 100)) / 100);
  }

  /** Advances every unit by the real time since the last step; routes those that need a path. */
  private step() {
    const now = Date.now();
    const dt = (now - this.last) / 1000;
    this.last = now;
    for (const m of this.movers.values()) {
      if (m.status === 'off_duty') continue;
      if (m.pauseS > 0) {
        m.pauseS -= dt;
        continue;
      }
      const total = m.legs.length ? m.legs[m.legs.length - 1] : 0;
      if (m.along >= total) {
        if (!m.planning) this.track(this.plan(m));
        continue;
      }
      m.along = Math.min(total, m.along + this.speed(m) * dt);
      let i = 1;
      while (i < m.legs.length - 1 && m.legs[i] < m.along) i++;
      const [a, b] = [m.path[i - 1], m.path[i]];
      const seg = m.legs[i] - m.legs[i - 1];
      const f = seg > 0 ? (m.along - m.legs[i - 1]) / seg : 1;
      m.lon = a[0] + (b[0] - a[0]) * f;
      m.lat = a[1] + (b[1] - a[1]) * f;
      if (m.along >= total && m.status === 'on_patrol' && this.rng.chance(m.kind === 'grid_worker' ? 0.4 : 0.1)) {
        m.pauseS = this.rng.int(30, 240); // a household visit, a word with a shopkeeper
      }
    }
  }

  /** The next street path: to the incident when responding, else to a point of its beat. */
  private async plan(m: Mover) {
    m.planning = true;
    try {
      let to: [number, number];
      if (m.status === 'responding' && m.respondingTo) {
        const inc = await this.o.api.get<{ incident: { lon: number; lat: number } }>(
          `/api/incidents/${m.respondingTo}`,
        );
        if (inc.status !== 200) return;
        to = [inc.body.incident.lon, inc.body.incident.lat];
        if (metres([m.lon, m.lat], to) < 25) return; // on scene
        this.stats.responses++;
      } else {
        const reach = m.kind === 'patrol_team' ? this.rng.int(400, 1500) : this.rng.int(120, 400);
        const angle = this.rng.next() * 2 * Math.PI;
        to = offset([m.lon, m.lat], Math.cos(angle) * reach, Math.sin(angle) * reach);
      }
      const res = await this.o.api.get<{ path: [number, number][] }>(
        `/api/patrols/path?from=${m.lon.toFixed(7)},${m.lat.toFixed(7)}&to=${to[0].toFixed(7)},${to[1].toFixed(7)}`,
      );
      if (res.status !== 200) {
        this.stats.errors++;
        return;
      }
      this.stats.paths++;
      // Start where the unit stands, then the streets.
      const path: [number, number][] = [[m.lon, m.lat], ...res.body.path];
      const legs = [0];
      for (let i = 1; i < path.length; i++) legs.push(legs[i - 1] + metres(path[i - 1], path[i]));
      m.path = path;
      m.legs = legs;
      m.along = 0;
    } finally {
      m.planning = false;
    }
  }

  /** One batch with every moving unit's position now, with a little GPS noise. */
  private async report() {
    if (this.stopped) return;
    const t = Date.now();
    const fixes = [...this.movers.values()]
      .filter((m) => m.status !== 'off_duty')
      .map((m) => {
        const accuracy = Math.round((3 + this.rng.next() * 9) * 10) / 10;
        const [lon, lat] = offset(
          [m.lon, m.lat],
          (this.rng.next() - 0.5) * accuracy * 0.6,
          (this.rng.next() - 0.5) * accuracy * 0.6,
        );
        return { unit: m.id, lon, lat, t, accuracy };
      });
    for (let i = 0; i < fixes.length; i += 5000) {
      const chunk = fixes.slice(i, i + 5000);
      const res = await this.o.api.post<{ stored: number; rejected: Record<string, number> }>('/api/patrols/fixes', {
        fixes: chunk,
      });
      this.stats.batches++;
      this.stats.sent += chunk.length;
      if (res.status !== 200) {
        this.stats.errors++;
        continue;
      }
      this.stats.stored += res.body.stored;
      this.stats.rejected += Object.values(res.body.rejected).reduce((a, b) => a + b, 0);
    }
  }
}
