/**
 * `open311-intake`: requests a second through `POST /open311/v2/requests.json` (form body, the
 * key checked, every field validated, the incident filed with its contact row in one
 * transaction) against `POST /api/incidents` (JSON, an operator's token) in the same run, on
 * one server process, each with new incidents at points spread over the city. Target: the
 * public channel within 1.5× of the console's own path (ratio = open311 / api ≥ 0.67).
 */
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import pg from 'pg';
import { issueChannel } from '../../server/src/repos/channels.ts';
import { startServerProcess } from '../lib/server-process.ts';
import { cityPoints, login, removeScratch, scratchUser, type Point } from './scratch.ts';
import { round, type BenchResult } from './stats.ts';

const log = (m: string) => process.stderr.write(`[bench] open311-intake: ${m}\n`);
const CONNECTIONS = 10;

interface Run {
  rps: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function load(
  url: string,
  seconds: number,
  headers: Record<string, string>,
  body: (i: number) => string,
): Promise<Run> {
  let i = 0;
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [{ method: 'POST', headers, setupRequest: (req) => ({ ...req, body: body(i++) }) }],
  });
  return { rps: r.requests.average, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
}

export async function benchOpen311Intake(databaseUrl: string, quick: boolean): Promise<BenchResult[]> {
  const seconds = quick ? 4 : 10;
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const operator = await scratchUser(db, 'operator', 'open311');
  const { channel, key } = await issueChannel(db, `bench-open311-${process.pid}`, 'hotline', 'bench');
  const points: Point[] = await cityPoints(db, 64);
  const apiIds: string[] = [];
  // No rate limit in the way: this measures the path, not the limiter.
  const server = await startServerProcess(databaseUrl, { quiet: true, env: { GRIDBOARD_OPEN311_RATE: '100000000' } });
  try {
    const token = await login(server.url, operator);
    const api = (i: number) => {
      const id = randomUUID();
      apiIds.push(id);
      const p = points[i % points.length];
      return JSON.stringify({ id, category: 'environment', source: 'hotline', description: `垃圾堆放 ${i}`, ...p });
    };
    const open311 = (i: number) => {
      const p = points[i % points.length];
      return new URLSearchParams({
        api_key: key,
        service_code: 'environment',
        lat: String(p.lat),
        long: String(p.lon),
        description: `垃圾堆放 ${i}`,
        address_string: '潇湘路 12 号',
        first_name: '王',
        phone: '13800138000',
      }).toString();
    };
    const apiUrl = `${server.url}/api/incidents`;
    const o311Url = `${server.url}/open311/v2/requests.json`;
    const apiHeaders = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };
    // Warm-up (plans, JIT), then the two measured in turn.
    await load(apiUrl, 1, apiHeaders, api);
    await load(o311Url, 1, formHeaders, open311);
    // A B B A, half the time each: a load that drifts during the run weighs on both alike.
    const half = seconds / 2;
    const runs = [
      await load(apiUrl, half, apiHeaders, api),
      await load(o311Url, half, formHeaders, open311),
      await load(o311Url, half, formHeaders, open311),
      await load(apiUrl, half, apiHeaders, api),
    ];
    const both = (a: Run, b: Run): Run => ({
      rps: (a.rps + b.rps) / 2,
      p99: Math.max(a.p99, b.p99),
      non2xx: a.non2xx + b.non2xx,
      errors: a.errors + b.errors,
    });
    const base = both(runs[0], runs[3]);
    const o311 = both(runs[1], runs[2]);
    log(
      `api ${round(base.rps, 0)} req/s (p99 ${base.p99} ms), open311 ${round(o311.rps, 0)} req/s (p99 ${o311.p99} ms)`,
    );
    if (base.non2xx || o311.non2xx || base.errors || o311.errors)
      log(`refused or failed: api ${base.non2xx}+${base.errors}, open311 ${o311.non2xx}+${o311.errors}`);
    return [
      {
        name: 'open311-intake',
        value: round(o311.rps, 0),
        unit: 'req/s',
        baseline: round(base.rps, 0),
        ratio: round(o311.rps / base.rps, 2),
        target: 'ratio ≥ 0.67 (within 1.5× of POST /api/incidents)',
        note:
          `autocannon, ${CONNECTIONS} connections, ${seconds} s each (in halves, A B B A), one server process; open311: form body with contact, ` +
          `p99 ${o311.p99} ms, ${o311.non2xx} non-2xx; baseline POST /api/incidents (JSON, operator): p99 ${base.p99} ms, ${base.non2xx} non-2xx`,
      },
    ];
  } finally {
    await server.stop();
    const { rows } = await db.query<{ incident_id: string }>(
      'SELECT incident_id FROM open311_requests WHERE channel_id = $1',
      [channel.id],
    );
    const o311Ids = rows.map((r) => r.incident_id);
    // The cleanup below skips triggers (replica mode), foreign-key cascades included: these rows go first.
    await db.query('DELETE FROM incident_contacts WHERE incident_id = ANY($1::uuid[])', [o311Ids]);
    await db.query('DELETE FROM open311_requests WHERE channel_id = $1', [channel.id]);
    await removeScratch(db, [...apiIds, ...o311Ids], [operator], log);
    await db.query('DELETE FROM channels WHERE id = $1', [channel.id]);
    await db.end();
  }
}
