/**
 * Was a task step already stored? A step resent after its answer was lost is refused by the
 * server (the incident has moved on): the incident's history says whether it was this worker's.
 */
import { call } from '../../api/fieldHttp';
import type { OutboxItem } from './db';

interface Card {
  history: { action: string; actor: string; at: string }[];
}

export async function alreadyApplied(item: OutboxItem): Promise<boolean> {
  const a = await call<Card>(`/api/incidents/${item.id}`);
  if (!a.body) return false;
  const action = item.body.action;
  const username = item.actor;
  // The server's clock and the phone's may differ: allow a few minutes.
  const since = item.created_at - 5 * 60_000;
  return a.body.history.some(
    (h) => h.action === action && (!username || h.actor === username) && Date.parse(h.at) >= since,
  );
}
