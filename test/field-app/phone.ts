/**
 * A grid worker's phone for the browser tests: Debian's Chromium as a 390×844 touch screen with
 * GPS, in a persistent profile (a directory), so that closing and reopening "the phone" keeps its
 * IndexedDB as a real phone keeps it across a restart.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import sharp from 'sharp';
import { afterAll, beforeAll, inject } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, executablePath } from '../helpers/browser.ts';
import { testDatabaseUrl } from '../helpers/db.ts';

export const PHONE = { width: 390, height: 844 };

export interface PhoneSetup {
  db: pg.Pool;
  /** The phone's profile directory (its IndexedDB, localStorage): kept across close and reopen. */
  profile: string;
  /** The test worker's grid, unit and a point inside the grid (where the phone stands). */
  grid: { id: number; code: string; unit_id: number; lon: number; lat: number };
}

/** Call at the top of a phone test file: a pool on the file's database, a profile, the worker's grid. */
export function usePhoneSetup(): PhoneSetup {
  const setup = {} as PhoneSetup;
  beforeAll(async () => {
    setup.db = new pg.Pool({ connectionString: testDatabaseUrl(), max: 2 });
    setup.db.on('error', () => undefined);
    setup.profile = fs.mkdtempSync(path.join(os.tmpdir(), 'gridboard-phone-'));
    const { rows } = await setup.db.query(
      `SELECT g.id, g.code, u.unit_id, ST_X(ST_PointOnSurface(g.geom)) AS lon, ST_Y(ST_PointOnSurface(g.geom)) AS lat
         FROM grids g JOIN users u ON u.unit_id = g.worker_id WHERE u.username = $1`,
      [inject('users').worker.username],
    );
    setup.grid = rows[0];
  });
  afterAll(async () => {
    await setup.db?.end();
    if (setup.profile) fs.rmSync(setup.profile, { recursive: true, force: true });
  });
  return setup;
}

/** A bearer token for a test user of `role`, from the listening server. */
export async function tokenFor(url: string, role: 'wall' | 'operator' | 'worker'): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(inject('users')[role]),
  });
  return ((await res.json()) as { token: string }).token;
}

export async function openPhone(profileDir: string, at: { lon: number; lat: number }): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    geolocation: { longitude: at.lon, latitude: at.lat, accuracy: 12 },
    permissions: ['geolocation'],
    locale: 'zh-CN',
    // A phone in the city keeps the city's time (the server's default zone): "today" is the same day.
    timezoneId: 'Asia/Shanghai',
    // The outbox is what is tested here; the service worker has its own test.
    serviceWorkers: 'block',
  });
}

export async function page0(context: BrowserContext): Promise<Page> {
  return context.pages()[0] ?? (await context.newPage());
}

/** A JPEG as a phone camera writes it: noise (so it does not compress away), EXIF time and GPS. */
export async function cameraJpeg(at: { lon: number; lat: number }, seed: number): Promise<Buffer> {
  const w = 1200;
  const h = 900;
  const raw = Buffer.alloc(w * h * 3);
  let x = seed * 2654435761;
  for (let i = 0; i < raw.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    raw[i] = (x >>> 16) & 0xff;
  }
  const dms = (v: number) => {
    const d = Math.floor(v);
    const m = Math.floor((v - d) * 60);
    const s = Math.round(((v - d) * 60 - m) * 60 * 100);
    return `${d}/1 ${m}/1 ${s}/100`;
  };
  const now = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}:${p(now.getMonth() + 1)}:${p(now.getDate())} ${p(now.getHours())}:${p(now.getMinutes())}:${p(now.getSeconds())}`;
  return sharp(raw, { raw: { width: w, height: h, channels: 3 } })
    .jpeg({ quality: 92 })
    .withExif({
      IFD0: { Make: 'Xiaomi', Model: 'Redmi Note' },
      IFD2: { DateTimeOriginal: stamp },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: dms(at.lat), GPSLongitudeRef: 'E', GPSLongitude: dms(at.lon) },
    })
    .toBuffer();
}

/** Open /m as the worker, signing in unless the phone is still signed in. */
export async function signInPhone(page: Page, url: string, creds: { username: string; password: string }) {
  await page.goto(`${url}/m/`);
  const form = page.locator('input[name=username]');
  await form.or(page.getByTestId('outbox-badge')).first().waitFor();
  if (!(await form.count())) return;
  await page.fill('input[name=username]', creds.username);
  await page.fill('input[name=password]', creds.password);
  await page.click('button[type=submit]');
  await page.getByTestId('outbox-badge').waitFor();
}
