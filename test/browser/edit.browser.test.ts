/**
 * The grid editor (`/edit`) in a real browser (headless Chromium, software WebGL): open it from
 * the nav, pick a community, see its grids coloured by household balance (judged by pixels) and
 * the balance table, split a grid by drawing a line across it on the map, read the server's
 * preview, save, see the history, undo. Nothing leaves the origin. Against a server of this
 * file's own (test/helpers/server.ts), as an admin; skipped without Chromium.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import {
  type Box,
  foreignRequests,
  frames,
  hasChromium,
  launchBrowser,
  openPage,
  screenshotPixels,
  signIn,
  untilDrawn,
} from '../helpers/browser.ts';
import { testDatabaseUrl } from '../helpers/db.ts';
import { useTestServer } from '../helpers/server.ts';

/** Web Mercator, in units of the world width. */
const merc = (lon: number, lat: number): [number, number] => [
  (lon + 180) / 360,
  (1 - Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) / Math.PI) / 2,
];

/** Where a lon/lat lands once the map has fitted `bbox` with EditMap's padding (110 top, 40 elsewhere). */
function projector(bbox: number[], box: { x: number; y: number; width: number; height: number }) {
  const pad = { top: 110, bottom: 40, left: 40, right: 40 };
  const [x0, y1] = merc(bbox[0], bbox[1]);
  const [x1, y0] = merc(bbox[2], bbox[3]);
  const [w, h] = [box.width - pad.left - pad.right, box.height - pad.top - pad.bottom];
  const s = Math.min(w / (x1 - x0), h / (y1 - y0));
  const [cx, cy] = [(x0 + x1) / 2, (y0 + y1) / 2];
  const [ox, oy] = [box.x + pad.left + w / 2, box.y + pad.top + h / 2];
  return (lon: number, lat: number) => {
    const [x, y] = merc(lon, lat);
    return { x: ox + (x - cx) * s, y: oy + (y - cy) * s };
  };
}

/** Pixels of the balance colours (green in band, blue under, red over) in a box of a screenshot. */
async function balancePixels(page: Page, png: Buffer, box: Box) {
  const data = await screenshotPixels(page, png, box);
  let green = 0;
  let blue = 0;
  let red = 0;
  for (let i = 0; i < data.length; i += 4) {
    const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
    // The balance fills are translucent over the dark basemap: judge by which channel leads.
    if (g > 70 && g - r > 25 && g - b > 8) green++;
    else if (b > 90 && b - r > 35 && b - g > 10) blue++;
    else if (r > 110 && r - b > 60 && r - g > 30) red++;
  }
  return { total: data.length / 4, green, blue, red };
}

