/**
 * What CI makes of `npm audit --json`: fail (exit 1) only on high or critical advisories the audit
 * reports; when the registry has no audit endpoint (a mirror answering 405, an offline intranet),
 * warn and pass, since that says nothing about the dependencies either way.
 */
interface AuditJson {
  error?: unknown;
  message?: string;
  metadata?: { vulnerabilities?: Record<string, number> };
  vulnerabilities?: Record<string, { severity: string }>;
}

export interface AuditVerdict {
  exitCode: 0 | 1;
  lines: string[];
}

export function auditVerdict(stdout: string, stderr: string): AuditVerdict {
  let report: AuditJson | null;
  try {
    report = JSON.parse(stdout) as AuditJson;
  } catch {
    report = null;
  }
  const counts = report?.metadata?.vulnerabilities;
  if (!report || report.error || !counts) {
    const why = report?.message || stderr.trim().split('\n').at(-1) || 'no answer';
    return {
      exitCode: 0,
      lines: [`[audit] WARNING: npm audit could not run against this registry (${why}); dependencies NOT audited`],
    };
  }
  const critical = counts.critical ?? 0;
  const high = counts.high ?? 0;
  if (critical + high === 0) {
    return {
      exitCode: 0,
      lines: [`[audit] no high or critical advisories in production dependencies (${counts.total ?? 0} lower ones)`],
    };
  }
  const names = Object.entries(report.vulnerabilities ?? {})
    .filter(([, v]) => v.severity === 'high' || v.severity === 'critical')
    .map(([name, v]) => `  ${v.severity.padEnd(8)} ${name}`);
  return {
    exitCode: 1,
    lines: [
      `[audit] ${critical} critical and ${high} high advisories in production dependencies:`,
      ...names,
      '[audit] `npm audit --omit=dev` shows the advisories and their fixes',
    ],
  };
}
