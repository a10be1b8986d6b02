/**
 * Security headers as a browser receives them, on the API, the pages and the API docs: a CSP with
 * no inline script, nosniff, no Referer, no framing (unless the wall is configured to be
 * embedded), and no HSTS over plain HTTP. That every page satisfies the CSP is the browser test's.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp, type App } from '../../server/src/app.ts';
import { testDatabaseUrl } from '../helpers/db.ts';

let app: App;
let embeddable: App;
beforeAll(async () => {
  const base = { databaseUrl: testDatabaseUrl(), clientDir: inject('clientDir'), poolSize: 2 };
  app = await buildApp(base);
  embeddable = await buildApp({ ...base, frameAncestors: ['https://screens.city.example'] });
}, 60_000);
afterAll(async () => {
  await app?.close();
  await embeddable?.close();
});

function directives(csp: string | undefined): Record<string, string> {
  expect(csp, 'a Content-Security-Policy header').toBeTypeOf('string');
  return Object.fromEntries(
    csp!.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values.join(' ')];
    }),
  );
}

const URLS = ['/api/health', '/api/me', '/', '/console', '/wall', '/m/', '/api/docs', '/api/docs/json', '/nope'];

describe('security headers', () => {
  it.each(URLS)('%s carries the CSP, nosniff, no-referrer and refuses framing', async (url) => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode).toBeLessThan(500);
    const csp = directives(res.headers['content-security-policy'] as string);
    expect(csp['default-src']).toBe("'self'");
    expect(csp['script-src']).toBe("'self'");
    expect(csp['object-src']).toBe("'none'");
    expect(csp['base-uri']).toBe("'self'");
    expect(csp['frame-ancestors']).toBe("'none'");
    expect(csp['worker-src']).toBe("'self' blob:");
    expect(csp['img-src']).toBe("'self' data: blob:");
    expect(csp['connect-src']).toBe("'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('the built pages have no inline script for the CSP to block', async () => {
    for (const url of ['/', '/m/']) {
      const html = (await app.inject({ method: 'GET', url })).body;
      expect(html).toMatch(/<script type="module" crossorigin src="\/assets\//);
      const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter(
        ([, attrs, body]) => !/\bsrc=/.test(attrs) || body.trim() !== '',
      );
      expect(inline, url).toEqual([]);
      expect(html).not.toMatch(/\son[a-z]+=["']/);
    }
  });

  it('lets only the configured origins frame the wall, and nothing else', async () => {
    const wall = await embeddable.inject({ method: 'GET', url: '/wall?token=x' });
    expect(directives(wall.headers['content-security-policy'] as string)['frame-ancestors']).toBe(
      'https://screens.city.example',
    );
    expect(wall.headers['x-frame-options']).toBeUndefined();
    const console = await embeddable.inject({ method: 'GET', url: '/console' });
    expect(directives(console.headers['content-security-policy'] as string)['frame-ancestors']).toBe("'none'");
    expect(console.headers['x-frame-options']).toBe('DENY');
  });
});
