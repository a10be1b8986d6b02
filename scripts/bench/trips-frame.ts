/**
 * `trips-frame`: frame times of /patrols playing back a window with every unit's track (the
 * city's ~10,000 trails) in headless Chromium (SwiftShader: software WebGL, so absolute numbers
 * are CPU-bound; the ratio is what carries), against a bare deck.gl TripsLayer page drawing the
 * same API answer over the same basemap in the same run (trips-reference/).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, launchBrowser } from '../../test/helpers/browser.ts';
import { clientDist, ensureClientBuilt } from '../lib/client-build.ts';
import { startServerProcess } from '../lib/server-process.ts';
import { mean, percentile, round, type BenchResult } from './stats.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const MIN_FRAMES = 12;
const MIN_MS = 10_000;
const MAX_MS = 120_000;
const SPEED = 60;
const VIEWPORT = { width: 1600, height: 900 };
const log = (m: string) => process.stderr.write(`[bench] trips-frame: ${m}\n`);

async function bundleReference() {
  const out = await build({
    entryPoints: [path.join(here, 'trips-reference', 'main.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    outdir: '/virtual',
    entryNames: 'reference',
    minify: true,
    logLevel: 'warning',
    loader: { '.css': 'css' },
  });
  const file = (ext: string) => out.outputFiles.find((f) => f.path.endsWith(ext))?.text ?? '';
  return {
    js: file('.js'),
    css: file('.css'),
    html: fs.readFileSync(path.join(here, 'trips-reference', 'index.html'), 'utf8'),
  };
}

/**
 * rAF deltas (ms): at least `minFrames` frames and `minMs`, at most `maxMs` (software WebGL draws
 * a whole city of trails at well under 1 fps, so a fixed window would catch too few frames).
 * Passed as source text: tsx's transform would wrap named functions in a helper the page lacks.
 */
function frameTimes(page: Page, minFrames: number, minMs: number, maxMs: number): Promise<number[]> {
  return page.evaluate(`new Promise((resolve) => {
    const deltas = [];
    const t0 = performance.now();
    let last = t0;
    const frame = (t) => {
      deltas.push(t - last);
      last = t;
      const el = t - t0;
      if (el >= ${Number(maxMs)} || (deltas.length >= ${Number(minFrames)} && el >= ${Number(minMs)})) resolve(deltas);
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  })`) as Promise<number[]>;
}

interface Run {
  frames: number[];
  trips: number;
}

async function runProduct(browser: Browser, base: string, token: string, from: string, to: string): Promise<Run> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  try {
    await context.addInitScript(
      ({ token }) => {
        window.localStorage.setItem('gridboard.token', token);
        window.localStorage.setItem('gridboard.user', JSON.stringify({ role: 'wall', username: 'bench' }));
      },
      { token },
    );
    const page = await context.newPage();
    await page.goto(
      `${base}/patrols?tab=playback&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&speed=${SPEED}`,
    );
    await page.waitForFunction(() => window.__patrolsPlayback != null, null, { timeout: 300_000 });
    const trips = await page.evaluate(() => window.__patrolsPlayback!.trips);
    await page.waitForTimeout(2000);
    return { frames: await frameTimes(page, MIN_FRAMES, MIN_MS, MAX_MS), trips };
  } finally {
    await context.close();
  }
}

async function runReference(
  browser: Browser,
  base: string,
  token: string,
  from: string,
  to: string,
  ref: { js: string; css: string; html: string },
): Promise<Run> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  try {
    const assets = fs.readdirSync(path.join(clientDist, 'assets'));
    const mapWorkerUrl = `${base}/assets/${assets.find((f) => /^maplibre-gl-worker.*\.mjs$/.test(f))}`;
    const params = JSON.stringify({ token, from, to, speed: SPEED, mapWorkerUrl });
    await context.route('**/__bench/**', (route) => {
      const url = route.request().url();
      if (url.endsWith('reference.js')) return route.fulfill({ contentType: 'text/javascript', body: ref.js });
      if (url.endsWith('reference.css')) return route.fulfill({ contentType: 'text/css', body: ref.css });
      return route.fulfill({ contentType: 'text/html', body: ref.html.replace('__PARAMS__', params) });
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/__bench/trips-reference.html`);
    await page
      .waitForFunction(() => window.__tripsRef?.loadedAt != null, null, { timeout: 300_000 })
      .catch((err) => {
        throw new Error(`reference page did not load: ${errors.join('; ') || err}`);
      });
    const trips = await page.evaluate(() => window.__tripsRef.trips);
    await page.waitForTimeout(2000);
    return { frames: await frameTimes(page, MIN_FRAMES, MIN_MS, MAX_MS), trips };
  } finally {
    await context.close();
  }
}

declare global {
  interface Window {
    __tripsRef: { loadedAt: number | null; trips: number };
    __patrolsPlayback?: { trips: number; loadedAt: number };
  }
}

export async function benchTripsFrame(
  url: string,
  creds: { username: string; password: string },
  quick: boolean,
): Promise<BenchResult[]> {
  if (!hasChromium) {
    log('no Chromium: skipped');
    return [];
  }
  // The window: the last hour of stored tracks (the loaded city's own, whenever it was loaded).
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const {
    rows: [w],
  } = await db.query<{ to: Date }>('SELECT max(t) AS to FROM patrol_fixes');
  await db.end();
  const to = w.to.toISOString();
  const from = new Date(w.to.getTime() - 3600_000).toISOString();

  await ensureClientBuilt(log);
  const ref = await bundleReference();
  const server = await startServerProcess(url, { env: { CLIENT_DIR: clientDist }, quiet: true });
  const browser = await launchBrowser();
  try {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(creds),
    });
    const { token } = (await res.json()) as { token: string };
    log(`window ${from} – ${to}; warm-up…`);
    await runReference(browser, server.url, token, from, to, ref);
    log('/patrols playback…');
    const product = await runProduct(browser, server.url, token, from, to);
    log('reference…');
    const base = await runReference(browser, server.url, token, from, to, ref);
    const size = quick ? 'small' : 'city';
    const note = `${product.trips} trails, ×${SPEED}, ${VIEWPORT.width}×${VIEWPORT.height}, SwiftShader; /patrols ${product.frames.length} frames, reference ${base.frames.length} frames (≥ ${MIN_FRAMES} frames and ${MIN_MS / 1000} s each)`;
    const r = (name: string, v: number, b: number, n: string): BenchResult => ({
      name,
      value: round(v, 1),
      unit: 'ms',
      baseline: round(b, 1),
      ratio: round(v / b, 2),
      target: 'ratio ≤ 1.25',
      note: n,
    });
    return [
      r(`trips-frame mean (${size})`, mean(product.frames), mean(base.frames), note),
      r(`trips-frame p95 (${size})`, percentile(product.frames, 95), percentile(base.frames, 95), 'same run'),
    ];
  } finally {
    await browser.close();
    await server.stop();
  }
}
