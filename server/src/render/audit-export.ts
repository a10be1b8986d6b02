/** The audit trail as a CSV or XLSX download, streamed a page at a time, newest first. */
import { Readable } from 'node:stream';
import { csvCell } from '../domain/audit.ts';
import type { AuditRow } from '../repos/audit.ts';
import type { ExportRow } from '../repos/exports.ts';
import { xlsxStream } from './layer-export.ts';

export const AUDIT_COLUMNS = [
  'seq',
  'at',
  'actor',
  'role',
  'session_id',
  'ip',
  'user_agent',
  'action',
  'method',
  'route',
  'target_kind',
  'target_ids',
  'status',
  'before',
  'after',
  'detail',
  'hash',
] as const;

/** One row's cells: structured values as JSON text. */
function flat(r: AuditRow): ExportRow {
  const out: ExportRow = {};
  for (const c of AUDIT_COLUMNS) {
    const v = r[c];
    out[c] = v === null || v === undefined ? null : typeof v === 'object' ? JSON.stringify(v) : (v as string | number);
  }
  return out;
}

export function auditCsv(pages: AsyncIterable<AuditRow[]>): Readable {
  return Readable.from(
    (async function* () {
      // A BOM, so that spreadsheet programs read the Chinese text as UTF-8.
      yield `\uFEFF${AUDIT_COLUMNS.join(',')}\r\n`;
      for await (const rows of pages) {
        const f = rows.map(flat);
        yield f.map((r) => `${AUDIT_COLUMNS.map((c) => csvCell(r[c])).join(',')}\r\n`).join('');
      }
    })(),
  );
}

export function auditXlsx(pages: AsyncIterable<AuditRow[]>): Readable {
  return xlsxStream(
    'audit',
    [...AUDIT_COLUMNS],
    (async function* () {
      for await (const rows of pages) yield rows.map(flat);
    })(),
  );
}
