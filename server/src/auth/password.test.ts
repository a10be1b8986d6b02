import { describe, expect, it } from 'vitest';
import { hashPassword, randomPassword, verifyPassword } from './password.ts';

describe('password hashing', () => {
  it('verifies the right password and rejects others', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash.startsWith('scrypt$')).toBe(true);
    expect(hash).not.toContain('correct horse');
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
  });
  it('salts every hash', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });
  it('rejects malformed stored hashes instead of throwing', async () => {
    expect(await verifyPassword('x', 'plain')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$1$2$3$4')).toBe(false);
  });
  it('makes random passwords without look-alike characters', () => {
    const pw = randomPassword(64);
    expect(pw).toHaveLength(64);
    expect(pw).not.toMatch(/[0O1lI]/);
    expect(randomPassword()).not.toBe(randomPassword());
  });
});
