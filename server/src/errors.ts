/**
 * One registry of coded errors. Every error a client can see has a stable `code`, a message
 * that says what was wrong, and an HTTP status. Handlers throw `appError('code', detail)`.
 */
export const errorRegistry = {
  bad_request: { status: 400, message: 'The request is malformed' },
  bad_bbox: { status: 400, message: 'bbox must be minLon,minLat,maxLon,maxLat within WGS 84 bounds with min < max' },
  bad_tile: { status: 400, message: 'Tile coordinates are out of range for this zoom level' },
  unknown_layer: { status: 404, message: 'No such tile layer' },
  unauthorized: { status: 401, message: 'A valid token is required' },
  bad_credentials: { status: 401, message: 'Unknown user or wrong password' },
  forbidden: { status: 403, message: 'Your role may not do this' },
  not_found: { status: 404, message: 'Not found' },
  conflict: { status: 409, message: 'The resource changed meanwhile' },
  unit_unavailable: { status: 409, message: 'The patrol unit is off duty or busy with another incident' },
  illegal_transition: { status: 409, message: "This action is not allowed in the incident's current status" },
  outside_area: { status: 400, message: 'The location lies outside every grid of the city' },
  no_route: { status: 422, message: 'No street path joins these places' },
  window_too_large: { status: 400, message: 'The time window is too large; ask for a shorter one' },
  payload_too_large: { status: 413, message: 'The request body is too large' },
  unsupported_media_type: { status: 415, message: 'Unsupported content type' },
  unreadable_image: { status: 422, message: 'The image is truncated or corrupt' },
  rate_limited: { status: 429, message: 'Too many requests; wait and retry' },
  busy: { status: 503, message: 'The server is busy with expensive reads; retry shortly' },
  db_unavailable: { status: 503, message: 'The database is unavailable; retry shortly' },
  bad_geometry: { status: 400, message: 'The geometry is invalid' },
  outside_community: { status: 400, message: 'The geometry reaches outside the community' },
  line_misses: { status: 400, message: 'The line does not cross the grid from one edge to another' },
  not_adjacent: { status: 400, message: 'The grids do not share a boundary' },
  nothing_imported: { status: 422, message: 'No feature of the import could be used' },
  breaks_tiling: { status: 422, message: 'The change would leave a gap, an overlap or a broken grid in the community' },
  internal: { status: 500, message: 'Internal server error' },
} as const;

export type ErrorCode = keyof typeof errorRegistry;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message?: string, details?: Record<string, unknown>) {
    super(message ?? errorRegistry[code].message);
    this.code = code;
    this.statusCode = errorRegistry[code].status;
    this.details = details;
  }
}

export function appError(code: ErrorCode, message?: string, details?: Record<string, unknown>): AppError {
  return new AppError(code, message, details);
}

/** The JSON body every error response carries. */
export interface ErrorBody {
  error: { code: string; message: string; [k: string]: unknown };
}

// Error codes PostgreSQL and node-postgres use when the database cannot be reached or goes away.
const DB_DOWN_SQLSTATES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300']);
const DB_DOWN_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);

/** True when an error means "the database is not there right now" rather than a bug. */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: string; message?: string };
  if (e.code && (DB_DOWN_SQLSTATES.has(e.code) || DB_DOWN_ERRNOS.has(e.code))) return true;
  const msg = e.message ?? '';
  return (
    msg.includes('Connection terminated') ||
    msg.includes('timeout exceeded when trying to connect') ||
    msg.includes('Client has encountered a connection error') ||
    msg.includes('the database system is') // starting up / shutting down / in recovery
  );
}

/**
 * The reason to give a client when PostgreSQL refused a value the client sent: a data exception
 * (SQLSTATE class 22: out of range, invalid text representation, bad date, NUL byte, …) or a NOT
 * NULL / CHECK violation (23502, 23514). Only the server's one-line message is used, never the
 * query, its parameters or the detail; anything else (null) stays a server fault.
 */
export function databaseInputReason(err: unknown): string | null {
  if (!err || typeof err !== 'object') return null;
  const e = err as { code?: unknown; severity?: unknown; message?: unknown };
  if (typeof e.code !== 'string' || typeof e.severity !== 'string' || !/^[0-9A-Z]{5}$/.test(e.code)) return null;
  if (!e.code.startsWith('22') && e.code !== '23502' && e.code !== '23514') return null;
  const message = typeof e.message === 'string' ? e.message.split('\n')[0]!.slice(0, 300) : '';
  return `The database refused a value of the request: ${message || e.code}`;
}
