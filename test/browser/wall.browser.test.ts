/**
 * The wall display in a real browser (headless Chromium, software WebGL, 1920×1080) against the
 * real server and database (this file's own: test/helpers/server.ts): opened with a wall token,
 * the map and every panel drawn and the figures equal to the database's, a new incident on the
 * page, a server restart healed without a hand, no request beyond the origin, and the 4K layout.
 * Screenshots go to test-results/wall*.png. How fast an incident reaches the wall (2 s) is
 * `npm run bench`'s business (`alert-latency`).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import {
  foreignRequests,
  hasChromium,
  launchBrowser,
  openPage,
  screenshotPixels,
  untilDrawn,
  type Box,
} from '../helpers/browser.ts';
import { testDatabaseUrl } from '../helpers/db.ts';
import { pointInGrid, type GridPoint } from '../helpers/incidents.ts';
import { useTestServer } from '../helpers/server.ts';
import { startServerProcess, type ServerProcess } from '../../scripts/lib/server-process.ts';
import { DEFAULT_DEADLINES, isOverdue } from '../../server/src/domain/workflow.ts';

const HD = { width: 1920, height: 1080 };
/** How long a test waits for a live event to show (not how fast it must: see above). */
const LIVE_WAIT = 10_000;
/** The wall never stops moving quite (incidents pulse): a settled map changes in fewer than this share of its pixels. */
const WALL_MOTION = 0.02;

