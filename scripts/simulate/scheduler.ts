/**
 * Time for the simulator: Poisson arrivals at a mean rate, human delays scaled by a speed factor,
 * a bound on requests in flight, and timers that all stop at once.
 */
import type { Rng } from './random.ts';

/** Delayed tasks that can all be cancelled together (Ctrl-C, --duration). */
export class Timers {
  private pending = new Set<NodeJS.Timeout>();
  stopped = false;

  after(ms: number, fn: () => void): void {
    if (this.stopped) return;
    const t = setTimeout(
      () => {
        this.pending.delete(t);
        if (!this.stopped) fn();
      },
      Math.max(0, ms),
    );
    this.pending.add(t);
  }

  get size(): number {
    return this.pending.size;
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.pending) clearTimeout(t);
    this.pending.clear();
  }
}

/**
 * Fires `fn` at Poisson arrivals of `rate` per second: exponential gaps with mean 1/rate. Gaps are
 * measured from the planned time, not from when a timer happened to fire, so the long-run rate
 * holds even when the event loop is busy.
 */
export function poissonArrivals(timers: Timers, rng: Rng, rate: number, fn: () => void): void {
  if (!(rate > 0)) return;
  let next = Date.now();
  const plan = () => {
    next += rng.exponential(1000 / rate);
    timers.after(next - Date.now(), () => {
      fn();
      plan();
    });
  };
  plan();
}

/** Human delay: log-normal around `medianS` seconds, divided by `speed`, in ms. */
export function humanDelayMs(rng: Rng, medianS: number, speed: number, sigma = 0.6): number {
  return (rng.logNormal(medianS, sigma) * 1000) / speed;
}

/** A counting semaphore: at most `max` requests in flight, the rest wait their turn in order. */
export class Limiter {
  private active = 0;
  private queue: (() => void)[] = [];

  constructor(private readonly max: number) {}

  get inFlight(): number {
    return this.active;
  }

  get waiting(): number {
    return this.queue.length;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    // A finishing task hands its slot straight to the next waiter.
    if (this.active >= this.max) await new Promise<void>((r) => this.queue.push(r));
    else this.active++;
    try {
      return await fn();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    }
  }
}
