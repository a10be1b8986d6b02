/**
 * The typed HTTP client: the only place the browser talks to the server.
 *
 * - Base URL is the page's own origin (the product runs on an intranet; nothing leaves it).
 * - Every request carries `Authorization: Bearer <token>` once logged in.
 * - Error bodies `{error: {code, message}}` become a thrown {@link ApiError}.
 * - A 401 from any request (other than the login itself) notifies the registered
 *   unauthorized handler, which sends the user back to the login page.
 */

const TOKEN_KEY = 'gridboard.token';

/** An error response from the server, or a network failure (`status` 0, code `network`). */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

// ---------------------------------------------------------------------------------------------
// Token storage

export function getToken(): string | null {
  try {
    return window.localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function setToken(token: string | null): void {
  try {
    if (token) window.localStorage.setItem(TOKEN_KEY, token);
    else window.localStorage.removeItem(TOKEN_KEY);
  } catch {
    // Private mode or storage disabled: the session lasts as long as the page.
  }
}

/** Headers every authenticated request (API, tiles) must carry: for the stored token, or the one given. */
export function authHeaders(token: string | null = getToken()): Record<string, string> {
  return token ? { Authorization: `Bearer ${token}` } : {};
}

// ---------------------------------------------------------------------------------------------
// Unauthorized handling

type UnauthorizedHandler = () => void;
let unauthorizedHandler: UnauthorizedHandler | null = null;

/** Register what happens when the server says the token is missing, expired or revoked. */
export function onUnauthorized(handler: UnauthorizedHandler | null): void {
  unauthorizedHandler = handler;
}

/** Report a 401 seen outside {@link request} (e.g. by the tile loaders). */
export function reportUnauthorized(): void {
  unauthorizedHandler?.();
}

// ---------------------------------------------------------------------------------------------
// Requests

/** Absolute URL on the page's own origin. */
export function originUrl(path: string): string {
  return new URL(path, window.location.origin).href;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** JSON-serialisable body. */
  body?: unknown;
  /** Query parameters; undefined values are left out. */
  query?: Record<string, string | number | undefined>;
  signal?: AbortSignal;
  /** Send the bearer token (default true). */
  auth?: boolean;
}

/** Perform a JSON request against the server and return the parsed body. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, query, signal, auth = true } = options;
  const url = new URL(path, window.location.origin);
  if (query) {
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
  }
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (auth) Object.assign(headers, authHeaders());
  if (body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      credentials: 'same-origin',
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'The server cannot be reached. Check the connection and retry.');
  }

  const text = await response.text();
  const parsed = text ? safeJson(text) : undefined;

  if (!response.ok) {
    const error = readErrorBody(parsed);
    const apiError = new ApiError(
      response.status,
      error?.code ?? `http_${response.status}`,
      error?.message ?? (response.statusText || `Request failed with status ${response.status}`),
    );
    if (response.status === 401 && auth) unauthorizedHandler?.();
    throw apiError;
  }
  return parsed as T;
}

/**
 * Fetch a file the server makes (a download: GeoJSON export, a printable PDF) with the bearer token.
 * Errors are thrown as {@link request}'s are: an {@link ApiError} from the error body, or `network`.
 */
export async function requestBlob(path: string, options: Pick<RequestOptions, 'query' | 'signal'> = {}): Promise<Blob> {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  let response: Response;
  try {
    response = await fetch(url, { headers: authHeaders(), signal: options.signal, credentials: 'same-origin' });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'The server cannot be reached. Check the connection and retry.');
  }
  if (!response.ok) {
    const text = await response.text();
    const error = readErrorBody(text ? safeJson(text) : undefined);
    if (response.status === 401) unauthorizedHandler?.();
    throw new ApiError(
      response.status,
      error?.code ?? `http_${response.status}`,
      error?.message ?? (response.statusText || `Download failed (${response.status})`),
    );
  }
  return response.blob();
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function readErrorBody(body: unknown): { code?: string; message?: string } | undefined {
  if (!body || typeof body !== 'object' || !('error' in body)) return undefined;
  const error = (body as { error: unknown }).error;
  if (!error || typeof error !== 'object') return undefined;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return {
    code: typeof code === 'string' ? code : undefined,
    message: typeof message === 'string' ? message : undefined,
  };
}
