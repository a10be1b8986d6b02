/**
 * `wall-frame`: frame times of `/wall` in headless Chromium (SwiftShader: software WebGL, so
 * absolute numbers are CPU-bound; the ratio is what carries) over 10 s of tour at 1920×1080,
 * against a reference page in the same run that draws the same data the way deck.gl's docs
 * recommend (wall-reference/: binary attributes, GPU heat aggregation, no React or panels).
 * Also time to the first complete render (map, grids, heat and figures in) of each.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, launchBrowser } from '../../test/helpers/browser.ts';
import { clientDist, ensureClientBuilt } from '../lib/client-build.ts';
import { startServerProcess } from '../lib/server-process.ts';
import { mean, percentile, round, type BenchResult } from './stats.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const MEASURE_MS = 10_000;
const TOUR_SECONDS = 3;
const VIEWPORT = { width: 1920, height: 1080 };
const log = (m: string) => process.stderr.write(`[bench] wall-frame: ${m}\n`);

/** The reference page, bundled once: JS and CSS from esbuild, kept in memory. */
async function bundleReference(): Promise<{ js: string; css: string; html: string }> {
  const out = await build({
    entryPoints: [path.join(here, 'wall-reference', 'main.ts')],
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
    html: fs.readFileSync(path.join(here, 'wall-reference', 'index.html'), 'utf8'),
  };
}

/**
 * rAF deltas (ms) over `ms` of whatever the page is doing. Passed as source text: the bench runs
 * under tsx, whose transform would wrap named functions in a helper the page does not have.
 */
function frameTimes(page: Page, ms: number): Promise<number[]> {
  return page.evaluate(`new Promise((resolve) => {
    const deltas = [];
    let last = performance.now();
    const end = last + ${Number(ms)};
    const frame = (t) => {
      deltas.push(t - last);
      last = t;
      if (t < end) requestAnimationFrame(frame);
      else resolve(deltas);
    };
    requestAnimationFrame(frame);
  })`) as Promise<number[]>;
}

interface Run {
  completeMs: number;
  frames: number[];
}

async function runWall(browser: Browser, base: string, token: string): Promise<Run> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  try {
    const page = await context.newPage();
    await page.goto(`${base}/wall?token=${encodeURIComponent(token)}&tour=${TOUR_SECONDS}`);
    await page.waitForFunction(() => window.__wall?.completeAt != null, null, { timeout: 300_000 });
    const completeMs = await page.evaluate(() => window.__wall!.completeAt!);
    const frames = await frameTimes(page, MEASURE_MS);
    return { completeMs, frames };
  } finally {
    await context.close();
  }
}

async function runReference(
  browser: Browser,
  base: string,
  token: string,
  ref: { js: string; css: string; html: string },
  clientDir: string,
): Promise<Run> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  try {
    const assets = fs.readdirSync(path.join(clientDir, 'assets'));
    const asset = (re: RegExp) => `${base}/assets/${assets.find((f) => re.test(f))}`;
    const params = JSON.stringify({
      token,
      tourSeconds: TOUR_SECONDS,
      workerUrl: asset(/^mvt-worker.*\.js$/),
      mapWorkerUrl: asset(/^maplibre-gl-worker.*\.mjs$/),
    });
    // Served at the product's own origin (answered by the browser, not the server), so the
    // reference fetches tiles and data exactly as the wall does.
    await context.route('**/__bench/**', (route) => {
      const url = route.request().url();
      if (url.endsWith('reference.js')) return route.fulfill({ contentType: 'text/javascript', body: ref.js });
      if (url.endsWith('reference.css')) return route.fulfill({ contentType: 'text/css', body: ref.css });
      return route.fulfill({ contentType: 'text/html', body: ref.html.replace('__PARAMS__', params) });
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/__bench/wall-reference.html`);
    await page.waitForFunction('window.__wallRef?.completeAt != null', null, { timeout: 300_000 }).catch((err) => {
      throw new Error(`reference page did not complete: ${errors.join('; ') || err}`);
    });
    const completeMs = (await page.evaluate('window.__wallRef.completeAt')) as number;
    const frames = await frameTimes(page, MEASURE_MS);
    return { completeMs, frames };
  } finally {
    await context.close();
  }
}

export async function benchWallFrame(
  url: string,
  creds: { username: string; password: string },
  quick: boolean,
): Promise<BenchResult[]> {
  if (!hasChromium) {
    log('no Chromium: skipped');
    return [];
  }
  await ensureClientBuilt(log);
  // A private copy of the built client: a rebuild elsewhere during the run must not swap the files under the pages.
  const clientDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridboard-wall-bench-'));
  fs.cpSync(clientDist, clientDir, { recursive: true });
  const ref = await bundleReference();
  const server = await startServerProcess(url, { env: { CLIENT_DIR: clientDir }, quiet: true });
  const browser = await launchBrowser();
  try {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(creds),
    });
    const { token } = (await res.json()) as { token: string };
    log('warm-up (server and database caches)…');
    await runReference(browser, server.url, token, ref, clientDir);
    log('wall…');
    const wall = await runWall(browser, server.url, token);
    log(
      `wall: first complete render ${Math.round(wall.completeMs)} ms, ${wall.frames.length} frames, mean ${round(mean(wall.frames), 1)} ms`,
    );
    log('reference…');
    const base = await runReference(browser, server.url, token, ref, clientDir);
    const size = quick ? 'small' : 'city';
    const r = (name: string, value: number, baseline: number, target: string, note: string): BenchResult => ({
      name,
      value: round(value, 1),
      unit: 'ms',
      baseline: round(baseline, 1),
      ratio: round(value / baseline, 2),
      target,
      note,
    });
    const frames = (run: Run) => `${run.frames.length} frames in ${MEASURE_MS / 1000} s`;
    return [
      r(
        `wall-frame mean (${size})`,
        mean(wall.frames),
        mean(base.frames),
        'ratio ≤ 1.25',
        `1920×1080, SwiftShader, tour every ${TOUR_SECONDS} s; wall ${frames(wall)}, reference ${frames(base)}`,
      ),
      r(
        `wall-frame p95 (${size})`,
        percentile(wall.frames, 95),
        percentile(base.frames, 95),
        'ratio ≤ 1.25',
        'same run',
      ),
      r(
        `wall-first-render (${size})`,
        wall.completeMs,
        base.completeMs,
        '',
        'navigation → map, grids, heat and figures in (warm server)',
      ),
    ];
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(clientDir, { recursive: true, force: true });
  }
}
