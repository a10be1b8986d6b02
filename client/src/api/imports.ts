/**
 * Typed calls of the Data page (`/data`): a city's file uploaded to the importer (a dry run with
 * a preview, or the import itself) with the upload's own progress, the import history and undo.
 * The upload is an XMLHttpRequest (fetch reports no upload progress); the server's progress
 * arrives on the live socket as `import:progress` for the token sent with the file.
 */
import type {
  ImportHistoryEntry,
  ImportLayer,
  ImportProgress,
  ImportReport,
  ProblemPlace,
} from '../../../server/src/contract/imports.ts';
import { ApiError, authHeaders, originUrl, reportUnauthorized, request } from './http';

export type { ImportHistoryEntry, ImportLayer, ImportProgress, ImportReport, ProblemPlace };

/** The server refused the file (422) and said why, with the report (rows refused, places that break the map). */
export class ImportRefusedError extends ApiError {
  readonly report: ImportReport;

  constructor(status: number, code: string, message: string, report: ImportReport) {
    super(status, code, message);
    this.name = 'ImportRefusedError';
    this.report = report;
  }
}

export interface UploadOptions {
  layer: ImportLayer;
  file: File;
  /** EPSG:n, gcj02, bd09; null: the file's own (else WGS 84). */
  crs: string | null;
  /** GBK, GB18030, UTF-8; null: the file's own. */
  encoding: string | null;
  snapMetres: number;
  dryRun: boolean;
  /** The token the server's `import:progress` messages carry. */
  upload: string;
  /** The live socket's id, to which the server sends the progress (null: none). */
  socket: string | null;
  /** Bytes sent of the upload's total, as the browser reports them. */
  onUploadProgress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
}

/** A fresh token naming one upload in the progress messages. */
export function newUploadToken(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/**
 * `POST /api/import/{layer}` as multipart/form-data. Resolves with the report; a 422 rejects
 * with {@link ImportRefusedError} (holding the report), any other failure with {@link ApiError}.
 */
export function uploadImport(o: UploadOptions): Promise<ImportReport> {
  const form = new FormData();
  if (o.crs) form.append('crs', o.crs);
  if (o.encoding) form.append('encoding', o.encoding);
  form.append('snap', String(o.snapMetres));
  form.append('dryRun', o.dryRun ? 'true' : 'false');
  form.append('preview', 'true');
  form.append('upload', o.upload);
  if (o.socket) form.append('socket', o.socket);
  // The file last: the fields are read before it arrives.
  form.append('file', o.file, o.file.name);

  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', originUrl(`/api/import/${encodeURIComponent(o.layer)}`));
    for (const [k, v] of Object.entries(authHeaders())) xhr.setRequestHeader(k, v);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.responseType = 'text';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) o.onUploadProgress?.(e.loaded, e.total);
    };
    // All sent (a small file may report no progress before this): the server is at work now.
    xhr.upload.onload = (e) => o.onUploadProgress?.(e.total || 1, e.total || 1);
    xhr.onerror = () =>
      reject(new ApiError(0, 'network', 'The server cannot be reached. Check the connection and retry.'));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    xhr.onload = () => {
      const body = parse(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as ImportReport);
      const error = (body as { error?: { code?: string; message?: string; report?: ImportReport } } | undefined)?.error;
      const code = error?.code ?? `http_${xhr.status}`;
      const message =
        error?.message ??
        (xhr.status === 413 ? 'The file is too large for the server' : `The import failed (${xhr.status})`);
      if (xhr.status === 401) reportUnauthorized();
      if (error?.report) reject(new ImportRefusedError(xhr.status, code, message, error.report));
      else reject(new ApiError(xhr.status, code, message));
    };
    o.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

function parse(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** `GET /api/imports`: the history, newest first. */
export function fetchImportHistory(limit = 50, signal?: AbortSignal): Promise<ImportHistoryEntry[]> {
  return request<{ items: ImportHistoryEntry[] }>('/api/imports', { query: { limit }, signal }).then((r) => r.items);
}

/** `GET /api/imports/{id}`: an import's stored report. */
export function fetchImportReport(id: number, signal?: AbortSignal): Promise<ImportReport> {
  return request<ImportReport>(`/api/imports/${id}`, { signal });
}

/** `POST /api/imports/{id}/undo`: the entry as it is now; a refusal (409) carries the server's reason. */
export function undoImport(id: number): Promise<ImportHistoryEntry> {
  return request<ImportHistoryEntry>(`/api/imports/${id}/undo`, { method: 'POST' });
}
