import { describe, expect, it } from 'vitest';
import { randomPassword } from './password.ts';
import { checkNewPassword } from './password-policy.ts';

describe('new password policy', () => {
  it('accepts a long phrase of unrelated words', () => {
    expect(checkNewPassword('lantern-otter-basalt-91', 'zhang.wei')).toBeNull();
  });
  it('refuses passwords shorter than 10 characters, in English and Chinese', () => {
    const reason = checkNewPassword('Xk9#pQ2!z', 'zhang.wei');
    expect(reason).toMatch(/at least 10 characters/);
    expect(reason).toMatch(/至少需要 10 个字符/);
  });
  it('refuses a password that is or contains the user name, whatever the case', () => {
    expect(checkNewPassword('zhangwei2026', 'zhangwei')).toMatch(/user name.*用户名/);
    expect(checkNewPassword('Tundra-ZHANGWEI-Kite', 'zhangwei')).toMatch(/user name/);
  });
  it('refuses passwords from the common-passwords list', () => {
    expect(checkNewPassword('qwertyuiop', 'operator1')).toMatch(/common passwords.*常见密码/);
    expect(checkNewPassword('1qaz2wsx3edc', 'operator1')).not.toBeNull();
  });
  it('refuses long but guessable passwords by their strength score', () => {
    expect(checkNewPassword('aaaaaaaaaaaa', 'operator1')).toMatch(/too easy to guess/);
    expect(checkNewPassword('Password2026!', 'operator1')).toMatch(/too easy to guess|common/);
    expect(checkNewPassword('abcdefghijkl', 'operator1')).toMatch(/too easy to guess/);
  });
  it('accepts every generated password', () => {
    for (let i = 0; i < 200; i += 1) {
      const pw = randomPassword();
      expect(checkNewPassword(pw, 'worker7'), pw).toBeNull();
    }
  });
});
