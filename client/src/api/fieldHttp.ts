/**
 * The phone's HTTP calls. Unlike the console's client, an error is an answer, not an exception:
 * the outbox needs the status to decide (stored, retry, refused), and a phone without signal
 * gets status 0. Same origin only; the bearer token is the signed-in worker's.
 */
import { getToken } from './http';

export interface Answer<T = unknown> {
  status: number;
  body: T | null;
  /** The server's reason (`error.message`), or a network message. */
  message: string;
}

export async function call<T = unknown>(
  path: string,
  init: { method?: string; json?: unknown; form?: FormData; signal?: AbortSignal } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (init.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(init.json);
  } else if (init.form) body = init.form;
  let res: Response;
  try {
    res = await fetch(new URL(path, window.location.origin), {
      method: init.method ?? (body ? 'POST' : 'GET'),
      headers,
      body,
      signal: init.signal,
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    return { status: 0, body: null, message: '没有网络 · No connection' };
  }
  const text = await res.text().catch(() => '');
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  const err = (parsed as { error?: { message?: string } } | null)?.error;
  return {
    status: res.status,
    body: res.ok ? (parsed as T) : null,
    message: err?.message ?? (res.ok ? '' : `HTTP ${res.status}`),
  };
}

/** A GET that throws on anything but 2xx: for the screens' reads. */
export async function read<T>(path: string): Promise<T> {
  const a = await call<T>(path);
  if (a.status < 200 || a.status >= 300 || a.body === null) throw Object.assign(new Error(a.message), a);
  return a.body;
}
