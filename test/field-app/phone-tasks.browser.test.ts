/**
 * A task reaches the phone live, and the worker works it there: takes it, reports it handled with
 * an "after" photo; and logs a household visit. Each step goes through the outbox and lands once.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { hasChromium } from '../helpers/browser.ts';
import { useTestServer } from '../helpers/server.ts';
import { cameraJpeg, openPhone, page0, signInPhone, tokenFor, usePhoneSetup } from './phone.ts';

const server = useTestServer();
const users = inject('users');
const phoneSetup = usePhoneSetup();

async function api(role: 'operator' | 'worker', method: string, url: string, body?: unknown) {
  const res = await fetch(`${server.url}${url}`, {
    method,
    headers: {
      authorization: `Bearer ${await tokenFor(server.url, role)}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  // The unit is free to be sent.
  await phoneSetup.db.query("UPDATE patrol_units SET status = 'on_patrol' WHERE id = $1", [phoneSetup.grid.unit_id]);
});

describe.skipIf(!hasChromium)('tasks and visits on the phone', () => {
  it('receives a dispatched task live, takes it and reports it handled with an after photo', async () => {
    const { db, profile, grid } = phoneSetup;
    const phone = await openPhone(profile, grid);
    const page = await page0(phone);
    await signInPhone(page, server.url, users.worker);
    await page.getByTestId('tab-tasks').click();

    const id = randomUUID();
    const at = { lon: grid.lon + 0.0004, lat: grid.lat + 0.0003 };
    const made = await api('operator', 'POST', '/api/incidents', {
      id,
      category: 'environment',
      grade: 'routine',
      description: '垃圾桶满溢，需清运',
      ...at,
    });
    expect(made.status).toBeLessThan(300);
    expect(
      (await api('operator', 'POST', `/api/incidents/${id}/actions`, { action: 'accept', version: 1 })).status,
    ).toBe(200);
    const sent = await api('operator', 'POST', `/api/incidents/${id}/actions`, {
      action: 'dispatch',
      unit_id: grid.unit_id,
      version: 2,
    });
    expect(sent.status).toBe(200);

    // Live: no reload, no tap.
    const task = page.locator(`[data-testid=task][data-id="${id}"]`);
    await task.waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('notice').textContent(), { timeout: 10_000 }).toContain('新任务');

    await page.screenshot({ path: 'test-results/field-tasks.png' });
    // The way there, along the streets, from the server.
    await task.getByRole('button', { name: /路线/ }).click();
    await expect
      .poll(() => page.locator('.tasks > .hint').first().textContent(), { timeout: 10_000 })
      .toMatch(/沿街道 \d+ m/);
    await task.getByRole('button', { name: /签收/ }).click();
    await expect
      .poll(
        async () =>
          (
            await db.query('SELECT count(*)::int AS n FROM incident_history WHERE incident_id = $1 AND action = $2', [
              id,
              'acknowledge',
            ])
          ).rows[0].n,
        { timeout: 15_000 },
      )
      .toBe(1);

    await task.getByTestId('step-handle').click();
    await task.locator('textarea').fill('已联系环卫清运完毕');
    await task.getByTestId('photo-gallery').setInputFiles({
      name: 'after.jpg',
      mimeType: 'image/jpeg',
      buffer: await cameraJpeg(at, 7),
    });
    await expect.poll(() => task.locator('.photo-row img').count(), { timeout: 10_000 }).toBe(1);
    await task.getByTestId('step-send').click();
    await expect
      .poll(async () => (await db.query('SELECT status FROM incidents WHERE id = $1', [id])).rows[0].status, {
        timeout: 20_000,
      })
      .toBe('handled');
    const card = await api('operator', 'GET', `/api/incidents/${id}`);
    const history = card.body.history as { action: string; note: string; photos?: unknown[] }[];
    const handled = history.filter((h) => h.action === 'handle');
    expect(handled).toHaveLength(1);
    expect(handled[0].note).toBe('已联系环卫清运完毕');
    expect(handled[0].photos).toHaveLength(1);
    await expect.poll(() => page.getByTestId('outbox-badge').textContent(), { timeout: 10_000 }).toContain('All sent');
    // Handled, it leaves the worker's list of open tasks only when verified; it is no longer dispatched.
    await phone.close();
  }, 90_000);

  it('logs a household visit that the operator then sees', async () => {
    const { db, profile, grid } = phoneSetup;
    const phone = await openPhone(profile, grid);
    const page = await page0(phone);
    await signInPhone(page, server.url, users.worker);
    await page.getByTestId('tab-visits').click();
    await expect.poll(() => page.getByTestId('visit-where').textContent(), { timeout: 10_000 }).toContain('±12 m');
    await page.getByTestId('visit-who').fill('王阿姨（独居老人）');
    await page.locator('textarea').fill('身体尚好，需要帮忙买药');
    await page.getByTestId('visit-submit').click();
    const visits = async () =>
      (await db.query('SELECT who, found, grid_id, unit_id FROM visits WHERE who = $1', ['王阿姨（独居老人）'])).rows;
    await expect.poll(async () => (await visits()).length, { timeout: 20_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('outbox-badge').textContent(), { timeout: 10_000 }).toContain('All sent');
    const rows = await visits();
    expect(rows).toHaveLength(1);
    expect(rows[0].unit_id).toBe(grid.unit_id);
    expect(rows[0].grid_id).toBe(grid.id);
    await expect.poll(() => page.locator('.visit-list li').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await phone.close();
  }, 60_000);
});
