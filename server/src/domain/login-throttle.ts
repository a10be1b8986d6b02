/**
 * When a sign-in may be tried again, per account and per (account, address). Pure rules; the
 * counts come from the database (repos/login-throttle.ts).
 *
 * Two limits, shaped so that an attacker cannot lock everyone out:
 * - account-wide back-off: after FREE_FAILURES failures within WINDOW each further attempt waits
 *   2^(n − FREE_FAILURES) s after the last failure, capped at BACKOFF_CAP_S. It applies to every
 *   address, so it is kept short: the worst an attacker can do to a real user is a 2-minute wait.
 * - lockout of one (account, address) pair after LOCK_AFTER failures within LOCK_WINDOW: it holds
 *   until an admin lifts it or LOCK_S passes, and never blocks the account from another address.
 */
export const FREE_FAILURES = 5;
export const WINDOW_S = 15 * 60;
export const BACKOFF_CAP_S = 120;
export const LOCK_AFTER = 10;
export const LOCK_WINDOW_S = 24 * 3600;
export const LOCK_S = 24 * 3600;

/** Seconds to wait after the last failure when the account has `failures` failures in the window. */
export function backoffSeconds(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(2 ** (failures - FREE_FAILURES), BACKOFF_CAP_S);
}

/**
 * Whole seconds until the account may be tried again (0: now). `failures` counts the account's
 * failures within WINDOW_S; `lastFailure` is the newest of them.
 */
export function retryAfterSeconds(failures: number, lastFailure: Date | null, now: Date): number {
  if (!lastFailure) return 0;
  const readyAt = lastFailure.getTime() + backoffSeconds(failures) * 1000;
  return Math.max(0, Math.ceil((readyAt - now.getTime()) / 1000));
}

/** Whether `pairFailures` failures of one account from one address (within LOCK_WINDOW_S) lock the pair. */
export function locksPair(pairFailures: number): boolean {
  return pairFailures >= LOCK_AFTER;
}
