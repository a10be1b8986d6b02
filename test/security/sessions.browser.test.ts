/**
 * Sessions in the console, in a real browser: an admin whose password was reset is asked for
 * their own before anything else; the Data page's Sessions tab lists the sessions and ends one
 * (that user's page goes back to the sign-in page); Sign out ends the session on the server.
 * Against a server of this file's own (test/helpers/server.ts); skipped without Chromium.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { hasChromium, launchBrowser, openPage, signIn } from '../helpers/browser.ts';
import { loginToken } from '../helpers/live-client.ts';
import { useTestServer } from '../helpers/server.ts';

describe.skipIf(!hasChromium)('sessions in the console', () => {
  let browser: Browser;
  const server = useTestServer();
  const users = inject('users');

  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  async function api(token: string, method: string, path: string, body?: unknown) {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: await res.json() };
  }

  it('a reset password is changed at sign-in; an admin ends a session from the Sessions tab; sign out ends it too', async () => {
    const admin = await loginToken(server.url, users.admin);
    const created = await api(admin, 'POST', '/api/users', {
      username: 'second.admin',
      role: 'admin',
      password: 'first-pass-1',
    });
    expect(created.status).toBe(201);
    const reset = await api(admin, 'POST', `/api/users/${created.body.id}/password`, {
      password: 'chosen-by-admin',
      version: 1,
    });
    expect(reset.status).toBe(200);

    // The second admin signs in with the reset password and must choose their own first.
    const one = await openPage(browser);
    try {
      await signIn(one.page, server.url, 'second.admin', 'chosen-by-admin');
      await one.page.getByTestId('change-password').waitFor({ timeout: 20_000 });
      await one.page.getByTestId('new-password').fill('short');
      await one.page.getByTestId('new-password-again').fill('short');
      await one.page.getByTestId('change-password-submit').click();
      await expect
        .poll(() => one.page.getByTestId('change-password-error').textContent(), { timeout: 10_000 })
        .toMatch(/at least 10/);
      await one.page.getByTestId('new-password').fill('my own long passphrase');
      await one.page.getByTestId('new-password-again').fill('my own long passphrase');
      await one.page.getByTestId('change-password-submit').click();
      await one.page.getByTestId('logout').waitFor({ timeout: 20_000 });

      // A planner is signed in elsewhere; the second admin ends that session from the Sessions tab.
      const planner = await openPage(browser);
      try {
        await signIn(planner.page, server.url, users.planner.username, users.planner.password);
        await planner.page.getByTestId('logout').waitFor({ timeout: 20_000 });

        await one.page.goto(`${server.url}/data`);
        await one.page.getByTestId('data-tab-sessions').click();
        const row = one.page.locator(`[data-testid="session-row"][data-user="${users.planner.username}"]`);
        await row.first().waitFor({ timeout: 20_000 });
        one.page.once('dialog', (d) => void d.accept());
        await row.first().getByTestId('session-end').click();
        // The planner's page notices (socket cut, or its next request refused) and returns to sign-in.
        await planner.page.getByTestId('login-submit').waitFor({ timeout: 20_000 });
      } finally {
        await planner.context.close();
      }

      // Sign out ends the session on the server: the token the page held is refused afterwards.
      const held = await one.page.evaluate(() => localStorage.getItem('gridboard.token'));
      expect(held).toBeTruthy();
      expect((await api(held!, 'GET', '/api/me')).status).toBe(200);
      await one.page.getByTestId('logout').click();
      await one.page.getByTestId('login-submit').waitFor({ timeout: 20_000 });
      await expect.poll(async () => (await api(held!, 'GET', '/api/me')).status, { timeout: 10_000 }).toBe(401);
    } finally {
      await one.context.close();
    }
  }, 180_000);
});
