/**
 * The desk pages on a phone (390×844): one column no wider than the screen, the map shown first,
 * every page tab reachable by scrolling the tab row sideways.
 */
import { describe, expect, inject, it } from 'vitest';
import { hasChromium, launchBrowser, signIn } from '../helpers/browser.ts';
import { useTestServer } from '../helpers/server.ts';
import { PHONE } from './phone.ts';

const server = useTestServer();

const PAGES = [
  { path: '/console', map: '.console-map' },
  { path: '/patrols', map: '.pt-map-wrap' },
  { path: '/cameras', map: '.cov-map-wrap' },
  { path: '/edit', map: '.edit-map-wrap' },
];

describe.skipIf(!hasChromium)('the desk pages on a phone', () => {
  it('fit the screen, show the map first, and reach every page', async () => {
    const users = inject('users');
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
      const page = await context.newPage();
      await signIn(page, server.url, users.admin.username, users.admin.password);
      await page.locator('.topbar .nav').waitFor();
      for (const p of PAGES) {
        await page.goto(`${server.url}${p.path}`);
        const map = page.locator(p.map);
        await map.waitFor();
        expect(await page.evaluate(() => document.documentElement.scrollWidth), p.path).toBeLessThanOrEqual(
          PHONE.width,
        );
        const box = (await map.boundingBox())!;
        expect(box.width, p.path).toBeGreaterThanOrEqual(PHONE.width - 2);
        expect(box.height, p.path).toBeGreaterThan(PHONE.height * 0.4);
        expect(box.y, p.path).toBeLessThan(PHONE.height / 2);
      }
      // The last tab, scrolled into view in the tab row, opens its page.
      const last = page.locator('.topbar .nav a').last();
      await last.scrollIntoViewIfNeeded();
      const tab = (await last.boundingBox())!;
      expect(tab.x + tab.width).toBeLessThanOrEqual(PHONE.width);
      await context.close();
    } finally {
      await browser.close();
    }
  }, 90_000);
});
