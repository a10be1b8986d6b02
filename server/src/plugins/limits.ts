/**
 * Per-user limits: every write (POST/PUT/PATCH/DELETE) and every expensive read (exports, print
 * PDFs, the assessment, playback, coverage computations, import previews) counts against the
 * signed-in user's budget per minute (`@fastify/rate-limit`, keyed by the user id, else the
 * address); over it is a 429 with Retry-After and the reason. The check is a route preParsing
 * hook: after the route's onRequest guard has named the user, before the body is read.
 * Expensive reads also pass a per-process gate of a few at a time (as many again may wait their
 * turn a while), so a burst of them answers 503 instead of holding every database connection
 * while health checks and cheap reads wait.
 * Routes with a limit of their own (login, Open311) keep theirs.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { appError } from '../errors.ts';

export interface LimitOptions {
  /** Writes a minute per user. */
  writeRate: number;
  /** Expensive reads a minute per user. */
  expensiveReadRate: number;
  /** Expensive reads computed at once in this process; more are refused with 503. */
  expensiveConcurrency: number;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** GET routes whose work grows with the city or the time window asked for. */
const EXPENSIVE_READS: RegExp[] = [
  /^\/api\/patrols\/(assessment|playback|reach|path)$/,
  /^\/api\/export\//,
  /^\/api\/cameras\/export$/,
  /^\/api\/communities\/:id\/(export|partition)$/,
  /^\/api\/grids\/:id\/print\.pdf$/,
  /^\/api\/coverage(\/|$)/,
  /^\/api\/imports\/:id$/,
];

export function isExpensiveRead(method: string, url: string): boolean {
  return method === 'GET' && EXPENSIVE_READS.some((re) => re.test(url));
}

type Limiter = (req: FastifyRequest) => Promise<{ isAllowed: boolean; isExceeded?: boolean; ttlInSeconds?: number }>;

declare module 'fastify' {
  interface FastifyInstance {
    createRateLimit(options: {
      max: number;
      timeWindow: number;
      keyGenerator: (req: FastifyRequest) => string;
    }): Limiter;
  }
}

const keyOf = (prefix: string) => (req: FastifyRequest) => {
  const sub = (req as { user?: { sub?: unknown } }).user?.sub;
  return sub != null ? `${prefix}:user:${String(sub)}` : `${prefix}:ip:${req.ip}`;
};

function limitHook(limit: Limiter, what: string, perMinute: number) {
  return async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const r = await limit(request);
    if (!r.isAllowed && r.isExceeded) {
      const wait = Math.max(1, r.ttlInSeconds ?? 60);
      void reply.header('retry-after', wait);
      throw appError('rate_limited', `Too many ${what}: at most ${perMinute} a minute per user; retry in ${wait} s`);
    }
    return payload;
  };
}

function addHook(route: RouteOptions, name: 'preParsing', hook: unknown) {
  const existing = route[name];
  route[name] = [...(existing ? (Array.isArray(existing) ? existing : [existing]) : []), hook] as never;
}

/**
 * Expensive reads in flight in this process: `size` at once, as many again waiting up to
 * `waitMs` for a turn; beyond that, or after waiting that long, the answer is no.
 */
export function gate(size: number, waitMs = 10_000) {
  let busy = 0;
  const waiting: ((ok: boolean) => void)[] = [];
  return {
    enter(): Promise<boolean> {
      if (busy < size) {
        busy++;
        return Promise.resolve(true);
      }
      if (waiting.length >= size) return Promise.resolve(false);
      return new Promise((resolve) => {
        const turn = (ok: boolean) => {
          clearTimeout(timer);
          resolve(ok);
        };
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(turn), 1);
          resolve(false);
        }, waitMs);
        waiting.push(turn);
      });
    },
    leave() {
      // The slot passes straight to the next in line, or frees.
      const next = waiting.shift();
      if (next) next(true);
      else busy--;
    },
  };
}

async function limits(app: FastifyInstance, opts: LimitOptions) {
  const window = 60_000;
  const writes = app.createRateLimit({ max: opts.writeRate, timeWindow: window, keyGenerator: keyOf('write') });
  const reads = app.createRateLimit({
    max: opts.expensiveReadRate,
    timeWindow: window,
    keyGenerator: keyOf('read'),
  });
  const inFlight = gate(opts.expensiveConcurrency);

  app.addHook('onRoute', (route) => {
    if ((route.config as { rateLimit?: unknown } | undefined)?.rateLimit) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.some((m) => WRITES.has(m))) {
      addHook(route, 'preParsing', limitHook(writes, 'changes', opts.writeRate));
      return;
    }
    if (!methods.some((m) => isExpensiveRead(m, route.url))) return;
    addHook(route, 'preParsing', limitHook(reads, 'expensive reads', opts.expensiveReadRate));
    const handler = route.handler;
    route.handler = async function gated(this: FastifyInstance, request, reply) {
      if (!(await inFlight.enter())) {
        void reply.header('retry-after', 5);
        throw appError(
          'busy',
          `The server is computing ${opts.expensiveConcurrency} expensive reads already; retry in a few seconds`,
        );
      }
      try {
        return await handler.call(this, request, reply);
      } finally {
        inFlight.leave();
      }
    };
  });
}

export default fp(limits, { name: 'gridboard-limits', dependencies: ['@fastify/rate-limit'] });
