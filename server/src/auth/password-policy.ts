/**
 * Whether a new password may be used: the reason it may not, or null. A minimal rule (length,
 * not containing the user name); the full policy replaces this file.
 */
export function checkNewPassword(password: string, username: string): string | null {
  if (password.length < 10) return 'The password needs at least 10 characters';
  if (password.length > 256) return 'The password may have at most 256 characters';
  if (username && password.toLowerCase().includes(username.toLowerCase()))
    return 'The password may not contain the user name';
  return null;
}
