import { describe, expect, it } from 'vitest';
import { needsBrowser, planTwoLanes } from './sequencer.ts';

describe('the order test files start in', () => {
  it('never starts a browser file beside another while files without a browser are left', () => {
    const files = [
      { name: 'wall', ms: 85, browser: true },
      { name: 'console', ms: 70, browser: true },
      { name: 'patrols', ms: 40, browser: true },
      { name: 'reliability', ms: 64, browser: false },
      { name: 'start', ms: 27, browser: false },
      { name: 'cli', ms: 20, browser: false },
      { name: 'api', ms: 5, browser: false },
      { name: 'db', ms: 4, browser: false },
    ];
    const order = planTwoLanes(files);
    expect(order.map((f) => f.name).sort()).toEqual(files.map((f) => f.name).sort());
    // Replay the plan on two lanes and look for two browsers at once.
    const lanes = [0, 0].map(() => ({ free: 0, until: 0, browser: false }));
    let overlap = 0;
    for (const f of order) {
      const lane = lanes[0].free <= lanes[1].free ? lanes[0] : lanes[1];
      const other = lane === lanes[0] ? lanes[1] : lanes[0];
      const start = lane.free;
      if (f.browser && other.browser && other.free > start) overlap += Math.min(other.free, start + f.ms) - start;
      lane.free = start + f.ms;
      lane.browser = f.browser;
    }
    // 195 browser-seconds against 120 without: some overlap is unavoidable at the end, but not more.
    expect(overlap).toBeLessThanOrEqual(195 - 120);
    expect(order[0].browser).toBe(true);
  });

  it('knows a browser file by its name or folder', () => {
    expect(needsBrowser('/repo/test/browser/data-page.test.ts')).toBe(true);
    expect(needsBrowser('/repo/test/field-app/pwa.browser.test.ts')).toBe(true);
    expect(needsBrowser('/repo/test/api/auth.test.ts')).toBe(false);
  });
});
