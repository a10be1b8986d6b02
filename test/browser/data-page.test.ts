/**
 * The Data page (`/data`) in a real browser (headless Chromium, software WebGL), as a planner:
 * drop a small GeoJSON of key places (written here: points inside the sample city, one with an
 * unknown kind, one without a name), Check shows the counts and the rejected row in the table,
 * Import commits it, the history shows it and Undo takes it back. Nothing leaves the origin.
 * Against a server of this file's own (test/helpers/server.ts); skipped without Chromium.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import {
  type Box,
  foreignRequests,
  hasChromium,
  launchBrowser,
  openPage,
  type SettleOptions,
  signIn,
} from '../helpers/browser.ts';
import { testDatabaseUrl } from '../helpers/db.ts';
import { useTestServer } from '../helpers/server.ts';

const count = (page: Page, key: string) =>
  page.getByTestId('import-counts').locator(`[data-count="${key}"] dd`).textContent();

/** Drops `file` on the drop zone as a user's drag and drop does (a DataTransfer on a drop event). */
async function dropFile(page: Page, name: string, text: string) {
  await page.getByTestId('import-drop').evaluate(
    (el, f) => {
      const dt = new DataTransfer();
      dt.items.add(new File([f.text], f.name, { type: 'application/geo+json' }));
      el.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    { name, text },
  );
}

/**
 * Waits for the map to settle before a screenshot, but does not fail the test when a tile is
 * slow on a loaded machine: the picture is for looking at, the assertions are on the page.
 */
async function settleForPicture(settle: (o: SettleOptions) => Promise<void>, box: Box) {
  await settle({ box, timeout: 30_000 }).catch((err: Error) => console.warn(`[browser] ${err.message}`));
}

describe.skipIf(!hasChromium)('the Data page in a real browser', () => {
  let browser: Browser;
  let db: pg.Pool;
  const server = useTestServer();
  const { username, password } = inject('users').planner;

  beforeAll(async () => {
    browser = await launchBrowser();
    db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 1 });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await db?.end();
  });

  it('checks a file with a preview, imports it, shows it in the history and undoes it', async () => {
    // Three places inside the sample city (points on three grids), and a fourth without a name.
    const { rows: at } = await db.query<{ lon: number; lat: number }>(
      `SELECT ST_X(p) lon, ST_Y(p) lat FROM (SELECT ST_PointOnSurface(geom) p FROM grids ORDER BY id LIMIT 4) x`,
    );
    expect(at.length).toBe(4);
    const place = (i: number, props: Record<string, unknown>) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [at[i].lon, at[i].lat] },
      properties: props,
    });
    const fc = {
      type: 'FeatureCollection',
      features: [
        place(0, { code: 'DP-T1', name: 'Test school', name_zh: '测试学校', kind: 'school', address: '1 Test Rd' }),
        place(1, { code: 'DP-T2', name: 'Test market', name_zh: '测试市场', kind: 'market' }),
        place(2, { code: 'DP-T3', name: 'Test port', name_zh: '测试港', kind: 'spaceport' }),
        place(3, { code: 'DP-T4', name_zh: '无名' }),
      ],
    };

    const { context, page, requests, pageErrors, settle } = await openPage(browser);
    page.on('dialog', (d) => void d.accept());
    try {
      await signIn(page, server.url, username, password);
      await page.getByRole('link', { name: /Data/ }).click({ timeout: 60_000 });
      await page.getByTestId('data-page').waitFor({ timeout: 30_000 });
      expect(new URL(page.url()).pathname).toBe('/data');
      await page.waitForFunction(() => window.__gridboard?.mapReady === true, null, { timeout: 120_000 });

      await dropFile(page, 'places.geojson', JSON.stringify(fc));
      expect(await page.getByTestId('import-file-name').textContent()).toBe('places.geojson');
      await page.getByTestId('import-layer').selectOption('key-places');
      await page.getByTestId('import-check').click();
      await page.locator('[data-testid="import-report"][data-kind="check"]').waitFor({ timeout: 60_000 });
      expect(await count(page, 'read')).toBe('4');
      expect(await count(page, 'inserted')).toBe('3');
      expect(await count(page, 'repaired')).toBe('1');
      expect(await count(page, 'rejected')).toBe('1');
      await page.getByTestId('import-dry-run').waitFor();

      // The rejected row in the table, and the filter narrows to it.
      const table = page.getByTestId('report-table');
      await page.getByTestId('report-filter-rejected').click();
      const rejected = table.locator('tbody tr');
      expect(await rejected.count()).toBe(1);
      expect(await rejected.first().getAttribute('data-index')).toBe('3');
      expect(await rejected.first().textContent()).toMatch(/name is missing/);
      await page.getByTestId('report-filter-all').click();
      expect(await table.locator('tbody tr').count()).toBe(4);
      await page.getByTestId('report-search').fill('spaceport');
      expect(await table.locator('tbody tr[data-outcome="repaired"]').count()).toBe(1);
      await page.getByTestId('report-search').fill('');
      // Clicking the rejected row chooses it (and flies the map to it).
      await table.locator('tbody tr[data-outcome="rejected"]').click();
      await table.locator('tbody tr.selected').waitFor();
      const { rows: none } = await db.query(`SELECT count(*)::int n FROM key_places WHERE code LIKE 'DP-T%'`);
      expect(none[0].n).toBe(0);

      const box = (await page.getByTestId('data-map').boundingBox())!;
      await settleForPicture(settle, box);
      mkdirSync('test-results', { recursive: true });
      await page.screenshot({ path: 'test-results/data-check.png' });

      // Import: the same file and options, committed.
      await page.getByTestId('import-commit').click();
      await page.locator('[data-testid="import-report"][data-kind="import"]').waitFor({ timeout: 60_000 });
      await page.getByTestId('import-done').waitFor();
      expect(await count(page, 'inserted')).toBe('3');
      const { rows: landed } = await db.query(
        `SELECT code, kind FROM key_places WHERE code LIKE 'DP-T%' ORDER BY code`,
      );
      expect(landed).toEqual([
        { code: 'DP-T1', kind: 'school' },
        { code: 'DP-T2', kind: 'market' },
        { code: 'DP-T3', kind: 'enterprise' },
      ]);

      // The history shows the import (and the check before it), with Undo on the import.
      const history = page.getByTestId('import-history');
      const saved = history.locator('tbody tr[data-dry-run="false"]').first();
      await expect.poll(async () => saved.textContent(), { timeout: 30_000 }).toMatch(/places\.geojson/);
      expect(await saved.textContent()).toMatch(/key-places/);
      expect(await saved.textContent()).toMatch(new RegExp(username));
      expect(await history.locator('tbody tr[data-dry-run="true"]').count()).toBeGreaterThanOrEqual(1);
      await settleForPicture(settle, box);
      await page.screenshot({ path: 'test-results/data-imported.png' });

      await saved.getByTestId('import-undo').click();
      await expect
        .poll(async () => page.getByTestId('undo-message').textContent(), { timeout: 30_000 })
        .toMatch(/undone/);
      await expect.poll(async () => saved.getAttribute('data-undone'), { timeout: 30_000 }).toBe('true');
      expect(await saved.getByTestId('import-undo').count()).toBe(0);
      const { rows: gone } = await db.query(`SELECT count(*)::int n FROM key_places WHERE code LIKE 'DP-T%'`);
      expect(gone[0].n).toBe(0);

      // The registers tab lists the key places (the page's other half), without users for a planner.
      await page.getByTestId('data-tab-registers').click();
      await page.getByTestId('reg-tab-key-places').click();
      await page.locator('[data-testid="register-key-places"] tbody tr').first().waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('reg-tab-users').count()).toBe(0);
      await page.screenshot({ path: 'test-results/data-registers.png' });

      // Change a key place's Chinese name; someone else changed it meanwhile: a 409 says reload.
      const register = page.getByTestId('register-key-places');
      await page.getByTestId('reg-search').fill('KP000001');
      const row = register.locator('tbody tr', { hasText: 'KP000001' });
      await expect.poll(async () => register.locator('tbody tr').count(), { timeout: 30_000 }).toBe(1);
      await row.getByRole('button', { name: /Edit/ }).click();
      await register.locator('input[name="reg-name_zh"]').fill('冷水滩区政府（测试）');
      await db.query(`UPDATE key_places SET version = version + 1 WHERE code = 'KP000001'`);
      await page.getByTestId('reg-save').click();
      await expect
        .poll(async () => page.getByTestId('reg-problem').textContent(), { timeout: 30_000 })
        .toMatch(/Changed by someone else/);
      await page
        .getByTestId('reg-problem')
        .getByRole('button', { name: /Reload/ })
        .click();
      await page.getByTestId('reg-problem').waitFor({ state: 'detached' });
      await page.locator('[data-testid="register-key-places"][data-loading="false"]').waitFor({ timeout: 30_000 });
      await register.locator('tbody tr', { hasText: 'KP000001' }).getByRole('button', { name: /Edit/ }).click();
      await register.locator('input[name="reg-name_zh"]').fill('冷水滩区政府（测试）');
      await page.getByTestId('reg-save').click();
      await expect
        .poll(async () => register.locator('tbody tr', { hasText: 'KP000001' }).textContent(), { timeout: 30_000 })
        .toMatch(/冷水滩区政府（测试）/);
      const { rows: renamed } = await db.query(`SELECT name_zh FROM key_places WHERE code = 'KP000001'`);
      expect(renamed[0].name_zh).toBe('冷水滩区政府（测试）');

      expect(foreignRequests(requests, server.origin)).toEqual([]);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 240_000);
});
