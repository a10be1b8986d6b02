/**
 * The Data page's Audit 审计 tab in a real browser (headless Chromium), as an admin: the trail
 * lists a failed login with the name tried and where it came from, the chain reads intact, and after
 * a row is edited directly in SQL the tab names the broken row. Skipped without Chromium.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { foreignRequests, hasChromium, launchBrowser, openPage, signIn } from '../helpers/browser.ts';
import { testDatabaseUrl } from '../helpers/db.ts';
import { useTestServer } from '../helpers/server.ts';

describe.skipIf(!hasChromium)('the Audit tab in a real browser', () => {
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

  it('an admin finds a failed login, sees the chain intact, then broken after an edit in SQL', async () => {
    const failed = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'intruder.test', password: 'guess-1234' }),
    });
    expect(failed.status).toBe(401);
    const { context, page, requests, pageErrors } = await openPage(browser);
    try {
      await signIn(page, server.url, users.admin.username, users.admin.password);
      await page.getByRole('link', { name: /Data/ }).click({ timeout: 60_000 });
      await page.getByTestId('data-tab-audit').click({ timeout: 30_000 });
      await page.getByTestId('audit-table').waitFor();
      const chain = page.getByTestId('audit-chain');
      await chain.waitFor({ timeout: 30_000 });
      expect(await chain.getAttribute('data-ok')).toBe('true');
      expect(await chain.textContent()).toMatch(/Chain intact: \d+ rows checked/);

      await page.locator('select[name="audit-action"]').selectOption('login_failed');
      await page.locator('input[name="audit-q"]').fill('intruder.test');
      await page.getByTestId('audit-search').click();
      // Choosing the action already searches; the answer to the search with the name comes after it.
      await expect.poll(() => page.getByTestId('audit-total').textContent(), { timeout: 30_000 }).toMatch(/^1 rows/);
      const row = page.locator('[data-testid="audit-row"][data-action="login_failed"]');
      await row.first().waitFor({ timeout: 30_000 });
      expect(await row.count()).toBe(1);
      expect(await row.first().textContent()).toContain('(intruder.test)');
      expect(await row.first().textContent()).toContain('POST /api/auth/login');

      const { rows } = await db.query<{ seq: number }>(
        "SELECT seq FROM audit_log WHERE action = 'login_failed' AND detail->>'username' = 'intruder.test'",
      );
      await db.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
      await db.query("UPDATE audit_log SET ip = '192.0.2.1' WHERE seq = $1", [rows[0].seq]);
      await db.query('ALTER TABLE audit_log ENABLE TRIGGER USER');
      await page.reload();
      await page.getByTestId('data-tab-audit').click({ timeout: 30_000 });
      await page.locator('[data-testid="audit-chain"][data-ok="false"]').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('audit-chain').textContent()).toContain(`Broken at #${rows[0].seq}`);
      expect(pageErrors).toEqual([]);
      expect(foreignRequests(requests, server.origin)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
