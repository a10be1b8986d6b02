/**
 * The Data page's Channels 渠道 tab in a real browser (headless Chromium), as an admin: issue a
 * key (shown once), see it listed by its prefix, file a request with it as a hotline system does,
 * revoke it and see the next request refused; an operator sees a request's contact on the
 * console card. A planner has no such tab. Nothing leaves the origin. Against a server of this
 * file's own; skipped without Chromium.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { foreignRequests, hasChromium, launchBrowser, openPage, signIn } from '../helpers/browser.ts';
import { testDatabaseUrl } from '../helpers/db.ts';
import { useTestServer } from '../helpers/server.ts';
import { Open311Client } from './spec-client.ts';

describe.skipIf(!hasChromium)('the Channels tab in a real browser', () => {
  let browser: Browser;
  let db: pg.Pool;
  const server = useTestServer();
  const users = inject('users');

  beforeAll(async () => {
    browser = await launchBrowser();
    db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 1 });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await db?.end();
  });

  it('an admin issues a key, sees it listed, and revokes it', async () => {
    const { context, page, requests, pageErrors } = await openPage(browser);
    page.on('dialog', (d) => void d.accept());
    try {
      await signIn(page, server.url, users.admin.username, users.admin.password);
      await page.getByRole('link', { name: /Data/ }).click({ timeout: 60_000 });
      await page.getByTestId('data-tab-channels').click({ timeout: 30_000 });
      await page.getByTestId('channel-table').waitFor();

      await page.locator('input[name="channel-name"]').fill('12345 市民热线');
      await page.locator('select[name="channel-source"]').selectOption('wechat');
      await page.getByTestId('channel-issue').click();
      const key = await page.getByTestId('channel-key-value').inputValue({ timeout: 30_000 });
      expect(key).toMatch(/^gb311_/);
      const row = page.locator('[data-testid="channel-row"][data-name="12345 市民热线"]');
      await row.waitFor();
      expect(await row.textContent()).toContain(key.slice(0, 10));
      expect(await row.textContent()).not.toContain(key);
      mkdirSync('test-results', { recursive: true });
      await page.screenshot({ path: 'test-results/data-channels.png' });

      const { rows } = await db.query<{ lat: number; lon: number }>(
        'SELECT ST_Y(p) lat, ST_X(p) lon FROM (SELECT ST_PointOnSurface(geom) p FROM grids ORDER BY id LIMIT 1) g',
      );
      const hotline = new Open311Client(`${server.url}/open311/v2`, key);
      const fields = { service_code: 'dispute', lat: rows[0].lat, long: rows[0].lon, description: '楼上噪音' };
      expect((await hotline.create(fields)).status).toBe(201);

      await row.getByTestId('channel-revoke').click();
      await page.locator('[data-testid="channel-row"][data-name="12345 市民热线"][data-revoked="true"]').waitFor();
      expect((await hotline.create(fields)).status).toBe(403);
      expect(pageErrors).toEqual([]);
      expect(foreignRequests(requests, server.origin)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);

  it('an operator sees the resident’s contact and media link on the console card', async () => {
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(users.admin),
    });
    const { token } = (await login.json()) as { token: string };
    const issued = await fetch(`${server.url}/api/channels`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ name: 'card-hotline' }),
    });
    const { key } = (await issued.json()) as { key: string };
    const { rows } = await db.query<{ lat: number; lon: number }>(
      'SELECT ST_Y(p) lat, ST_X(p) lon FROM (SELECT ST_PointOnSurface(geom) p FROM grids ORDER BY id DESC LIMIT 1) g',
    );
    const filed = await new Open311Client(`${server.url}/open311/v2`, key).create({
      service_code: 'facilities',
      lat: rows[0].lat,
      long: rows[0].lon,
      description: '井盖缺失',
      first_name: '李',
      phone: '13900139000',
      media_url: 'https://wx.example.cn/p/2.jpg',
    });
    const id = filed.data[0].service_request_id as string;

    const { context, page, pageErrors } = await openPage(browser);
    try {
      await signIn(page, server.url, users.operator.username, users.operator.password);
      await page.locator('nav a[href="/console"]').waitFor({ timeout: 60_000 });
      await page.goto(`${server.url}/console?incident=${id}`);
      const contact = page.locator(`[data-testid="incident-card"][data-id="${id}"] [data-testid="incident-contact"]`);
      await contact.waitFor({ timeout: 60_000 });
      expect(await contact.textContent()).toContain('13900139000');
      expect(await contact.textContent()).toContain('card-hotline');
      expect(await contact.getByTestId('incident-media-url').getAttribute('href')).toBe(
        'https://wx.example.cn/p/2.jpg',
      );
      mkdirSync('test-results', { recursive: true });
      await page.screenshot({ path: 'test-results/console-contact.png' });
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);

  it('a planner sees the Data page without the Channels tab', async () => {
    const { context, page } = await openPage(browser);
    try {
      await signIn(page, server.url, users.planner.username, users.planner.password);
      await page.getByRole('link', { name: /Data/ }).click({ timeout: 60_000 });
      await page.getByTestId('data-tab-registers').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('data-tab-channels').count()).toBe(0);
    } finally {
      await context.close();
    }
  }, 120_000);
});
