/**
 * `/patrols` in a real browser (headless Chromium, software WebGL): sign in, open the page from
 * the nav; live units are drawn (judged by their pixels) and move when a device sends fixes;
 * key-place reach; plan a route through two key places and see its checkpoints; the daily
 * assessment table and map; playback of the last hour with the slider. Nothing leaves the origin.
 * Against a server of this file's own (test/helpers/server.ts), as an admin; skipped without Chromium.
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

/** Pixels in a box close to an RGB colour (blended over the basemap, so within a tolerance). */
async function countColour(page: Page, png: Buffer, box: Box, rgb: [number, number, number], tol = 40) {
  const data = await screenshotPixels(page, png, box);
  let n = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (
      Math.abs(data[i] - rgb[0]) < tol &&
      Math.abs(data[i + 1] - rgb[1]) < tol &&
      Math.abs(data[i + 2] - rgb[2]) < tol
    )
      n++;
  }
  return n;
}

describe.skipIf(!hasChromium)('patrols page in a real browser', () => {
  let browser: Browser;
  const server = useTestServer();
  const { username, password } = inject('users').admin;

  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('shows live units, reach, a planned route, the assessment and a playback', async () => {
    const { context, page, requests, pageErrors, settle } = await openPage(browser);
    const { origin, url: baseUrl } = server;
    mkdirSync('test-results', { recursive: true });
    try {
      await signIn(page, baseUrl, username, password);
      await page.waitForFunction(() => window.__gridboard?.mapReady === true, null, { timeout: 60_000 });
      await page.getByRole('link', { name: /Patrols/ }).click();
      await page.getByTestId('patrols-page').waitFor({ timeout: 30_000 });
      expect(new URL(page.url()).pathname).toBe('/patrols');
      await page.waitForFunction(
        () => window.__gridboard?.mapReady === true && window.__gridboard?.gridsLoaded === true,
        null,
        { timeout: 60_000 },
      );

      // Live: counts per status, and the on-patrol dots are on the map.
      await expect
        .poll(async () => Number(await page.getByTestId('count-on_patrol').locator('b').textContent()), {
          timeout: 20_000,
        })
        .toBeGreaterThan(0);
      const map = (await page.getByTestId('patrols-map').boundingBox())!;
      await settle({ box: map });
      const green = await untilDrawn(
        page,
        (png) => countColour(page, png, map, [52, 211, 153]),
        (n) => n > 100,
        { path: 'test-results/patrols-live.png' },
      );
      console.info(`[browser] on-patrol green pixels ${green}`);
      expect(green).toBeGreaterThan(100);

      // A device reports: the unit's new position reaches the page over the live feed.
      const token = await page.evaluate(() => window.localStorage.getItem('gridboard.token'));
      const units = await (
        await fetch(`${baseUrl}/api/patrols/units`, { headers: { authorization: `Bearer ${token}` } })
      ).json();
      const unit = units.units.find(
        (u: { status: string; kind: string }) => u.status === 'on_patrol' && u.kind === 'patrol_team',
      );
      const res = await fetch(`${baseUrl}/api/patrols/fixes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          fixes: [{ unit: unit.id, lon: unit.lon + 0.0004, lat: unit.lat, t: Date.now() - 500 }],
        }),
      });
      expect((await res.json()).moved).toBe(1);

      // Response: key places no unit reaches within 1 minute.
      await page.getByTestId('tab-response').click();
      await page.getByTestId('reach-minutes').fill('1');
      await page.getByTestId('reach-check').click();
      await expect
        .poll(async () => page.getByTestId('reach-summary').textContent(), { timeout: 30_000 })
        .toMatch(/\d+ of \d+ key places: no unit on patrol within 1 min/);
      await settle({ box: map });
      await page.screenshot({ path: 'test-results/patrols-reach.png' });

      // Routes: plan one through two key places for a unit on patrol; its checkpoints are listed.
      await page.getByTestId('tab-routes').click();
      await page.getByTestId('plan-unit').selectOption({ index: 1 });
      await page.getByTestId('plan-stop-0').selectOption({ index: 1 });
      await page.getByTestId('plan-stop-1').selectOption({ index: 2 });
      await page.getByTestId('plan-submit').click();
      await page.getByTestId('route-match').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('route-match').locator('ol li').count()).toBe(2);
      await settle({ box: map });
      const route = await untilDrawn(
        page,
        (png) => countColour(page, png, map, [56, 189, 248], 45),
        (n) => n > 50,
        { path: 'test-results/patrols-route.png' },
      );
      expect(route).toBeGreaterThan(50);

      // Assessment: a row per grid worker, and the grids coloured on the map.
      await page.getByTestId('tab-assessment').click();
      await expect
        .poll(async () => page.getByTestId('assessment-table').locator('tbody tr').count(), { timeout: 60_000 })
        .toBeGreaterThan(10);
      await settle({ box: map });
      await page.screenshot({ path: 'test-results/patrols-assessment.png' });

      // Playback of the last hour: tracks load, the slider moves the clock, play and pause work.
      await page.getByTestId('tab-playback').click();
      await page.getByTestId('pb-load').click();
      await expect
        .poll(async () => page.getByTestId('pb-stats').textContent(), { timeout: 60_000 })
        .toMatch(/[1-9]\d* tracks/);
      await page.getByTestId('pb-play').click(); // pause
      await page.getByTestId('pb-slider').fill('3000');
      const clockText = await page.getByTestId('pb-clock').textContent();
      await page.getByTestId('pb-play').click(); // play
      await expect
        .poll(async () => page.getByTestId('pb-clock').textContent(), { timeout: 10_000 })
        .not.toBe(clockText);
      await page.getByTestId('pb-play').click(); // pause
      await settle({ box: map });
      const violet = await untilDrawn(
        page,
        (png) => countColour(page, png, map, [167, 139, 250], 45),
        (n) => n > 50,
        { path: 'test-results/patrols-playback.png' },
      );
      console.info(`[browser] playback trail pixels ${violet}`);
      expect(violet).toBeGreaterThan(50);

      const foreign = foreignRequests(requests, origin);
      expect(foreign).toEqual([]);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 240_000);
});
