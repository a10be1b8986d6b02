/**
 * Headless Chromium for the browser tests: Debian's chromium driven by playwright-core, WebGL
 * through SwiftShader, and none of Chromium's own background traffic (the product must make
 * no request beyond its origin, and the tests check that).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const executablePath = process.env.GRIDBOARD_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = existsSync(executablePath);

export const VIEWPORT = { width: 1600, height: 900 };

const CHROMIUM_ARGS = [
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

/**
 * A fresh page in its own context that records every request (context-level, so web workers'
 * tile fetches count too) and every uncaught page error, for the "nothing leaves the origin" and
 * "no error" checks every browser test ends with.
 */
export async function openPage(browser: Browser, viewport: { width: number; height: number } = VIEWPORT) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return { context, page, requests, pageErrors };
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
