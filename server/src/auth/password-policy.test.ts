import { describe, expect, it } from 'vitest';
import { checkNewPassword } from './password-policy.ts';

describe('checkNewPassword', () => {
  it('refuses short passwords and ones containing the user name, with the reason', () => {
    expect(checkNewPassword('short', 'ann')).toMatch(/at least 10/);
    expect(checkNewPassword('xxAnn-2026-yy', 'ann')).toMatch(/user name/);
    expect(checkNewPassword('correct horse battery', 'ann')).toBeNull();
  });
});
