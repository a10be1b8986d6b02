/**
 * On duty: the phone keeps a GPS fix every N seconds while the worker walks, sends them through
 * the fixes API, and shows today's track.
 */
import { describe, expect, inject, it } from 'vitest';
import { hasChromium } from '../helpers/browser.ts';
import { useTestServer } from '../helpers/server.ts';
import { openPhone, page0, signInPhone, usePhoneSetup } from './phone.ts';

const server = useTestServer();
const users = inject('users');
const phoneSetup = usePhoneSetup();

describe.skipIf(!hasChromium)('on duty', () => {
  it('records a fix every 5 s while on duty, sends them, and draws the track', async () => {
    const { db, profile, grid } = phoneSetup;
    const since = new Date();
    const phone = await openPhone(profile, grid);
    const page = await page0(phone);
    await signInPhone(page, server.url, users.worker);
    await page.getByTestId('tab-duty').click();
    await page.getByRole('button', { name: '5 秒 s', exact: true }).click();
    await page.getByTestId('duty-toggle').click();
    await expect.poll(() => page.getByTestId('duty-state').textContent()).toContain('every 5 s');

    // Walking along a street: about 15 m every 6 s.
    for (let i = 1; i <= 2; i++) {
      await page.waitForTimeout(6_000);
      await phone.setGeolocation({ longitude: grid.lon + i * 0.00015, latitude: grid.lat, accuracy: 10 });
    }
    await expect.poll(() => page.getByTestId('track-summary').textContent(), { timeout: 5_000 }).toContain('waiting');
    // Going off duty sends what waits.
    await page.getByTestId('duty-toggle').click();
    const fixes = async () =>
      (
        await db.query('SELECT count(*)::int AS n FROM patrol_fixes WHERE unit_id = $1 AND t >= $2', [
          grid.unit_id,
          since,
        ])
      ).rows[0].n;
    await expect.poll(fixes, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    await expect
      .poll(() => page.getByTestId('track-summary').textContent(), { timeout: 10_000 })
      .not.toContain('waiting');

    // The track of today, as the server has it.
    await page.reload();
    await page.getByTestId('tab-duty').click();
    await expect
      .poll(async () => Number(/(\d+) 点/.exec((await page.getByTestId('track-summary').textContent()) ?? '')?.[1]), {
        timeout: 10_000,
      })
      .toBeGreaterThanOrEqual(3);
    await phone.close();
  }, 90_000);
});
