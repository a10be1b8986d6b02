/**
 * Headless Chromium for the browser tests: Debian's chromium driven by playwright-core, WebGL
 * through SwiftShader, and none of Chromium's own background traffic (the product must make
 * no request beyond its origin, and the tests check that).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

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
