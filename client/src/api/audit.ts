/**
 * Typed calls of the audit trail (`/api/audit*`, admins only): a page of rows, the chain's state,
 * and the CSV/XLSX downloads of what the filters match. Types from server/src/contract/audit.ts.
 */
import type { AuditAction, AuditPageT, AuditRowT, ChainStatusT } from '../../../server/src/contract/audit.ts';
import { request, requestBlob } from './http';

export type { AuditAction, AuditPageT, AuditRowT, ChainStatusT };
export { AUDIT_ACTIONS } from '../../../server/src/contract/audit.ts';

export interface AuditFilters {
  user?: string;
  action?: AuditAction;
  q?: string;
  /** ISO 8601 date-times. */
  from?: string;
  to?: string;
}

export function searchAudit(
  filters: AuditFilters,
  page: { limit: number; before_seq?: number },
  signal?: AbortSignal,
): Promise<AuditPageT> {
  return request<AuditPageT>('/api/audit', { query: { ...filters, ...page }, signal });
}

export function verifyAudit(signal?: AbortSignal): Promise<ChainStatusT> {
  return request<ChainStatusT>('/api/audit/verify', { signal });
}

/** Downloads the rows the filters match as a file (the download is itself recorded). */
export async function downloadAudit(filters: AuditFilters, format: 'csv' | 'xlsx'): Promise<void> {
  const blob = await requestBlob(`/api/audit/export.${format}`, { query: { ...filters } });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `gridboard-audit.${format}`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
