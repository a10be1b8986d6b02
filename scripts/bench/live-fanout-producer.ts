/**
 * The HTTP side of the `live-fanout` benchmark: logging in, and POSTing incidents at RATE per
 * second (open loop), with a summary of the responses' statuses.
 */
import { randomUUID } from 'node:crypto';
import { RATE, now, sleep, type Creds } from './live-fanout-shared.ts';

export interface Point {
  lon: number;
  lat: number;
}
export interface Sent {
  id: string;
  start: number;
  end: number;
  status: number;
  error?: string;
}

const CATEGORIES = ['environment', 'facilities', 'public_security', 'fire_safety', 'civil_affairs', 'dispute'];

/** POSTs `count` incidents at RATE per second, open loop (a slow response does not slow the rate). */
export async function produce(
  base: string,
  token: string,
  points: Point[],
  count: number,
  offset: number,
): Promise<Sent[]> {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const sends: Promise<Sent>[] = [];
  const t0 = now() + 20;
  for (let i = 0; i < count; i++) {
    const wait = t0 + (i * 1000) / RATE - now();
    if (wait > 0) await sleep(wait);
    const at = points[(offset + i) % points.length];
    const body = {
      id: randomUUID(),
      category: CATEGORIES[i % CATEGORIES.length],
      grade: 'routine',
      description: `[bench live-fanout] 楼道堆放杂物，影响通行 #${offset + i}`,
      lon: at.lon,
      lat: at.lat,
    };
    const start = now();
    sends.push(
      fetch(`${base}/api/incidents`, { method: 'POST', headers, body: JSON.stringify(body) }).then(
        async (res) => {
          const text = await res.text();
          const end = now();
          return {
            id: body.id,
            start,
            end,
            status: res.status,
            error: res.status >= 400 ? text.slice(0, 160) : undefined,
          };
        },
        (err: Error) => ({ id: body.id, start, end: now(), status: 0, error: err.message }),
      ),
    );
  }
  return Promise.all(sends);
}

/** "201 ×480, 503 ×20 (first: {…})". */
export function statusSummary(sent: Sent[]): string {
  const counts = new Map<number, number>();
  for (const s of sent) counts.set(s.status, (counts.get(s.status) ?? 0) + 1);
  const firstError = sent.find((s) => s.error)?.error;
  return (
    [...counts]
      .sort((a, b) => a[0] - b[0])
      .map(([st, c]) => `${st || 'network error'} ×${c}`)
      .join(', ') + (firstError ? ` (first error: ${firstError})` : '')
  );
}

export async function login(base: string, creds: Creds): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(creds),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status}`);
  return (await res.json()).token;
}
