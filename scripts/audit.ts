/**
 * CI's dependency audit: `npm audit --omit=dev --audit-level=high`, judged by auditVerdict (fails
 * on high/critical advisories only; a registry without the audit endpoint only warns).
 */
import { spawnSync } from 'node:child_process';
import { auditVerdict } from './lib/audit-verdict.ts';

const r = spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high', '--json'], {
  encoding: 'utf8',
  timeout: 120_000,
});
const verdict = auditVerdict(r.stdout ?? '', r.stderr || r.error?.message || '');
for (const line of verdict.lines) (verdict.exitCode ? console.error : console.log)(line);
process.exit(verdict.exitCode);
