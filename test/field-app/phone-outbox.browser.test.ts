/**
 * The worker in a basement: reports with two photos while the phone has no connection, reloads
 * the app, restarts the phone, walks out; the report and its photos reach the server exactly
 * once (even when the first answer is lost on the way back) and the wall hears of it once.
 */
import { describe, expect, inject, it } from 'vitest';
import { hasChromium } from '../helpers/browser.ts';
import { TestScreen } from '../helpers/live-client.ts';
import { useTestServer } from '../helpers/server.ts';
import { cameraJpeg, openPhone, page0, signInPhone, tokenFor, usePhoneSetup } from './phone.ts';

const server = useTestServer();
const users = inject('users');
const phoneSetup = usePhoneSetup();

describe.skipIf(!hasChromium)('the phone app offline', () => {
  it('keeps a report with two photos through a reload and a restart, then delivers it once', async () => {
    const { db, profile, grid } = phoneSetup;
    const description = `楼道堆放杂物 ${Date.now()}`;
    const photos = [await cameraJpeg(grid, 1), await cameraJpeg(grid, 2)];

    let phone = await openPhone(profile, grid);
    let page = await page0(phone);
    await signInPhone(page, server.url, users.worker);
    // My grid: its code and where I am, with the accuracy.
    await expect.poll(() => page.getByTestId('my-grid').textContent(), { timeout: 15_000 }).toContain(grid.code);
    await expect.poll(() => page.getByTestId('accuracy').textContent(), { timeout: 10_000 }).toContain('±12 m');
    await page.getByTestId('field-map').and(page.locator('[data-ready=true]')).waitFor({ timeout: 15_000 });
    await page.screenshot({ path: 'test-results/field-grid.png' });
    // The page fits a phone: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // The basement: the server cannot be reached.
    const cutOff = (ctx: typeof phone) =>
      ctx.route(/\/api\/(media|incidents)$/, (route) => route.abort('internetdisconnected'));
    await cutOff(phone);
    await page.getByTestId('tab-report').click();
    await expect
      .poll(() => page.locator('[data-testid=report-category] option').count(), { timeout: 10_000 })
      .toBeGreaterThan(3);
    await page.getByTestId('report-category').selectOption('fire_safety');
    await page.getByTestId('report-description').fill(description);
    await page.getByTestId('photo-gallery').setInputFiles([
      { name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: photos[0] },
      { name: 'IMG_0002.jpg', mimeType: 'image/jpeg', buffer: photos[1] },
    ]);
    await expect.poll(() => page.locator('.photo-row img').count(), { timeout: 30_000 }).toBe(2);
    await expect.poll(() => page.getByTestId('report-where').textContent(), { timeout: 10_000 }).toContain('±12 m');
    await page.screenshot({ path: 'test-results/field-report.png' });
    await page.getByTestId('report-submit').click();
    await expect
      .poll(() => page.getByTestId('outbox-badge').textContent(), { timeout: 10_000 })
      .toContain('1 条待发送 · 1 waiting to send');

    // A reload, then the phone switched off and on: the report still waits.
    await page.reload();
    await expect
      .poll(() => page.getByTestId('outbox-badge').textContent(), { timeout: 10_000 })
      .toContain('1 waiting to send');
    await phone.close();
    phone = await openPhone(profile, grid);
    await cutOff(phone);
    page = await page0(phone);
    await page.goto(`${server.url}/m/`);
    await expect
      .poll(() => page.getByTestId('outbox-badge').textContent(), { timeout: 10_000 })
      .toContain('1 waiting to send');
    const { rows: none } = await db.query('SELECT count(*)::int AS n FROM incidents WHERE description = $1', [
      description,
    ]);
    expect(none[0].n).toBe(0);

    // Out of the basement. The wall listens; the first answer to the report is lost on its way
    // back (the server stored it, the phone does not know), so the phone sends it again.
    const { rows: seq } = await db.query('SELECT coalesce(max(seq), 0)::int AS s FROM events');
    const wall = new TestScreen(server.url, await tokenFor(server.url, 'wall'), seq[0].s);
    await phone.unroute(/\/api\/(media|incidents)$/);
    let lost = false;
    await phone.route(/\/api\/incidents$/, async (route) => {
      if (lost) return route.continue();
      lost = true;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await phone.setOffline(true);
    await phone.setOffline(false);
    await expect.poll(() => page.getByTestId('outbox-badge').textContent(), { timeout: 30_000 }).toContain('All sent');
    expect(lost).toBe(true);

    const { rows } = await db.query(`SELECT id, source, photos, reported_by FROM incidents WHERE description = $1`, [
      description,
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0].source).toBe('grid_worker');
    expect(rows[0].photos).toHaveLength(2);
    const ids = rows[0].photos.map((p: { id: string }) => p.id);
    const { rows: media } = await db.query('SELECT sha256, bytes FROM media WHERE id = ANY($1::uuid[])', [ids]);
    expect(media).toHaveLength(2);
    // Shrunk on the phone before it left: well under the camera's size.
    for (const m of media) expect(m.bytes).toBeLessThan(photos[0].length);

    await expect
      .poll(() => wall.events.filter((e) => e.type === 'incident.created' && e.incident?.id === rows[0].id).length, {
        timeout: 10_000,
      })
      .toBe(1);
    wall.socket.close();
    await phone.close();
  }, 120_000);
});
