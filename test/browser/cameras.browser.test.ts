/**
 * The camera coverage review (`/cameras`) in a real browser (headless Chromium, software
 * WebGL): sign in, open the page from the nav, wait for the measures and the map, judge the
 * coverage choropleth by its pixels, then review one community: suggestions, a draft plan with
 * its before/after, and why the cameras near a clicked point miss it. Nothing leaves the origin.
 *
 * Against a server of this file's own (test/helpers/server.ts), as an admin (who may plan);
 * skipped without Chromium.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import {
  type Box,
  foreignRequests,
  hasChromium,
  launchBrowser,
  openPage,
  screenshotPixels,
  signIn,
  untilDrawn,
} from '../helpers/browser.ts';
import { useTestServer } from '../helpers/server.ts';

/** Pixels of the coverage ramp's red and amber ends (grids with little coverage) in a box. */
async function countRamp(page: Page, png: Buffer, box: Box) {
  const data = await screenshotPixels(page, png, box);
  let warm = 0;
  for (let i = 0; i < data.length; i += 4) {
    // Red–amber fill blended over the dark basemap: red clearly above green and blue.
    if (data[i] > 90 && data[i] - data[i + 2] > 40 && data[i] > data[i + 1]) warm++;
  }
  return { total: data.length / 4, warm };
}

describe.skipIf(!hasChromium)('camera coverage review in a real browser', () => {
  let browser: Browser;
  const server = useTestServer();
  const { username, password } = inject('users').admin;

  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the measures and the coverage map, reviews a community, plans and explains a gap', async () => {
    const { context, page, requests, pageErrors, settle } = await openPage(browser);
    const origin = server.origin;
    try {
      await signIn(page, server.url, username, password);
      await page.waitForFunction(() => window.__gridboard?.mapReady === true, null, { timeout: 60_000 });

      // From the nav, like a user.
      await page.getByRole('link', { name: /Cameras/ }).click();
      await page.getByTestId('cameras-page').waitFor({ timeout: 30_000 });
      expect(new URL(page.url()).pathname).toBe('/cameras');
      await page.waitForFunction(() => window.__gridboard?.gridsLoaded === true, null, { timeout: 60_000 });
      await expect
        .poll(async () => page.getByTestId('cov-keyplaces').textContent(), { timeout: 60_000 })
        .toMatch(/\d+\.\d%/);
      expect(await page.getByTestId('cov-main-intersections').textContent()).toMatch(/uncovered of \d+/);
      expect(await page.getByTestId('worst-grids').locator('li').count()).toBeGreaterThan(0);
      expect(await page.getByTestId('worst-roads').locator('li').count()).toBeGreaterThan(0);

      // The grids are coloured by coverage: the sample city is mostly poorly covered (red/amber).
      const box = (await page.getByTestId('coverage-map').boundingBox())!;
      await settle({ box });
      mkdirSync('test-results', { recursive: true });
      const px = await untilDrawn(
        page,
        (png) => countRamp(page, png, box),
        (c) => c.warm > c.total * 0.05,
        { path: 'test-results/cameras.png' },
      );
      console.info(`[browser] coverage map ${px.total} px, warm ${px.warm}`);
      expect(px.warm, `warm pixels ${px.warm} of ${px.total}`).toBeGreaterThan(px.total * 0.05);

      // Review the first community: ask for suggestions and plan two of them.
      await page.getByTestId('scope').selectOption({ index: 1 });
      await page.getByTestId('suggest').click();
      await page.getByTestId('suggestions').waitFor({ timeout: 60_000 });
      const adds = page.getByTestId('suggestions').getByText('add to plan');
      const offered = await adds.count();
      expect(offered).toBeGreaterThan(0);
      await adds.first().click();
      await expect.poll(async () => page.getByTestId('plan-items').locator('li').count(), { timeout: 10_000 }).toBe(1);
      await page.getByTestId('before-after').first().waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('before-after').first().textContent()).toMatch(/Roads 道路/);

      // Click the middle of the map: why the nearest cameras miss that point.
      const map = (await page.getByTestId('coverage-map').boundingBox())!;
      await page.mouse.click(map.x + map.width / 2, map.y + map.height / 2);
      await page.getByTestId('explain-panel').waitFor({ timeout: 30_000 });
      await expect
        .poll(async () => page.getByTestId('explain-panel').textContent(), { timeout: 30_000 })
        .toMatch(/camera sees this point|In view of a working camera|No camera within/);
      await settle({ box: map });
      await page.screenshot({ path: 'test-results/cameras-plan.png' });

      const foreign = foreignRequests(requests, origin);
      expect(foreign).toEqual([]);
      expect(requests.some((u) => u.startsWith(`${origin}/api/coverage`))).toBe(true);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 240_000);
});
