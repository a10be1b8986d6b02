/**
 * The phone app is an installable PWA: a web manifest scoped to /m/, and a service worker that
 * keeps the app shell, so that the app opens with the server out of reach (here: stopped).
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { buildApp, type App } from '../../server/src/app.ts';
import { hasChromium, launchBrowser } from '../helpers/browser.ts';
import { testDatabaseUrl } from '../helpers/db.ts';
import { PHONE } from './phone.ts';

let app: App | null = null;
afterAll(async () => {
  await app?.close();
});

describe.skipIf(!hasChromium)('the installable phone app', () => {
  it('has a manifest for /m and opens from its service worker with the server stopped', async () => {
    app = await buildApp({ databaseUrl: testDatabaseUrl(), clientDir: inject('clientDir'), loginRateLimit: 1000 });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });

    const manifest = await (await fetch(`${url}/manifest.webmanifest`)).json();
    expect(manifest).toMatchObject({ scope: '/m/', start_url: '/m/', display: 'standalone' });
    expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(
      expect.arrayContaining(['192x192', '512x512']),
    );
    for (const icon of manifest.icons) expect((await fetch(`${url}${icon.src}`)).status).toBe(200);
    // Only the phone page links the manifest: the console is not an app to install.
    expect(await (await fetch(`${url}/m/`)).text()).toContain('rel="manifest"');
    expect(await (await fetch(`${url}/console`)).text()).not.toContain('rel="manifest"');

    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
      const page = await context.newPage();
      await page.goto(`${url}/m/`);
      const scope = await page.evaluate(async () => {
        const reg = await navigator.serviceWorker.ready;
        return reg.scope;
      });
      expect(new URL(scope).pathname).toBe('/m/');
      // The console is outside the worker's scope.
      const consoleScope = await page.evaluate(async () =>
        (await navigator.serviceWorker.getRegistration('/console')) ? 'controlled' : 'free',
      );
      expect(consoleScope).toBe('free');
      await page.reload();
      await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

      await app.close();
      app = null;
      await page.reload();
      await expect.poll(() => page.locator('input[name=username]').count(), { timeout: 10_000 }).toBe(1);
      expect(await page.title()).toContain('网格员');
      await context.close();
    } finally {
      await browser.close();
    }
  }, 90_000);
});
