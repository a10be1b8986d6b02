/**
 * The overview in a real browser (headless Chromium, software WebGL): sign in through the UI,
 * wait for the map and the grid tiles, then judge the picture by its pixels and the network log.
 *
 * Against a server of this file's own (test/helpers/server.ts), as an admin; skipped without Chromium.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import {
  foreignRequests,
  hasChromium,
  launchBrowser,
  openPage,
  screenshotPixels,
  signIn,
  untilDrawn,
  type Box,
} from '../helpers/browser.ts';
import { useTestServer } from '../helpers/server.ts';

const SCREENSHOT = 'test-results/overview.png';

interface PixelCounts {
  /** Pixels inside the map box. */
  total: number;
  /** Pixels of the grid outline colour (bright cyan). */
  outline: number;
  /** Pixels that differ clearly from the basemap background (something is drawn). */
  drawn: number;
}

/** Counts pixel classes inside `box` of a PNG screenshot. */
async function countPixels(page: Page, png: Buffer, box: Box): Promise<PixelCounts> {
  const data = await screenshotPixels(page, png, box);
  let outline = 0;
  let drawn = 0;
  // Basemap background #070c17.
  const bg = [7, 12, 23];
  for (let i = 0; i < data.length; i += 4) {
    const r = data[i];
    const g = data[i + 1];
    const b = data[i + 2];
    // Grid outline: [0, 229, 255] over a dark ground; allow for blending and anti-aliasing.
    if (r < 110 && g > 150 && b > 180 && g - r > 100) outline++;
    if (Math.abs(r - bg[0]) + Math.abs(g - bg[1]) + Math.abs(b - bg[2]) > 24) drawn++;
  }
  return { total: data.length / 4, outline, drawn };
}

describe.skipIf(!hasChromium)('overview map in a real browser', () => {
  let browser: Browser;
  const server = useTestServer();
  const { username, password } = inject('users').admin;

  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('signs in, draws the grids over the basemap, and asks nothing of any other host', async () => {
    const { context, page, requests, pageErrors, settle } = await openPage(browser);
    const origin = server.origin;
    try {
      await signIn(page, server.url, username, password);

      await page.waitForFunction(() => window.__gridboard?.mapReady === true, null, { timeout: 60_000 });
      await page.waitForFunction(() => window.__gridboard?.gridsLoaded === true, null, { timeout: 60_000 });
      // KPI tiles show the summary's figures as plain numbers.
      await expect.poll(async () => page.getByTestId('kpi-grids').textContent(), { timeout: 15_000 }).toMatch(/^\d+$/);
      expect(Number(await page.getByTestId('kpi-grids').textContent())).toBeGreaterThan(0);
      expect(await page.getByTestId('kpi-households').textContent()).toMatch(/^\d+$/);

      // Let the last tiles and the fit-to-city settle into a drawn frame.
      const box = await page.getByTestId('map').boundingBox();
      expect(box).not.toBeNull();
      await settle({ box: box! });
      mkdirSync('test-results', { recursive: true });
      const counts = await untilDrawn(
        page,
        (png) => countPixels(page, png, box!),
        (c) => c.outline > c.total * 0.003 && c.drawn > c.total * 0.2,
        { path: SCREENSHOT },
      );
      console.info(`[browser] map ${counts.total} px: grid outline ${counts.outline}, drawn ${counts.drawn}`);
      // Grid outlines are drawn, in quantity: at least 0.3 % of the map's pixels.
      expect(counts.outline, `outline pixels ${counts.outline} of ${counts.total}`).toBeGreaterThan(
        counts.total * 0.003,
      );
      // And the basemap is there: much of the map is not bare background.
      expect(counts.drawn, `drawn pixels ${counts.drawn} of ${counts.total}`).toBeGreaterThan(counts.total * 0.2);

      // Offline: every request went to the server's own origin (data:/blob: URLs are local).
      const foreign = foreignRequests(requests, origin);
      expect(foreign).toEqual([]);
      // Tiles really were requested from our server.
      expect(requests.some((u) => u.startsWith(`${origin}/tiles/grids/`))).toBe(true);
      expect(requests.some((u) => u.startsWith(`${origin}/tiles/basemap/`))).toBe(true);

      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 150_000);

  it('says so clearly when the password is wrong', async () => {
    const { context, page } = await openPage(browser);
    try {
      await signIn(page, server.url, username, `${password}-wrong`);
      const error = page.getByTestId('login-error');
      await error.waitFor({ timeout: 15_000 });
      expect(await error.textContent()).toMatch(/wrong password|用户名或密码错误/i);
      expect(await page.getByTestId('login-submit').isEnabled()).toBe(true);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('sends a session the server no longer accepts back to the login page', async () => {
    const { context, page } = await openPage(browser);
    try {
      await page.goto(server.url);
      await page.evaluate(() => {
        localStorage.setItem('gridboard.token', 'not-a-valid-token');
        localStorage.setItem('gridboard.user', JSON.stringify({ username: 'ghost', role: 'admin' }));
      });
      await page.reload();
      await page.getByTestId('login-username').waitFor({ timeout: 30_000 });
      expect(await page.evaluate(() => localStorage.getItem('gridboard.token'))).toBeNull();
      expect(await page.textContent('body')).toMatch(/session has ended/i);
    } finally {
      await context.close();
    }
  }, 60_000);
});