/** Pixels in `box` of a PNG that differ from the basemap background, and distinct colours (coarse). */
async function pixelStats(page: Page, png: Buffer, box: Box) {
  const data = await screenshotPixels(page, png, box);
  let drawn = 0;
  let outline = 0;
  let heat = 0;
  const colours = new Set<number>();
  for (let i = 0; i < data.length; i += 4) {
    const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
    if (Math.abs(r - 7) + Math.abs(g - 12) + Math.abs(b - 23) > 24) drawn++;
    if (r < 110 && g > 150 && b > 180 && g - r > 100) outline++;
    // Warm heat colours (yellow → red) with little blue.
    if (r > 180 && b < 90) heat++;
    colours.add(((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4));
  }
  return { total: data.length / 4, drawn, outline, heat, colours: colours.size };
}

describe.skipIf(!hasChromium)('wall display in a real browser', () => {
  let browser: Browser;
  let db: pg.Pool;
  let place: GridPoint;
  let wallToken: string;
  let operatorToken: string;
  let origin: string;
  const server = useTestServer();
  const users = inject('users');

  async function login(base: string, role: string): Promise<string> {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(users[role]),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { token: string }).token;
  }

  async function report(base: string, over: Record<string, unknown> = {}): Promise<string> {
    const id = randomUUID();
    const res = await fetch(`${base}/api/incidents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${operatorToken}` },
      body: JSON.stringify({
        id,
        category: 'public_security',
        grade: 'difficult',
        source: 'hotline',
        description: '广场上两伙人发生冲突，请求支援',
        lon: place.lon,
        lat: place.lat,
        ...over,
      }),
    });
    expect(res.status).toBe(201);
    return id;
  }

  async function openWall(base: string, viewport = HD, query = '') {
    const { context, page, requests, pageErrors: errors, settle } = await openPage(browser, viewport);
    await page.goto(`${base}/wall?token=${encodeURIComponent(wallToken)}${query}`);
    await page.getByTestId('wall').waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => window.__wall?.completeAt != null, null, { timeout: 90_000 });
    await page.locator('[data-testid="live-status"][data-state="connected"]').waitFor({ timeout: 30_000 });
    return { context, page, requests, errors, settle };
  }

  const foreign = (base: string, requests: string[]) => foreignRequests(requests, new URL(base).origin);

  beforeAll(async () => {
    browser = await launchBrowser();
    origin = server.origin;
    db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
    place = await pointInGrid(db, 21);
    const admin = await login(origin, 'admin');
    const res = await fetch(`${origin}/api/wall/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ username: users.wall.username, days: 30, screen: 'Browser test wall' }),
    });
    expect(res.status).toBe(200);
    wallToken = ((await res.json()) as { token: string }).token;
    operatorToken = await login(origin, 'operator');
    mkdirSync('test-results', { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await db?.end();
  });

  it("opens with a wall token, draws the map and every panel, and shows the database's figures", async () => {
    const { context, page, requests, errors, settle } = await openWall(origin);
    try {
      // The link's token left the address bar and was exchanged for the screen's own bearer token,
      // kept for the next start; the link token itself is kept nowhere.
      expect(new URL(page.url()).search).toBe('');
      const kept = await page.evaluate(() => localStorage.getItem('gridboard.token'));
      expect(kept).toBeTruthy();
      expect(kept).not.toBe(wallToken);
      expect(requests.some((u) => u.endsWith('/api/auth/wall'))).toBe(true);
      // No chrome: the shell's top bar is not there.
      expect(await page.locator('nav a[href="/console"]').count()).toBe(0);

      // Figures against the database (overdue by the domain's own rule, computed here).
      const { rows: open } = await db.query(
        'SELECT grade, status, updated_at, grid_id FROM incidents WHERE closed_at IS NULL',
      );
      const now = new Date();
      const overdue = open.filter((o) => isOverdue(o.grade, o.status, o.updated_at, now, DEFAULT_DEADLINES)).length;
      const {
        rows: [d],
      } = await db.query(`SELECT
        (SELECT count(*)::int FROM incidents WHERE (reported_at AT TIME ZONE 'Asia/Shanghai')::date = (now() AT TIME ZONE 'Asia/Shanghai')::date) today,
        (SELECT count(*)::int FROM incidents WHERE reported_at >= now() - interval '30 days') r30,
        (SELECT count(*)::int FROM incidents WHERE reported_at >= now() - interval '30 days' AND closed_at IS NOT NULL) c30`);
      const kpi = (id: string) => page.getByTestId(`kpi-${id}`);
      expect(Number(await kpi('open').getAttribute('data-value'))).toBe(open.length);
      expect(await kpi('open').locator('.wall-kpi-value').textContent()).toBe(open.length.toLocaleString('en-US'));
      expect(Number(await kpi('overdue').getAttribute('data-value'))).toBe(overdue);
      expect(Number(await kpi('today').getAttribute('data-value'))).toBe(d.today);
      // The 30-day window slides between the page's query and this one: an incident may cross its edge.
      expect(Number(await kpi('closure').getAttribute('data-value'))).toBeCloseTo(d.c30 / d.r30, 3);
      expect(await kpi('closure').locator('.wall-kpi-value').textContent()).toMatch(/^\d+(\.\d)?%$/);
      expect(await kpi('handling').locator('.wall-kpi-value').textContent()).toMatch(/^\d+(\.\d)? (min|h|d)$/);

      // Top grids: the database's ten grids with the most open incidents, in order.
      const { rows: top } =
        await db.query(`SELECT grid_id, count(*)::int n FROM incidents WHERE closed_at IS NULL AND grid_id IS NOT NULL
        GROUP BY grid_id ORDER BY n DESC, grid_id LIMIT 10`);
      const shown = await page
        .getByTestId('top-grid')
        .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-open'))));
      expect(shown).toEqual(top.map((t) => t.n));

      // Every chart drew marks: bars for the breakdowns, a curve for each trend.
      for (const id of ['category', 'grade']) {
        expect(await page.getByTestId(`panel-${id}`).locator('.recharts-bar-rectangle').count(), id).toBeGreaterThan(0);
      }
      for (const id of ['trend24h', 'trend30d']) {
        const d = await page.getByTestId(`panel-${id}`).locator('.recharts-curve').first().getAttribute('d');
        expect(d?.length ?? 0, id).toBeGreaterThan(50);
      }
      // The category bars are labelled with the database's counts.
      const { rows: cats } = await db.query(
        'SELECT count(*)::int n FROM incidents WHERE closed_at IS NULL GROUP BY category ORDER BY n DESC',
      );
      const labels = await page.getByTestId('panel-category').locator('.recharts-label').allTextContents();
      expect(labels.map(Number)).toEqual(cats.map((c) => c.n));

      // The heat holds the window's incidents. The window slid since the page asked: an incident
      // may have left it since (none arrived: this file reports its own later).
      const {
        rows: [{ n: heat }],
      } = await db.query("SELECT count(*)::int n FROM incidents WHERE reported_at > now() - interval '7 days'");
      const heatCount = (await page.evaluate(() => window.__wall?.heatCount)) ?? -1;
      expect(heatCount).toBeGreaterThanOrEqual(heat);
      expect(heatCount).toBeLessThanOrEqual(heat + 2);

      // The map: grid outlines, coloured fills and the heat, by their pixels.
      const box = (await page.getByTestId('wall-map').boundingBox())!;
      await settle({ box, maxChange: WALL_MOTION });
      const px = await untilDrawn(
        page,
        (png) => pixelStats(page, png, box),
        (c) => c.drawn > c.total * 0.3 && c.outline > c.total * 0.002 && c.heat > c.total * 0.002 && c.colours > 80,
        { path: 'test-results/wall-1080.png' },
      );
      console.info(
        `[wall] map pixels: ${JSON.stringify(px)}; complete render ${await page.evaluate(() => Math.round(window.__wall!.completeAt!))} ms`,
      );
      expect(px.drawn).toBeGreaterThan(px.total * 0.3);
      expect(px.outline).toBeGreaterThan(px.total * 0.002);
      expect(px.heat).toBeGreaterThan(px.total * 0.002);
      expect(px.colours).toBeGreaterThan(80);

      // A reload starts from the saved session, with no token in the URL.
      await page.reload();
      await page.waitForFunction(() => window.__wall?.completeAt != null, null, { timeout: 90_000 });
      expect(await page.getByTestId('wall-kpis').isVisible()).toBe(true);

      expect(errors).toEqual([]);
      expect(foreign(origin, requests)).toEqual([]);
      expect(requests.some((u) => u.includes('/tiles/grids/'))).toBe(true);
      expect(requests.some((u) => u.includes('/api/wall/heat'))).toBe(true);
    } finally {
      await context.close();
    }
  }, 180_000);

  it('shows a new incident: ticker, alert card and zoom, then the figures follow', async () => {
    const { context, page, requests, settle } = await openWall(origin);
    try {
      const openBefore = Number(await page.getByTestId('kpi-open').getAttribute('data-value'));
      const started = Date.now();
      const id = await report(origin);
      await page.locator(`[data-testid="ticker-item"][data-incident-id="${id}"]`).waitFor({ timeout: LIVE_WAIT });
      const alert = page.locator(`[data-testid="wall-alert"][data-incident-id="${id}"]`);
      await alert.waitFor({ timeout: LIVE_WAIT });
      console.info(`[wall] ticker and alert ${Date.now() - started} ms after the report was sent`);
      expect(await alert.textContent()).toMatch(/疑难/);
      expect(await alert.textContent()).toMatch(/广场上两伙人/);
      // The figures follow the event without a reload.
      await expect
        .poll(async () => Number(await page.getByTestId('kpi-open').getAttribute('data-value')), { timeout: 10_000 })
        .toBe(openBefore + 1);
      await settle({
        box: (await page.getByTestId('wall-map').boundingBox())!,
        maxChange: WALL_MOTION,
        timeout: 60_000,
      }); // the zoom to the incident
      await page.screenshot({ path: 'test-results/wall-alert.png' });
      expect(foreign(origin, requests)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('heals by itself after the server restarts, without a reload', async () => {
    let proc: ServerProcess | null = await startServerProcess(testDatabaseUrl(), {
      env: { CLIENT_DIR: inject('clientDir') },
      quiet: true,
    });
    const base = proc.url;
    const { context, page, requests } = await openWall(base, HD, '&tour=5');
    try {
      await page.evaluate(() => ((window as unknown as { __sameDocument: number }).__sameDocument = 42));
      const port = proc.port;
      await proc.kill();
      proc = null;
      await page.locator('[data-testid="live-status"]:not([data-state="connected"])').waitFor({ timeout: 15_000 });
      await page.screenshot({ path: 'test-results/wall-disconnected.png' });
      proc = await startServerProcess(testDatabaseUrl(), {
        port,
        env: { CLIENT_DIR: inject('clientDir') },
        quiet: true,
      });
      await page.locator('[data-testid="live-status"][data-state="connected"]').waitFor({ timeout: 30_000 });
      // Same document (no reload), and live again: a new incident reaches the ticker.
      expect(await page.evaluate(() => (window as unknown as { __sameDocument?: number }).__sameDocument)).toBe(42);
      const id = await report(base, { grade: 'routine', category: 'environment', description: '垃圾桶满溢' });
      await page.locator(`[data-testid="ticker-item"][data-incident-id="${id}"]`).waitFor({ timeout: 5_000 });
      // The tour kept moving (5 s stops): the stop changes while we watch.
      const stop0 = await page.getByTestId('wall-stop').getAttribute('data-stop');
      await expect
        .poll(() => page.getByTestId('wall-stop').getAttribute('data-stop'), { timeout: 12_000 })
        .not.toBe(stop0);
      expect(foreign(base, requests)).toEqual([]);
    } finally {
      await context.close();
      await proc?.stop();
    }
  }, 180_000);

  it('lays out for a 3840×2160 wall with figures readable from across the room', async () => {
    const { context, page, settle } = await openWall(origin, { width: 3840, height: 2160 });
    try {
      await settle({ box: (await page.getByTestId('wall-map').boundingBox())!, maxChange: WALL_MOTION });
      await page.screenshot({ path: 'test-results/wall-4k.png' });
      const h = await page
        .getByTestId('kpi-open')
        .locator('.wall-kpi-value')
        .evaluate((el) => el.getBoundingClientRect().height);
      console.info(`[wall] 4K figure height ${h}px (${((h / 2160) * 100).toFixed(1)} % of the screen)`);
      expect(h / 2160).toBeGreaterThanOrEqual(0.04);
      // Nothing spills off the screen.
      const overflow = await page.evaluate(
        () =>
          document.documentElement.scrollHeight > window.innerHeight + 1 ||
          document.documentElement.scrollWidth > window.innerWidth + 1,
      );
      expect(overflow).toBe(false);
    } finally {
      await context.close();
    }
  }, 120_000);
});
