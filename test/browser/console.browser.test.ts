/**
 * The operator console in a real browser (headless Chromium, software WebGL) against the real
 * server and database: live queue and alerts, the incident card's actions written to the
 * database, the live card update, focus kept while typing, read-only for a wall user, and no
 * request to any other origin. Screenshots go to test-results/console*.png.
 *
 * Against a server of this file's own (test/helpers/server.ts), with the per-role users the global
 * setup made; skipped without Chromium. How fast an alert arrives is `npm run bench`'s business
 * (`alert-latency`); here it must arrive.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { foreignRequests, hasChromium, launchBrowser, openPage, signIn, VIEWPORT } from '../helpers/browser.ts';
import { testDatabaseUrl } from '../helpers/db.ts';
import { pointInGrid, type GridPoint } from '../helpers/incidents.ts';
import { useTestServer } from '../helpers/server.ts';

/** Events reach a screen within 2 s (`npm run bench`, alert-latency); this is only how long a test waits for one. */
const LIVE_WAIT = 10_000;

describe.skipIf(!hasChromium)('operator console in a real browser', () => {
  let browser: Browser;
  let db: pg.Pool;
  let place: GridPoint;
  let origin: string;
  const server = useTestServer();
  const users = inject('users');
  /** The incident the operator test reports and dispatches; the wall test opens it. */
  let dispatchedId: string | null = null;

  beforeAll(async () => {
    browser = await launchBrowser();
    db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
    origin = server.origin;
    place = await pointInGrid(db, 12);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await db?.end();
  });

  async function apiToken(role: string): Promise<string> {
    const { username, password } = users[role];
    const res = await fetch(`${origin}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { token: string }).token;
  }

  async function report(token: string, over: Record<string, unknown>): Promise<string> {
    const id = randomUUID();
    const res = await fetch(`${origin}/api/incidents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        id,
        category: 'fire_safety',
        grade: 'key',
        source: 'hotline',
        description: '楼道内电动车违规充电，存在火灾隐患',
        lon: place.lon,
        lat: place.lat,
        ...over,
      }),
    });
    expect(res.status).toBe(201);
    return id;
  }

  async function act(token: string, id: string, body: Record<string, unknown>) {
    const res = await fetch(`${origin}/api/incidents/${id}/actions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
  }

  async function openConsole(page: Page, role: string) {
    const { username, password } = users[role];
    await signIn(page, server.url, username, password);
    // Through the shell's navigation, as a user would.
    await page.locator('nav a[href="/console"]').click();
    await page.getByTestId('console').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="live-status"][data-state="connected"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="queue-row"]').first().waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => window.__gridboard?.mapReady === true, null, { timeout: 60_000 });
  }

  it('alerts on a new key incident, then accepts it and dispatches the nearest unit from the card', async () => {
    const { context, page, requests, pageErrors, settle } = await openPage(browser);
    const operator = users.operator.username;
    try {
      await openConsole(page, 'operator');
      const token = await apiToken('operator');

      // The queue is ordered by urgency, as the server orders it.
      const grades = await page
        .locator('[data-testid="queue-row"]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-grade')));
      expect(grades.length).toBeGreaterThan(0);

      // 1. A key incident reported through the API: in the queue, and alerted.
      const started = Date.now();
      const id = await report(token, {});
      const alert = page.locator(`[data-testid="alert"][data-incident-id="${id}"]`);
      await alert.waitFor({ state: 'visible', timeout: LIVE_WAIT });
      await page.locator(`[data-testid="queue-row"][data-id="${id}"]`).waitFor({ timeout: LIVE_WAIT });
      console.info(`[console] alert and queue row ${Date.now() - started} ms after the report was sent`);
      const alertText = (await alert.textContent()) ?? '';
      expect(alertText).toMatch(/New key incident/i);
      expect(alertText).toMatch(/Fire/);
      expect(alertText).toMatch(/社区|村/); // the place, from the area tree
      expect(alertText).toMatch(/\d{2}:\d{2}/);
      await page.waitForFunction(() => window.__gridboard?.gridsLoaded === true, null, { timeout: 60_000 });
      const map = (await page.getByTestId('map').boundingBox())!;
      await settle({ box: map });
      mkdirSync('test-results', { recursive: true });
      await page.screenshot({ path: 'test-results/console-alert.png' });

      // 2. The alert opens the card (and acknowledges itself).
      await alert.locator('.ca-body').click();
      const card = page.locator(`[data-testid="incident-card"][data-id="${id}"]`);
      await card.waitFor({ timeout: 5_000 });
      await expect.poll(() => alert.count()).toBe(0);
      await card.locator('[data-testid="history-item"]').first().waitFor({ timeout: 5_000 });
      await card.locator('[data-testid="unit-row"]').first().waitFor({ timeout: 5_000 });
      expect(await card.getAttribute('data-status')).toBe('reported');
      // Dispatching is not offered before the incident is accepted.
      expect(await card.locator('[data-testid="unit-dispatch"]').count()).toBe(0);
      expect(await page.url()).toContain(`/console?incident=${id}`);

      // 3. Accept, with a note.
      await card.getByTestId('action-note').fill('已电话核实，受理');
      await card.getByTestId('action-accept').click();
      await page
        .locator(`[data-testid="incident-card"][data-id="${id}"][data-status="accepted"]`)
        .waitFor({ timeout: 5_000 });

      // 4. Dispatch the nearest unit (the first listed).
      const dispatch = card.locator('[data-testid="unit-dispatch"]').first();
      await dispatch.waitFor({ timeout: 5_000 });
      const unitId = Number(await dispatch.getAttribute('data-unit-id'));
      expect(unitId).toBeGreaterThan(0);
      await dispatch.click();
      await page
        .locator(`[data-testid="incident-card"][data-id="${id}"][data-status="dispatched"]`)
        .waitFor({ timeout: 5_000 });
      await expect.poll(() => card.locator('[data-testid="history-item"]').count()).toBe(3);
      await expect.poll(() => card.getByTestId('card-assigned').getAttribute('data-unit-id')).toBe(String(unitId));

      // The database agrees: dispatched to that unit, each step by the operator.
      const {
        rows: [row],
      } = await db.query('SELECT status, assigned_unit_id FROM incidents WHERE id = $1', [id]);
      expect(row).toEqual({ status: 'dispatched', assigned_unit_id: unitId });
      const { rows: history } = await db.query(
        'SELECT action, from_status, to_status, actor, note FROM incident_history WHERE incident_id = $1 ORDER BY at, id',
        [id],
      );
      expect(history.map((h) => [h.action, h.from_status, h.to_status])).toEqual([
        ['report', null, 'reported'],
        ['accept', 'reported', 'accepted'],
        ['dispatch', 'accepted', 'dispatched'],
      ]);
      expect(history.slice(1).map((h) => h.actor)).toEqual([operator, operator]);
      expect(history[1].note).toBe('已电话核实，受理');
      dispatchedId = id;
      await settle({ box: map }); // the map's zoom to the grid
      await page.screenshot({ path: 'test-results/console-card.png' });
      // The whole card, history included, on a taller screen.
      await page.setViewportSize({ width: VIEWPORT.width, height: 1500 });
      await settle({ box: (await page.getByTestId('map').boundingBox())! });
      await page.screenshot({ path: 'test-results/console-card-full.png' });
      await page.setViewportSize(VIEWPORT);

      // 5. A new alert does not take the focus from someone typing a note.
      const note = card.getByTestId('action-note');
      await note.click();
      await page.keyboard.type('现场处置中');
      const second = await report(token, {
        grade: 'difficult',
        category: 'public_security',
        description: '两伙人在市场门口发生冲突',
      });
      await page
        .locator(`[data-testid="alert"][data-incident-id="${second}"]`)
        .waitFor({ state: 'visible', timeout: LIVE_WAIT });
      await page.keyboard.type('，请支援');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('action-note');
      expect(await note.inputValue()).toBe('现场处置中，请支援');
      await page.screenshot({ path: 'test-results/console-typing.png' });

      // 6. Another operator's step shows on the open card without a reload.
      await page.locator(`[data-testid="alert"][data-incident-id="${second}"] .ca-body`).click();
      const secondCard = page.locator(`[data-testid="incident-card"][data-id="${second}"][data-status="reported"]`);
      await secondCard.waitFor({ timeout: 5_000 });
      await act(await apiToken('admin'), second, { action: 'accept', note: '另一席位受理', version: 1 });
      await page
        .locator(`[data-testid="incident-card"][data-id="${second}"][data-status="accepted"]`)
        .waitFor({ timeout: LIVE_WAIT });
      await expect.poll(() => page.locator('[data-testid="history-item"]').count()).toBe(2);
      await page
        .locator(`[data-testid="queue-row"][data-id="${second}"][data-status="accepted"]`)
        .waitFor({ timeout: LIVE_WAIT });

      // 7. A repeat report of the first one: listed as a likely duplicate, marked in one click.
      const repeat = await report(token, { grade: 'routine', description: '同一处楼道又有人反映电动车充电' });
      const repeatRow = page.locator(`[data-testid="queue-row"][data-id="${repeat}"]`);
      await repeatRow.waitFor({ timeout: LIVE_WAIT });
      await repeatRow.click();
      const repeatCard = page.locator(`[data-testid="incident-card"][data-id="${repeat}"]`);
      const original = repeatCard.locator(`[data-testid="dup-row"][data-id="${id}"]`);
      await original.waitFor({ timeout: 5_000 });
      await page.screenshot({ path: 'test-results/console-duplicate.png' });
      await original.getByTestId('dup-mark').click();
      await page
        .locator(`[data-testid="incident-card"][data-id="${repeat}"][data-status="duplicate"]`)
        .waitFor({ timeout: 5_000 });
      await expect.poll(() => repeatRow.count()).toBe(0); // closed: it leaves the queue
      const {
        rows: [dup],
      } = await db.query('SELECT status, duplicate_of, closed_at IS NOT NULL AS closed FROM incidents WHERE id = $1', [
        repeat,
      ]);
      expect(dup).toEqual({ status: 'duplicate', duplicate_of: id, closed: true });

      expect(foreignRequests(requests, origin)).toEqual([]);
      expect(requests.some((u) => u.startsWith(`${origin}/api/queue`))).toBe(true);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);

  it('shows a wall user the console read-only: no action buttons', async () => {
    const { context, page, requests, pageErrors, settle } = await openPage(browser);
    try {
      await openConsole(page, 'wall');
      const token = await apiToken('operator');
      const id = dispatchedId ?? (await report(token, {}));
      const row = page.locator(`[data-testid="queue-row"][data-id="${id}"]`);
      await row.waitFor({ timeout: 5_000 });
      await row.click();
      const card = page.locator(`[data-testid="incident-card"][data-id="${id}"]`);
      await card.locator('[data-testid="history-item"]').first().waitFor({ timeout: 5_000 });
      await card.locator('[data-testid="unit-row"]').first().waitFor({ timeout: 5_000 });
      await card.getByTestId('read-only').waitFor();
      const buttons = await page
        .locator(
          'button[data-testid^="action-"], [data-testid="unit-dispatch"], [data-testid="dup-mark"], [data-testid="action-note"]',
        )
        .count();
      expect(buttons).toBe(0);
      await settle({ box: (await page.getByTestId('map').boundingBox())! });
      await page.screenshot({ path: 'test-results/console-wall.png' });

      // Filters narrow the queue (anyone may filter): grade, overdue, area.
      const rows = page.locator('[data-testid="queue-row"]');
      const attrs = (name: string) => rows.evaluateAll((els, n) => els.map((e) => e.getAttribute(n)), name);
      await page.getByTestId('filter-grade-key').click();
      await expect.poll(async () => new Set(await attrs('data-grade')), { timeout: 5_000 }).toEqual(new Set(['key']));
      const overdueOnly = page.locator('label:has([data-testid="filter-overdue"])');
      await overdueOnly.click();
      await expect
        .poll(async () => new Set(await attrs('data-overdue')), { timeout: 5_000 })
        .toEqual(new Set(['true']));
      await overdueOnly.click();
      await page.getByTestId('filter-area').selectOption(`c:${place.communityId}`);
      await expect
        .poll(async () => new Set(await attrs('data-community')), { timeout: 5_000 })
        .toEqual(new Set([String(place.communityId)]));
      expect(await attrs('data-id')).toContain(id);
      expect(
        requests.some(
          (u) => u.includes('/api/queue?') && u.includes(`community=${place.communityId}`) && u.includes('grade=key'),
        ),
      ).toBe(true);

      expect(foreignRequests(requests, origin)).toEqual([]);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
