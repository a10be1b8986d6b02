import { describe, expect, it } from 'vitest';
import { auditVerdict } from './audit-verdict.ts';

const report = (vulns: Record<string, string>, counts: Record<string, number>) =>
  JSON.stringify({
    vulnerabilities: Object.fromEntries(Object.entries(vulns).map(([name, severity]) => [name, { severity }])),
    metadata: { vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, ...counts } },
  });

describe('the CI audit verdict', () => {
  it('fails on high or critical advisories and names the packages', () => {
    const v = auditVerdict(report({ 'bad-pkg': 'critical', 'meh-pkg': 'low' }, { critical: 1, low: 1, total: 2 }), '');
    expect(v.exitCode).toBe(1);
    expect(v.lines.join('\n')).toMatch(/1 critical and 0 high/);
    expect(v.lines.join('\n')).toMatch(/critical\s+bad-pkg/);
    expect(v.lines.join('\n')).not.toMatch(/meh-pkg/);
  });
  it('passes with only lower advisories', () => {
    expect(auditVerdict(report({ x: 'moderate' }, { moderate: 1, total: 1 }), '')).toMatchObject({ exitCode: 0 });
  });
  it('warns and passes when the registry has no audit endpoint (405)', () => {
    const stdout = JSON.stringify({
      message: '405 Method Not Allowed - POST https://r/-/npm/v1/security/advisories/bulk',
      statusCode: 405,
      error: { summary: '' },
    });
    const v = auditVerdict(stdout, 'npm error audit endpoint returned an error');
    expect(v.exitCode).toBe(0);
    expect(v.lines[0]).toMatch(/WARNING.*405 Method Not Allowed.*NOT audited/);
    expect(auditVerdict('', 'npm error audit endpoint returned an error').lines[0]).toMatch(
      /audit endpoint returned an error/,
    );
  });
});
