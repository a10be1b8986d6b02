/**
 * The simulator's HTTP client: JSON over fetch with a bearer token, and the retry rules of a
 * field phone. A request that failed on the network (refused, reset, timed out) is sent again,
 * unchanged — reports carry their own id and actions the version they act on, so a repeat is
 * harmless. 503 (database away) and 429 are retried after the server's Retry-After or a backoff.
 * Every other answer goes back to the caller.
 */
import type { Stats } from './stats.ts';

/** An answer whose shape the caller did not declare: its fields are cast where they are read. */
export type ApiBody = Record<string, unknown>;

export interface ApiResult<T = ApiBody> {
  status: number;
  body: T;
}

export class GaveUp extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly lastError: string,
    readonly attempts: number,
  ) {
    super(`${method} ${path}: gave up after ${attempts} attempts (${lastError})`);
  }
}

export interface ApiOptions {
  token?: string;
  stats?: Stats;
  /** Per attempt (ms). */
  timeoutMs?: number;
  /** How long to keep retrying one request (ms). */
  retryForMs?: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A short name for a network failure: the errno under fetch's TypeError, or the abort reason. */
export function networkErrorKind(err: unknown): string {
  const e = err as {
    name?: string;
    code?: string;
    message?: string;
    cause?: { code?: string; name?: string; message?: string };
  };
  if (e?.name === 'TimeoutError' || e?.cause?.name === 'TimeoutError') return 'timeout';
  return e?.cause?.code ?? e?.code ?? e?.cause?.message?.slice(0, 40) ?? e?.message?.slice(0, 40) ?? 'unknown';
}

/** `POST /api/incidents/:id/actions` for `POST /api/incidents/0b7…/actions`: latency per route. */
export function routeOf(method: string, path: string): string {
  return `${method} ${path
    .split('?')[0]
    .replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id')
    .replace(/\/\d+(?=\/|$)/g, '/:id')}`;
}

export class Api {
  token: string | undefined;
  stats: Stats | undefined;
  timeoutMs: number;
  retryForMs: number;
  private stopped = false;

  constructor(
    readonly baseUrl: string,
    opts: ApiOptions = {},
  ) {
    this.baseUrl = baseUrl.replace(/\/$/, '');
    this.token = opts.token;
    this.stats = opts.stats;
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.retryForMs = opts.retryForMs ?? 60_000;
  }

  /** Makes requests give up at their next failure instead of retrying. */
  abortRetries() {
    this.stopped = true;
  }

  async request<T = ApiBody>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<ApiResult<T>> {
    const started = Date.now();
    let attempts = 0;
    let backoff = 200;
    let lastError: string;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    for (;;) {
      attempts++;
      const t0 = performance.now();
      let wait: number;
      try {
        const res = await fetch(this.baseUrl + path, {
          method,
          headers: {
            ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
            ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
          },
          body: payload,
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        const text = await res.text();
        this.stats?.latency(performance.now() - t0, res.status, routeOf(method, path));
        if (res.status !== 503 && res.status !== 429) {
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            // not JSON: give the text back
          }
          return { status: res.status, body: parsed as T };
        }
        lastError = `http:${res.status}`;
        this.stats?.error(lastError);
        const retryAfter = Number(res.headers.get('retry-after'));
        wait = Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter * 1000, 10_000) : backoff;
      } catch (err) {
        lastError = `net:${networkErrorKind(err)}`;
        this.stats?.error(lastError);
        wait = backoff;
      }
      backoff = Math.min(backoff * 2, 4000);
      if (this.stopped || Date.now() - started + wait > this.retryForMs)
        throw new GaveUp(method, path, lastError, attempts);
      await sleep(wait * (0.75 + Math.random() * 0.5));
    }
  }

  get<T = ApiBody>(path: string) {
    return this.request<T>('GET', path);
  }

  post<T = ApiBody>(path: string, body: unknown) {
    return this.request<T>('POST', path, body);
  }

  /** Logs in; keeps the token for later requests. */
  async login(username: string, password: string): Promise<string> {
    const res = await this.post<{ token?: string; error?: { message: string } }>('/api/auth/login', {
      username,
      password,
    });
    if (res.status !== 200 || !res.body?.token) {
      throw new Error(
        `login as ${username} at ${this.baseUrl} failed: ${res.status} ${res.body?.error?.message ?? JSON.stringify(res.body)}`,
      );
    }
    this.token = res.body.token;
    return this.token;
  }
}
