/**
 * A task reaches the phone live, and the worker works it there: takes it, reports it handled with
 * an "after" photo; and logs a household visit. Each step goes through the outbox and lands once.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { hasChromium } from '../helpers/browser.ts';
import { testDatabaseUrl } from '../helpers/db.ts';
import { useTestServer } from '../helpers/server.ts';
import { cameraJpeg, openPhone, page0, signInPhone } from './phone.ts';

const server = useTestServer();
const users = inject('users');
let db: pg.Pool;
let profile: string;
let grid: { id: number; code: string; lon: number; lat: number; unit_id: number };

async function api(role: 'operator' | 'worker', method: string, url: string, body?: unknown) {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(users[role]),
  });
  const { token } = (await login.json()) as { token: string };
  const res = await fetch(`${server.url}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
  db.on('error', () => undefined);
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'gridboard-phone-'));
  const { rows } = await db.query(
    `SELECT g.id, g.code, u.unit_id, ST_X(ST_PointOnSurface(g.geom)) AS lon, ST_Y(ST_PointOnSurface(g.geom)) AS lat
       FROM grids g JOIN users u ON u.unit_id = g.worker_id WHERE u.username = $1`,
    [users.worker.username],
  );
  grid = rows[0];
  // The unit is free to be sent.
  await db.query("UPDATE patrol_units SET status = 'on_patrol' WHERE id = $1", [grid.unit_id]);
});

afterAll(async () => {
  await db?.end();
  fs.rmSync(profile, { recursive: true, force: true });
});

describe.skipIf(!hasChromium)('tasks and visits on the phone', () => {
  it('receives a dispatched task live, takes it and reports it handled with an after photo', async () => {
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
    expect((await api('operator', 'POST', `/api/incidents/${id}/actions`, { action: 'accept' })).status).toBe(200);
    const sent = await api('operator', 'POST', `/api/incidents/${id}/actions`, {
      action: 'dispatch',
      unit_id: grid.unit_id,
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
