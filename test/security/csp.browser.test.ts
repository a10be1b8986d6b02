/**
 * Every page under the Content-Security-Policy the server sends, in headless Chromium against the
 * real server: each page gets ready (its own readiness flag) and no `securitypolicyviolation`
 * fires, in the page or its workers (Chromium reports those on the console). One browser, the
 * pages in sequence.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signInPhone } from '../field-app/phone.ts';
import { hasChromium, launchBrowser, signIn } from '../helpers/browser.ts';
import { useTestServer } from '../helpers/server.ts';

declare global {
  interface Window {
    __csp?: string[];
  }
}

const mapReady = (page: Page) =>
  page.waitForFunction(() => window.__gridboard?.mapReady === true, null, { timeout: 60_000 });

describe.skipIf(!hasChromium)('Content-Security-Policy in a real browser', () => {
  let browser: Browser;
  const server = useTestServer();
  const users = inject('users');

  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('every page loads and gets ready without a single violation', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const violations: string[] = [];
    await context.addInitScript(() => {
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__csp!.push(
          `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`,
        ),
      );
    });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (/Content.Security.Policy/i.test(m.text())) violations.push(m.text());
    });
    // A wall screen's link, as an admin issues it (its token is exchanged for a session on opening).
    const adminToken = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(users.admin),
    }).then(async (r) => ((await r.json()) as { token: string }).token);
    const wallToken = await fetch(`${server.url}/api/wall/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ username: users.wall.username, days: 1, screen: 'CSP check' }),
    }).then(async (r) => ((await r.json()) as { token: string }).token);

    const pages: [string, () => Promise<unknown>][] = [
      ['/', () => mapReady(page)],
      [
        '/console',
        () =>
          page
            .getByTestId('console')
            .waitFor({ timeout: 30_000 })
            .then(() => mapReady(page)),
      ],
      [
        '/edit',
        () =>
          page
            .getByTestId('edit-page')
            .waitFor({ timeout: 30_000 })
            .then(() => mapReady(page)),
      ],
      [
        '/cameras',
        () =>
          page
            .getByTestId('cameras-page')
            .waitFor({ timeout: 30_000 })
            .then(() => mapReady(page)),
      ],
      [
        '/patrols',
        () =>
          page
            .getByTestId('patrols-page')
            .waitFor({ timeout: 30_000 })
            .then(() => mapReady(page)),
      ],
      ['/data', () => page.getByTestId('data-page').waitFor({ timeout: 30_000 })],
      [
        `/wall?token=${encodeURIComponent(wallToken)}`,
        () => page.waitForFunction(() => window.__wall?.completeAt != null, null, { timeout: 90_000 }),
      ],
      ['/api/docs', () => page.locator('.swagger-ui .info .title').waitFor({ timeout: 30_000 })],
    ];
    await signIn(page, server.url, users.admin.username, users.admin.password);
    await page.waitForFunction(() => localStorage.getItem('gridboard.token'), null, { timeout: 30_000 });
    for (const [url, ready] of pages) {
      if (url !== '/') await page.goto(`${server.url}${url}`);
      await ready();
      const seen = await page.evaluate(() => window.__csp ?? []);
      expect([...seen, ...violations], url).toEqual([]);
    }
    // The phone app, signed in as the worker, with its service worker registered from a file.
    await signInPhone(page, server.url, users.worker);
    await page.getByTestId('field-map').waitFor({ timeout: 30_000 });
    expect([...(await page.evaluate(() => window.__csp ?? [])), ...violations], '/m/').toEqual([]);
    // The listener does hear a violation: an injected inline script is blocked and reported.
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true';
      document.head.append(s);
    });
    await page.waitForFunction(() => (window.__csp ?? []).length > 0, null, { timeout: 5_000 });
    expect(await page.evaluate(() => window.__csp![0])).toMatch(/^script-src/);
    expect(await page.evaluate(() => (window as { __injected?: boolean }).__injected)).toBeUndefined();
    await context.close();
  }, 240_000);
});
