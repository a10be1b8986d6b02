/**
 * What the outbox does with the server's answer to one item: pure, so the rules are tested apart
 * from IndexedDB and the network.
 *
 * - 2xx: stored (a resend of a stored item answers 200 too: the server keeps each UUID once).
 * - No answer, 5xx, 408, 429: try again later, and keep the order (later items wait).
 * - 401: the session ended; sign in again, nothing is lost.
 * - Other 4xx: the server refused this item for good; it is kept with the reason for the
 *   worker to read, and the items after it go on.
 */
export type Verdict = 'stored' | 'retry' | 'sign_in' | 'refused';

export function verdictOf(status: number): Verdict {
  if (status >= 200 && status < 300) return 'stored';
  if (status === 0 || status >= 500 || status === 408 || status === 429) return 'retry';
  if (status === 401) return 'sign_in';
  return 'refused';
}

/** Seconds before the next attempt after `failures` failed flushes in a row: 5 s doubling to 2 min. */
export function retryDelaySeconds(failures: number): number {
  return Math.min(120, 5 * 2 ** Math.max(0, failures - 1));
}

/** The outbox count as the header shows it, Chinese first. */
export function outboxLabel(waiting: number, fixes: number): string {
  if (waiting === 0 && fixes === 0) return '已全部发送 · All sent';
  const parts: string[] = [];
  if (waiting) parts.push(`${waiting} 条待发送 · ${waiting} waiting to send`);
  if (fixes) parts.push(`${fixes} 个定位点 · ${fixes} GPS points`);
  return parts.join(' · ');
}
