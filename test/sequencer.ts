/**
 * The order test files start in, for a run with two workers on a small machine.
 *
 * Each integration file has its own database, so two files may run side by side; what two files
 * must not do is both drive a headless Chromium through SwiftShader, which takes a whole core each
 * and slows both past their timeouts. So the order is planned on two simulated lanes: when one
 * lane is running a browser file, the other is given the longest file that needs no browser;
 * otherwise the longest browser file goes next. Durations come from vitest's cache of the last
 * run where there is one, and from a rough guess where there is not (a fresh clone).
 */
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const GUESS_BROWSER_MS = 30_000;
const GUESS_OTHER_MS = 3_000;

/** A file that starts Chromium: named `*.browser.test.ts`, or in test/browser/. */
export function needsBrowser(file: string): boolean {
  const f = file.split(path.sep).join('/');
  return f.includes('.browser.test.') || f.includes('/test/browser/');
}

interface Planned {
  spec: TestSpecification;
  ms: number;
  browser: boolean;
}

/** Two lanes, greedy: a browser file never starts beside another when a file without one is left. */
export function planTwoLanes<T extends { ms: number; browser: boolean }>(items: T[]): T[] {
  const byLength = (a: T, b: T) => b.ms - a.ms;
  const browsers = items.filter((i) => i.browser).sort(byLength);
  const others = items.filter((i) => !i.browser).sort(byLength);
  const lanes = [
    { free: 0, browser: false },
    { free: 0, browser: false },
  ];
  const order: T[] = [];
  while (browsers.length || others.length) {
    const lane = lanes[0].free <= lanes[1].free ? lanes[0] : lanes[1];
    const other = lane === lanes[0] ? lanes[1] : lanes[0];
    const otherBusyWithBrowser = other.browser && other.free > lane.free;
    const next = (otherBusyWithBrowser ? others.shift() : browsers.shift()) ?? browsers.shift() ?? others.shift()!;
    lane.free += next.ms;
    lane.browser = next.browser;
    order.push(next);
  }
  return order;
}

export default class TwoLaneSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const root = this.ctx.config.root;
    const planned: Planned[] = sorted.map((spec) => {
      const key = `${spec.project.name}:${path.relative(root, spec.moduleId)}`;
      const browser = needsBrowser(spec.moduleId);
      const ms = this.ctx.cache.getFileTestResults(key)?.duration ?? (browser ? GUESS_BROWSER_MS : GUESS_OTHER_MS);
      return { spec, ms, browser };
    });
    return planTwoLanes(planned).map((p) => p.spec);
  }
}
