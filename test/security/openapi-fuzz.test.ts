/**
 * Every operation of the OpenAPI document gets hostile input — each path and query parameter in
 * turn, and each top-level JSON body property in turn, with everything else valid — and must
 * answer below 500: bad input is the client's mistake (4xx with a reason), never a server fault.
 */
import { expect, test } from 'vitest';
import { useTestApp } from '../helpers/app.ts';
import type { Role } from '../../server/src/domain/roles.ts';
import { bodyText, HOSTILE_JSON, HOSTILE_TEXT, sampleOf } from './fuzz-values.ts';

const ctx = useTestApp({ loginRateLimit: 1_000_000 });

type Schema = Record<string, unknown>;
interface Param {
  name: string;
  in: string;
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  parameters?: Param[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

/** Operations not fuzzed, with the reason; anything else in the document is. */
const SKIPPED: Record<string, string> = {
  'GET /api/docs': 'the documentation viewer itself',
};
/** Bodies not fuzzed (parameters still are), with the reason. */
const BODY_NOT_FUZZED: Record<string, string> = {
  'POST /api/media': 'a streamed multipart photo upload: covered by test/media',
  'POST /api/import/{layer}': 'a streamed multipart file upload: covered by test/import',
};

/** Valid values for parameters whose schema cannot produce one (patterns, names of things). */
const VALID: Record<string, string> = {
  layer: 'grids',
  format: 'json',
  bbox: '111.55,26.15,111.65,26.25',
  day: '2024-01-01',
  lon: '111.6',
  lat: '26.2',
  '/api/patrols/path from': '111.60,26.20',
  '/api/patrols/path to': '111.61,26.21',
  from: '2024-01-01T00:00:00Z',
  to: '2024-01-02T00:00:00Z',
};

function validParam(path: string, p: Param, ids: Record<string, string>): string {
  const v = ids[`${path} ${p.name}`] ?? VALID[`${path} ${p.name}`] ?? VALID[p.name] ?? sampleOf(p.schema);
  return String(v ?? '1');
}

interface Failure {
  method: string;
  url: string;
  body?: string;
  status: number;
  reply: string;
}

const SIGN_IN = new Set(['POST /api/auth/login', 'POST /api/auth/wall']);

test('no hostile parameter or body property makes any route answer 5xx', { timeout: 240_000 }, async () => {
  const { app } = ctx;
  await app.ready();
  const doc = app.swagger() as { paths: Record<string, Record<string, Operation>> };

  // Real ids where a made-up one would stop the request before the code under test. Users'
  // routes get a throwaway user, so a PUT or password change never touches the admin's account.
  const incident = await ctx.db.query<{ id: string }>('SELECT id FROM incidents ORDER BY reported_at LIMIT 1');
  const spare = await app.inject({
    method: 'POST',
    url: '/api/users',
    headers: ctx.auth('admin'),
    payload: { username: 'fuzz-target', password: 'a long enough passphrase 42', role: 'wall' },
  });
  expect(spare.statusCode, spare.body).toBe(201);
  const ids: Record<string, string> = {
    '/api/users/{id} id': String(spare.json().id),
    '/api/users/{id}/password id': String(spare.json().id),
  };
  for (const path of Object.keys(doc.paths).filter((p) => p.startsWith('/api/incidents/{id}')))
    ids[`${path} id`] = incident.rows[0]?.id ?? '00000000-0000-4000-8000-000000000000';

  const failures: Failure[] = [];
  // Every request carries a live token, so a 401 means a route ended the session the fuzz runs on
  // and the rest of the run would prove nothing; only the sign-in and the wall link's exchange
  // (whose own credential is the body) may answer 401.
  const signedOut: string[] = [];
  let sent = 0;
  const roleFor = new Map<string, Role>();

  async function send(key: string, method: string, url: string, payload?: string, type?: string) {
    const roles: Role[] = roleFor.has(key) ? [roleFor.get(key)!] : ['admin', 'worker', 'operator', 'wall'];
    for (const role of roles) {
      const headers: Record<string, string> = { ...ctx.auth(role) };
      if (payload !== undefined) headers['content-type'] = type ?? 'application/json';
      sent++;
      const res = await app.inject({ method: method as 'GET', url, payload, headers }).catch((err: Error) => err);
      if (res instanceof Error) {
        failures.push({ method, url: url.slice(0, 300), body: payload?.slice(0, 300), status: 0, reply: res.message });
        return;
      }
      if (res.statusCode >= 500)
        failures.push({
          method,
          url: url.slice(0, 300),
          body: payload?.slice(0, 300),
          status: res.statusCode,
          reply: res.body.slice(0, 300),
        });
      if (res.statusCode === 401 && !SIGN_IN.has(key)) signedOut.push(`${role} ${method} ${url.slice(0, 120)}`);
      if (res.statusCode === 403 && !roleFor.has(key)) continue;
      roleFor.set(key, role);
      return;
    }
  }

  const started = Date.now();
  const covered: string[] = [];
  const unlisted: string[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(ops)) {
      const method = m.toUpperCase();
      const key = `${method} ${path}`;
      if (SKIPPED[key] || path.startsWith('/api/docs')) continue;
      covered.push(key);
      const params = op.parameters ?? [];
      const pathParams = params.filter((p) => p.in === 'path');
      const queryParams = params.filter((p) => p.in === 'query');
      const url = (override?: { name: string; value: string }) => {
        let u = path;
        for (const p of pathParams) {
          const v = override?.name === `path:${p.name}` ? override.value : validParam(path, p, ids);
          u = u.replace(`{${p.name}}`, encodeURIComponent(v));
        }
        const q = new URLSearchParams();
        for (const p of queryParams) {
          if (override?.name === `query:${p.name}`) q.append(p.name, override.value);
          else if (p.required) q.append(p.name, validParam(path, p, ids));
        }
        if (override?.name === 'query:repeated') {
          const first = queryParams[0];
          // The same parameter twice: coerced to an array where the schema wants one value.
          if (first) for (const v of [validParam(path, first, ids), '2']) q.append(first.name, v);
        }
        const qs = q.toString();
        return qs ? `${u}?${qs}` : u;
      };
      const content = op.requestBody?.content ?? {};
      // A body the fuzz cannot build (neither JSON nor a form) must be listed with its reason.
      if (op.requestBody && !content['application/json'] && !content['application/x-www-form-urlencoded'])
        if (!BODY_NOT_FUZZED[key]) unlisted.push(`${key} (${Object.keys(content).join(', ')})`);
      const jsonSchema = content['application/json']?.schema;
      const formSchema = content['application/x-www-form-urlencoded']?.schema;
      const validBody = jsonSchema ? bodyText(sampleOf(jsonSchema) as Record<string, unknown>) : undefined;

      for (const p of [...pathParams.map((p) => `path:${p.name}`), ...queryParams.map((p) => `query:${p.name}`)])
        for (const value of HOSTILE_TEXT) await send(key, method, url({ name: p, value }), validBody);
      if (queryParams.length) await send(key, method, url({ name: 'query:repeated', value: '' }), validBody);

      if (jsonSchema && !BODY_NOT_FUZZED[key]) {
        const base = sampleOf(jsonSchema) as Record<string, unknown>;
        const props = Object.keys((jsonSchema.properties ?? {}) as object);
        for (const prop of props)
          for (const value of HOSTILE_JSON) await send(key, method, url(), bodyText({ ...base, [prop]: value }));
        await send(key, method, url(), '{"a":' + '['.repeat(5000) + ']'.repeat(5000) + '}');
      }
      if (formSchema && !BODY_NOT_FUZZED[key]) {
        const props = Object.keys((formSchema.properties ?? {}) as object);
        const base = Object.fromEntries(((formSchema.required ?? []) as string[]).map((n) => [n, '1']));
        for (const prop of props)
          for (const value of HOSTILE_TEXT)
            await send(
              key,
              method,
              url(),
              new URLSearchParams({ ...base, [prop]: value }).toString(),
              'application/x-www-form-urlencoded',
            );
      }
    }
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.info(`openapi fuzz: ${covered.length} operations, ${sent} requests in ${seconds} s`);
  console.info(`not fuzzed: ${JSON.stringify({ ...SKIPPED, ...BODY_NOT_FUZZED })}`);
  expect(covered.length).toBeGreaterThan(100);
  expect(signedOut, 'requests answered 401 although their token was live').toEqual([]);
  expect(unlisted, 'request bodies neither fuzzed nor listed in BODY_NOT_FUZZED').toEqual([]);
  expect(failures, `${failures.length} responses ≥ 500:\n${failures.map((f) => JSON.stringify(f)).join('\n')}`).toEqual(
    [],
  );
});
