/**
 * Issue #13 item 6: there was no rate limit but on login, and 20 assessment reads at once stalled
 * the server for everyone. Writes and expensive reads now count per user (429 + Retry-After with
 * the reason), a GPS batch counts once however many fixes it holds, and a burst of expensive
 * reads waits its turn (or gets 503) while health checks and cheap reads still answer.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import { offDutyWorker } from '../patrols/helpers.ts';

const WRITES = 3;
const READS = 2;
const t = useTestApp({ writeRateLimit: WRITES, expensiveReadRateLimit: READS });
const busy = useTestApp({ expensiveReadConcurrency: 2 });

const action = (role: 'admin' | 'planner') =>
  t.app.inject({
    method: 'POST',
    url: `/api/incidents/${randomUUID()}/actions`,
    headers: t.auth(role),
    payload: { action: 'accept', version: 1 },
  });

describe('per-user rate limits', () => {
  it('refuses a user’s writes past the limit with 429, Retry-After and the reason; other users go on', async () => {
    for (let i = 0; i < WRITES; i++) expect((await action('admin')).statusCode).toBe(404);
    const refused = await action('admin');
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.json().error.message).toMatch(`at most ${WRITES} a minute per user`);
    // Same address, another user: their own budget.
    expect((await action('planner')).statusCode).toBe(404);
  });

  it('counts a GPS batch once, however many fixes it carries', async () => {
    const u = await offDutyWorker(t.db, 5);
    const now = Date.now();
    for (let b = 0; b < WRITES; b++) {
      const fixes = Array.from({ length: 50 }, (_, i) => ({
        unit: u.id,
        lon: u.lon,
        lat: u.lat,
        t: now - (b * 50 + i) * 1000,
        accuracy: 5,
      }));
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/patrols/fixes',
        headers: t.auth('operator'),
        payload: { fixes },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
  });

  it('limits expensive reads per user apart from writes', async () => {
    const read = (role: 'wall' | 'planner') =>
      t.app.inject({ method: 'GET', url: '/api/patrols/assessment', headers: t.auth(role) });
    for (let i = 0; i < READS; i++) expect((await read('wall')).statusCode).toBe(200);
    const refused = await read('wall');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(refused.json().error.message).toMatch(/expensive reads/);
    expect((await read('planner')).statusCode).toBe(200);
    // Cheap reads are not counted.
    for (let i = 0; i < 5; i++)
      expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: t.auth('wall') })).statusCode).toBe(200);
  });
});

describe('a burst of expensive reads', () => {
  it('leaves health checks and cheap reads answering promptly; none of the burst is a 500', async () => {
    const burst = Array.from({ length: 20 }, () =>
      busy.app.inject({ method: 'GET', url: '/api/patrols/assessment', headers: busy.auth('wall') }),
    );
    const started = Date.now();
    const [health, me] = await Promise.all([
      busy.app.inject({ method: 'GET', url: '/api/health' }),
      busy.app.inject({ method: 'GET', url: '/api/incidents', headers: busy.auth('operator') }),
    ]);
    const promptMs = Date.now() - started;
    expect(health.statusCode).toBe(200);
    expect(me.statusCode).toBe(200);
    expect(promptMs).toBeLessThan(10_000);
    const codes = (await Promise.all(burst)).map((r) => r.statusCode);
    expect(codes.every((c) => c === 200 || c === 503)).toBe(true);
    expect(codes).toContain(200);
  }, 120_000);
});
