/**
 * Photos in the operator console, in a real browser against the real server: a worker's report
 * with two uploaded photos (one whose EXIF GPS lies 2 km away) and a handle step with an "after"
 * photo. The card shows the thumbnails (really decoded), the far photo's warning, the full photo
 * on a click, the history row's thumbnail; images are fetched with the bearer header, never with
 * a token in the URL. Screenshot: test-results/console-photos.png (the README's docs/screenshots/console-photos.png is a copy).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp, type App } from '../../server/src/app.ts';
import { foreignRequests, hasChromium, launchBrowser, openPage, signIn } from '../helpers/browser.ts';
import { testDatabaseUrl } from '../helpers/db.ts';
import { pointInGrid, type GridPoint } from '../helpers/incidents.ts';
import { photo } from '../media/helpers.ts';

describe.skipIf(!hasChromium)('photos in the operator console', () => {
  let browser: Browser;
  let app: App;
  let db: pg.Pool;
  let dataDir: string;
  let origin: string;
  let place: GridPoint;
  const users = inject('users');

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'gridboard-photos-'));
    app = await buildApp({ databaseUrl: testDatabaseUrl(), clientDir: inject('clientDir'), live: true, dataDir });
    origin = new URL(await app.listen({ host: '127.0.0.1', port: 0 })).origin;
    db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
    place = await pointInGrid(db, 12);
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.end();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function token(role: string): Promise<string> {
    const res = await fetch(`${origin}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(users[role]),
    });
    return ((await res.json()) as { token: string }).token;
  }

  async function send(t: string, bytes: Buffer): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'photo.jpg');
    const res = await fetch(`${origin}/api/media`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t}` },
      body: form,
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  }

  async function post(t: string, path: string, body: object) {
    const res = await fetch(`${origin}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t}` },
      body: JSON.stringify(body),
    });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
    return res.json();
  }

  it('shows before and after photos with the far photo’s warning, and opens the full photo', async () => {
    const worker = await token('worker');
    const operator = await token('operator');
    const takenAt = new Date(Date.now() - 2 * 60_000);
    const near = await send(
      worker,
      await photo('jpeg', { exif: { lon: place.lon, lat: place.lat, takenAt }, seed: 41 }),
    );
    const far = await send(
      worker,
      await photo('jpeg', { exif: { lon: place.lon + 0.02, lat: place.lat, takenAt, make: 'HUAWEI' }, seed: 42 }),
    );
    const id = randomUUID();
    await post(worker, '/api/incidents', {
      id,
      category: 'environment',
      grade: 'routine',
      description: '小区门口垃圾堆积，已拍照',
      lon: place.lon,
      lat: place.lat,
      photos: [{ id: near }, { id: far }],
    });
    const { rows } = await db.query('SELECT id FROM patrol_units ORDER BY id LIMIT 1');
    await post(operator, `/api/incidents/${id}/actions`, { action: 'accept', version: 1 });
    await post(operator, `/api/incidents/${id}/actions`, { action: 'dispatch', unit_id: rows[0].id, version: 2 });
    const after = await send(
      worker,
      await photo('jpeg', { exif: { lon: place.lon, lat: place.lat, takenAt: new Date() }, seed: 43 }),
    );
    await post(operator, `/api/incidents/${id}/actions`, {
      action: 'handle',
      note: '已清运',
      photos: [{ id: after }],
      version: 3,
    });

    const { page, requests, pageErrors } = await openPage(browser);
    await signIn(page, origin, users.operator.username, users.operator.password);
    await page.locator('nav a[href="/console"]').waitFor({ timeout: 30_000 });
    await page.goto(`${origin}/console?incident=${id}`);
    const card = page.locator(`[data-testid="incident-card"][data-id="${id}"]`);
    await card.waitFor({ timeout: 30_000 });
    const gallery = card.getByTestId('photos');
    await gallery.waitFor({ timeout: 10_000 });

    // Both report photos, and the after photo, as decoded images.
    const before = gallery.getByTestId('photos-before').getByTestId('photo-thumb');
    await expect.poll(() => before.count(), { timeout: 10_000 }).toBe(2);
    const decoded = async (loc: typeof before) =>
      loc.evaluateAll((imgs) =>
        imgs.map((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth),
      );
    await expect
      .poll(async () => (await decoded(before)).every((w) => typeof w === 'number' && w > 0), { timeout: 10_000 })
      .toBe(true);
    const afterThumbs = gallery.getByTestId('photos-after').getByTestId('photo-thumb');
    await expect.poll(() => afterThumbs.count(), { timeout: 10_000 }).toBe(1);

    // The far photo carries the warning, in Chinese first; the near one none.
    const farFigure = gallery.locator(`[data-photo-id="${far}"]`);
    await expect.poll(() => farFigure.getByTestId('photo-flag').textContent()).toMatch(/500米.*500 m/);
    expect(await gallery.locator(`[data-photo-id="${near}"]`).getByTestId('photo-flag').count()).toBe(0);
    expect(await card.getByTestId('photos-warning').textContent()).toMatch(/1 张需核实/);

    // The handle row of the history shows its photo.
    const historyThumb = card.locator('[data-testid="history-item"][data-action="handle"] [data-testid="photo-thumb"]');
    await historyThumb.waitFor({ timeout: 10_000 });

    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/console-photos.png' });

    // A click opens the full photo (1200 px wide), Escape closes it.
    await farFigure.locator('button').click();
    const full = page.getByTestId('photo-viewer').locator('img');
    await full.waitFor({ timeout: 10_000 });
    await expect.poll(() => full.evaluate((i) => (i as HTMLImageElement).naturalWidth), { timeout: 10_000 }).toBe(1200);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('photo-viewer').count()).toBe(0);

    const media = requests.filter((u) => u.includes('/api/media/'));
    expect(media.length).toBeGreaterThanOrEqual(4);
    // The token travels in the header only.
    for (const u of media) expect(new URL(u).search).toBe('');
    expect(foreignRequests(requests, origin)).toEqual([]);
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('shows the report’s first photo on the wall’s alert card', async () => {
    const worker = await token('worker');
    const { page, pageErrors } = await openPage(browser);
    await signIn(page, origin, users.wall.username, users.wall.password);
    await page.waitForFunction(() => localStorage.getItem('gridboard.token'), null, { timeout: 30_000 });
    await page.goto(`${origin}/wall`);
    await page.getByTestId('wall').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="live-status"][data-state="connected"]').waitFor({ timeout: 30_000 });
    const first = await send(worker, await photo('jpeg', { exif: { lon: place.lon, lat: place.lat }, seed: 44 }));
    const id = randomUUID();
    // A key incident: the wall alerts on it.
    await post(worker, '/api/incidents', {
      id,
      category: 'fire_safety',
      grade: 'key',
      description: '楼道内电动车违规充电',
      lon: place.lon,
      lat: place.lat,
      photos: [{ id: first }],
    });
    const img = page.locator(`[data-testid="wall-alert"][data-incident-id="${id}"] [data-testid="wall-alert-photo"]`);
    await img.waitFor({ timeout: 15_000 });
    await expect.poll(() => img.evaluate((i) => (i as HTMLImageElement).naturalWidth), { timeout: 10_000 }).toBe(480);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
