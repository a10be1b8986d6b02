/**
 * Headless Chromium for the browser tests: Debian's chromium driven by playwright-core, WebGL
 * through SwiftShader, and none of Chromium's own background traffic (the product must make
 * no request beyond its origin, and the tests check that).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page, type Request } from 'playwright-core';

export const executablePath = process.env.GRIDBOARD_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = existsSync(executablePath);

export const VIEWPORT = { width: 1600, height: 900 };

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The RGBA pixels of `box` (clamped to the image) in a PNG screenshot, decoded by the page itself
 * (createImageBitmap + 2D canvas: no PNG library, no network — the bytes come from Node), for a
 * test to classify: 4 bytes per pixel, row by row.
 */
export async function screenshotPixels(page: Page, png: Buffer, box: Box): Promise<Uint8Array> {
  const b64 = await page.evaluate(
    async ({ b64, box }) => {
      const bin = atob(b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      const x0 = Math.max(0, Math.round(box.x));
      const y0 = Math.max(0, Math.round(box.y));
      const w = Math.min(bitmap.width - x0, Math.round(box.width));
      const h = Math.min(bitmap.height - y0, Math.round(box.height));
      const { data } = ctx.getImageData(x0, y0, w, h);
      let out = '';
      for (let i = 0; i < data.length; i += 0x8000) out += String.fromCharCode(...data.subarray(i, i + 0x8000));
      return btoa(out);
    },
    { b64: png.toString('base64'), box },
  );
  return new Uint8Array(Buffer.from(b64, 'base64'));
}

export interface SettleOptions {
  /** Also wait until this part of the screen stops changing (the map's box, usually). */
  box?: Box;
  /** The share of the box's pixels that may still change (an animation that never stops: the wall's pulses); default 0. */
  maxChange?: number;
  /** How long nothing may have happened: no request in flight, the picture the same (ms). */
  quietMs?: number;
  timeout?: number;
}

/**
 * A fresh page in its own context that records every request (context-level, so web workers'
 * tile fetches count too) and every uncaught page error, for the "nothing leaves the origin" and
 * "no error" checks every browser test ends with; and `settle()`, the wait before judging or
 * saving a picture (see there).
 */
export async function openPage(browser: Browser, viewport: { width: number; height: number } = VIEWPORT) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const requests: string[] = [];
  // Requests in flight, but not socket.io's: its polling transport (before the upgrade) is a request that waits.
  const inFlight = new Set<Request>();
  let lastChange = Date.now();
  const done = (r: Request) => {
    if (inFlight.delete(r)) lastChange = Date.now();
  };
  context.on('request', (r) => {
    requests.push(r.url());
    if (!r.url().includes('/socket.io/')) {
      inFlight.add(r);
      lastChange = Date.now();
    }
  });
  context.on('requestfinished', done);
  context.on('requestfailed', done);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));

  /**
   * Waits until what the page shows has settled: for `quietMs`, no request in flight or started
   * (tiles, API answers) and — with `box` — the picture in the box the same, over a few frames
   * at least (camera moves, fades and tile loads all change pixels). Throws when that takes
   * longer than `timeout`.
   */
  async function settle(opts: SettleOptions = {}): Promise<void> {
    const { quietMs = 500, timeout = 30_000, maxChange = 0 } = opts;
    const end = Date.now() + timeout;
    const clip = opts.box && clampBox(opts.box, page.viewportSize() ?? viewport);
    let last: Buffer | null = null;
    let lastAt = 0;
    for (;;) {
      if (Date.now() > end) {
        const pending = [...inFlight]
          .map((r) => r.url())
          .slice(0, 5)
          .join(', ');
        throw new Error(
          `the page did not settle within ${timeout} ms: ${pending ? `requests in flight: ${pending}` : 'the picture keeps changing'}`,
        );
      }
      if (inFlight.size > 0) {
        last = null;
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      const since = lastChange;
      await frames(page, 3);
      const shot = clip ? await page.screenshot({ clip }) : null;
      const now = Date.now();
      const same = !shot || (last !== null && (await changedShare(page, last, shot)) <= maxChange);
      if (lastChange !== since || inFlight.size > 0 || !same) {
        last = shot;
        lastAt = now;
        continue;
      }
      if (now - Math.max(lastAt, lastChange) >= quietMs) return;
    }
  }

  return { context, page, requests, pageErrors, settle };
}

/**
 * Screenshots the page (saved to `path`) until `measure` of the screenshot satisfies `ok` —
 * what the test then asserts, e.g. "grid outlines are drawn" — and returns the last measure;
 * gives up after `timeout` and returns the last measure all the same, for the test's assertion
 * to fail with.
 */
export async function untilDrawn<T>(
  page: Page,
  measure: (png: Buffer) => Promise<T>,
  ok: (m: T) => boolean,
  opts: { path?: string; timeout?: number } = {},
): Promise<T> {
  const end = Date.now() + (opts.timeout ?? 30_000);
  for (;;) {
    const m = await measure(await page.screenshot({ path: opts.path }));
    if (ok(m) || Date.now() > end) return m;
    await frames(page, 3);
  }
}

/** Resolves after the page has run `n` animation frames (so it drew what it holds now). */
export async function frames(page: Page, n: number): Promise<void> {
  await page.evaluate(
    (count) =>
      new Promise<void>((resolve) => {
        const step = (left: number) => (left === 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
        step(count);
      }),
    n,
  );
}

/** The share of pixels that differ between two PNG screenshots of one size (decoded and compared by the page, at most 320 px wide). */
async function changedShare(page: Page, a: Buffer, b: Buffer): Promise<number> {
  if (a.equals(b)) return 0;
  return page.evaluate(
    async ({ a, b }) => {
      const decode = async (b64: string) => {
        const bin = atob(b64);
        const bytes = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
        const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
        const w = Math.min(320, bitmap.width);
        const h = Math.max(1, Math.round((bitmap.height * w) / bitmap.width));
        const ctx = new OffscreenCanvas(w, h).getContext('2d')!;
        ctx.drawImage(bitmap, 0, 0, w, h);
        return ctx.getImageData(0, 0, w, h).data;
      };
      const [x, y] = await Promise.all([decode(a), decode(b)]);
      if (x.length !== y.length) return 1;
      let changed = 0;
      for (let i = 0; i < x.length; i += 4) {
        if (Math.abs(x[i] - y[i]) + Math.abs(x[i + 1] - y[i + 1]) + Math.abs(x[i + 2] - y[i + 2]) > 24) changed++;
      }
      return changed / (x.length / 4);
    },
    { a: a.toString('base64'), b: b.toString('base64') },
  );
}

function clampBox(box: Box, size: { width: number; height: number }): Box {
  const x = Math.max(0, box.x);
  const y = Math.max(0, box.y);
  return { x, y, width: Math.min(size.width - x, box.width), height: Math.min(size.height - y, box.height) };
}

/** Requests that went anywhere but `origin` (data: and blob: URLs are local). */
export function foreignRequests(requests: string[], origin: string): string[] {
  return requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin);
}

/** Signs in through the login form, as a user does. */
export async function signIn(page: Page, baseUrl: string, username: string, password: string) {
  await page.goto(baseUrl);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}
