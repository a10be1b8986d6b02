/**
 * Issue #13, finding 4: a write route read and validated the body before it checked the token, so
 * an anonymous caller learnt the schema from 400s and could make the server parse large uploads.
 * The guard runs in onRequest: every write route answers 401 to a request without a token, and
 * a large anonymous upload is refused without being read.
 */
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.ts';

const t = useTestApp();

/** Write routes open to the public on purpose: signing in, and Open311 (its own api_key check). */
const PUBLIC = [/^POST \/api\/auth\/(login|wall)$/, /^POST \/open311\//];

interface OpenApi {
  paths: Record<string, Record<string, unknown>>;
}

function writeRoutes(doc: OpenApi): { method: string; url: string }[] {
  const out: { method: string; url: string }[] = [];
  for (const [path, ops] of Object.entries(doc.paths))
    for (const method of Object.keys(ops)) {
      if (!['post', 'put', 'patch', 'delete'].includes(method)) continue;
      // Path parameters get values of the right shape, so a 401 is not a 400 about the address.
      const url = path
        .replace(
          /\{id\}/g,
          path.startsWith('/api/sessions') || path.startsWith('/api/wall/tokens')
            ? '00000000-0000-4000-8000-000000000000'
            : '1',
        )
        .replace(/\{[^}]+\}/g, '1');
      out.push({ method: method.toUpperCase(), url });
    }
  return out;
}

describe('without a token', () => {
  it('every write route in the OpenAPI document answers 401, not 400, whatever the body', async () => {
    await t.app.ready();
    const routes = writeRoutes(t.app.swagger() as unknown as OpenApi).filter(
      (r) => !PUBLIC.some((p) => p.test(`${r.method} ${r.url}`)),
    );
    expect(routes.length).toBeGreaterThan(40);
    const wrong: string[] = [];
    for (const r of routes) {
      const res = await t.app.inject({
        method: r.method as 'POST',
        url: r.url,
        headers: { 'content-type': 'application/json' },
        payload: '{"this": "is not what any route takes"',
      });
      if (res.statusCode !== 401) wrong.push(`${r.method} ${r.url} → ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  it('a 57 MB anonymous upload to /api/import/grids is refused with 401 and nothing is imported', async () => {
    const before = await t.db.query('SELECT count(*)::int AS n FROM imports');
    const boundary = '----gridboard-test';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="grids.geojson"\r\nContent-Type: application/geo+json\r\n\r\n`,
      ),
      Buffer.alloc(57 * 1024 * 1024, 0x20),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const start = Date.now();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/import/grids',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthorized');
    expect(Date.now() - start).toBeLessThan(20_000);
    const after = await t.db.query('SELECT count(*)::int AS n FROM imports');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });
});
