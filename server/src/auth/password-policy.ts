/**
 * The minimum a new password must meet, wherever one is set (CLI, users register, change-password).
 * Length alone lets "aaaaaaaaaa" through, so the strength estimate (zxcvbn) is the real gate; the
 * explicit checks before it exist to give a person a reason they can act on.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

export const MIN_PASSWORD_LENGTH = 10;
/** zxcvbn score 0–4; 3 means "safely unguessable: moderate protection from offline slow-hash attack". */
export const MIN_PASSWORD_SCORE = 3;

// Built once: the dictionaries take a few milliseconds to load and are the same for every check.
const zxcvbn = new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
const common = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));

/** Why `password` may not be used by `username` (English + Chinese), or null when it is acceptable. */
export function checkNewPassword(password: string, username: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `password must have at least ${MIN_PASSWORD_LENGTH} characters / 密码至少需要 ${MIN_PASSWORD_LENGTH} 个字符`;
  }
  const lower = password.toLowerCase();
  const name = username.trim().toLowerCase();
  if (name.length > 0 && lower.includes(name)) {
    return 'password must not contain the user name / 密码不能包含用户名';
  }
  if (common.has(lower)) {
    return 'password is on the list of common passwords / 密码属于常见密码';
  }
  const result = zxcvbn.check(password, name ? [name] : []);
  if (result.score < MIN_PASSWORD_SCORE) {
    return 'password is too easy to guess: use a longer phrase of unrelated words / 密码太容易被猜到：请使用更长、由不相关词语组成的短语';
  }
  return null;
}