describe.skipIf(!hasChromium)('grid editor in a real browser', () => {
  let browser: Browser;
  let db: pg.Pool;
  const server = useTestServer();
  const { username, password } = inject('users').admin;

  beforeAll(async () => {
    browser = await launchBrowser();
    db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 1 });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await db?.end();
  });

  it('shows the balance, splits a grid along a drawn line with a preview, saves, undoes', async () => {
    // A grid with a street inside it (an edge between two of its blocks), in a community of several grids.
    const { rows } = await db.query(`
      SELECT g.id, g.code, g.community_id, ST_X(ST_StartPoint(e.geom)) sx, ST_Y(ST_StartPoint(e.geom)) sy,
             ST_X(ST_EndPoint(e.geom)) ex, ST_Y(ST_EndPoint(e.geom)) ey,
             ST_XMin(g.geom) gx0, ST_YMin(g.geom) gy0, ST_XMax(g.geom) gx1, ST_YMax(g.geom) gy1,
             ST_XMin(c.geom) cx0, ST_YMin(c.geom) cy0, ST_XMax(c.geom) cx1, ST_YMax(c.geom) cy1
      FROM grids g JOIN communities c ON c.id = g.community_id
      JOIN blocks a ON a.grid_id = g.id JOIN blocks b ON b.grid_id = g.id AND a.id < b.id AND a.geom && b.geom
      CROSS JOIN LATERAL (SELECT ST_LineMerge(ST_Intersection(a.geom, b.geom)) AS geom) e
      WHERE ST_GeometryType(e.geom) = 'ST_LineString' AND ST_Length(e.geom::geography) > 80
        AND (SELECT count(*) FROM grids x WHERE x.community_id = g.community_id) >= 4
      ORDER BY g.id DESC LIMIT 1`);
    const t = rows[0];
    expect(t).toBeTruthy();

    const { context, page, requests, pageErrors, settle } = await openPage(browser);
    const origin = server.origin;
    try {
      await signIn(page, server.url, username, password);
      // Signed in: go to the editor from the nav (without waiting for the overview's map to draw).
      await page.getByRole('link', { name: /Edit grids/ }).click({ timeout: 60_000 });
      await page.getByTestId('edit-page').waitFor({ timeout: 30_000 });
      expect(new URL(page.url()).pathname).toBe('/edit');
      await page.waitForFunction(() => window.__gridboard?.mapReady === true, null, { timeout: 120_000 });

      await page.getByTestId('community').selectOption(String(t.community_id));
      await page.waitForSelector('[data-testid="edit-page"][data-loaded="true"]', { timeout: 30_000 });
      const rowsShown = await page.getByTestId('balance-table').locator('tbody tr').count();
      const { rows: n } = await db.query('SELECT count(*)::int n FROM grids WHERE community_id = $1', [t.community_id]);
      expect(rowsShown).toBe(n[0].n);
      // The map has fitted the community (the drawing below aims by that fit) and drawn its grids.
      const box = (await page.getByTestId('edit-map').boundingBox())!;
      await settle({ box });
      mkdirSync('test-results', { recursive: true });
      const px = await untilDrawn(
        page,
        (png) => balancePixels(page, png, box),
        (c) => c.green + c.blue + c.red > c.total * 0.1,
        { path: 'test-results/edit.png' },
      );
      console.info(`[browser] editor map ${px.total} px: green ${px.green}, blue ${px.blue}, red ${px.red}`);
      expect(px.green + px.blue + px.red, JSON.stringify(px)).toBeGreaterThan(px.total * 0.1);

      // Select the grid in the table, take the split tool, draw across the grid along its street.
      const shortCode = t.code.split('-').pop();
      await page.getByTestId('balance-table').locator('tbody tr', { hasText: shortCode }).first().click();
      await page.getByTestId('selected-grid').waitFor();
      await page.getByTestId('tool-split').click();
      await page.locator('[data-testid="tool-split"].active').waitFor();
      await frames(page, 2);
      const at = projector([t.cx0, t.cy0, t.cx1, t.cy1], box);
      const [dx, dy] = [t.ex - t.sx, t.ey - t.sy];
      // Along the street, from just outside the grid's box on one side to just outside on the other.
      const span = Math.max(t.gx1 - t.gx0, t.gy1 - t.gy0) / Math.hypot(dx, dy);
      const p1 = at(t.sx - dx * span * 0.6, t.sy - dy * span * 0.6);
      const p2 = at(t.ex + dx * span * 0.6, t.ey + dy * span * 0.6);
      const clamp = (p: { x: number; y: number }) => ({
        x: Math.min(box.x + box.width - 5, Math.max(box.x + 5, p.x)),
        y: Math.min(box.y + box.height - 30, Math.max(box.y + 140, p.y)),
      });
      const [a, b] = [clamp(p1), clamp(p2)];
      // Each click is handled by the time mouse.click() returns (the page acknowledged the input);
      // clicking the last point again finishes the line.
      await page.mouse.click(a.x, a.y);
      await page.mouse.click(b.x, b.y);
      await page.mouse.click(b.x, b.y);
      await page.getByTestId('preview').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('preview').textContent()).toMatch(/new 新/);
      await settle({ box });
      await page.screenshot({ path: 'test-results/edit-preview.png' });
      await page.getByTestId('save').click();
      await expect
        .poll(async () => page.getByTestId('message').textContent(), { timeout: 30_000 })
        .toMatch(/Saved as version \d+/);
      await expect
        .poll(async () => page.getByTestId('balance-table').locator('tbody tr').count(), { timeout: 30_000 })
        .toBeGreaterThan(rowsShown);
      expect(await page.getByTestId('history').locator('li').count()).toBe(1);
      const { rows: split } = await db.query(
        `SELECT count(*)::int n FROM grid_versions WHERE community_id = $1 AND op = 'split'`,
        [t.community_id],
      );
      expect(split[0].n).toBe(1);
      await settle({ box });
      await page.screenshot({ path: 'test-results/edit-saved.png' });

      // Undo: the grids come back as they were.
      await page.getByTestId('undo').click();
      await expect
        .poll(async () => page.getByTestId('balance-table').locator('tbody tr').count(), { timeout: 30_000 })
        .toBe(rowsShown);
      expect(await page.getByTestId('history').locator('li').count()).toBe(2);

      // Move a shared boundary: drag a vertex the grid shares with a neighbour into the neighbour.
      const { rows: vs } = await db.query(
        `
        SELECT b.id AS nb, ST_X(d.geom) x, ST_Y(d.geom) y, ST_X(ST_Centroid(b.geom)) bx, ST_Y(ST_Centroid(b.geom)) by
        FROM grids a JOIN grids b ON b.community_id = a.community_id AND b.id <> a.id AND ST_Relate(a.geom, b.geom, '****1****'),
             communities c, ST_DumpPoints(ST_Intersection(a.geom, b.geom)) d
        WHERE a.id = $1 AND c.id = a.community_id AND NOT ST_Intersects(ST_Boundary(c.geom), d.geom) LIMIT 1`,
        [t.id],
      );
      const v = vs[0];
      expect(v).toBeTruthy();
      await page.getByTestId('tool-select').click();
      await page.getByTestId('balance-table').locator('tbody tr', { hasText: shortCode }).first().click();
      await page.getByTestId('tool-move').click();
      // The tool is on, and its effect (the grid's polygon handed to the drawing layer) has run.
      await page.locator('[data-testid="tool-move"].active').waitFor();
      await frames(page, 2);
      const from = at(v.x, v.y);
      const to = at(v.x + (v.bx - v.x) * 0.3, v.y + (v.by - v.y) * 0.3);
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      for (let i = 1; i <= 10; i++)
        await page.mouse.move(from.x + ((to.x - from.x) * i) / 10, from.y + ((to.y - from.y) * i) / 10);
      await page.mouse.up();
      await page.getByTestId('preview').waitFor({ timeout: 30_000 });
      await settle({ box });
      await page.screenshot({ path: 'test-results/edit-boundary.png' });
      expect(await page.getByTestId('preview').textContent()).toMatch(/Boundary/);
      await page.getByTestId('save').click();
      await expect.poll(async () => page.getByTestId('history').locator('li').count(), { timeout: 30_000 }).toBe(3);
      const { rows: moved } = await db.query(
        `SELECT op, grid_ids FROM grid_versions WHERE community_id = $1 ORDER BY id DESC LIMIT 1`,
        [t.community_id],
      );
      expect(moved[0].op).toBe('move');
      expect(moved[0].grid_ids).toEqual(expect.arrayContaining([t.id, v.nb]));

      const foreign = foreignRequests(requests, origin);
      expect(foreign).toEqual([]);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 240_000);
});
