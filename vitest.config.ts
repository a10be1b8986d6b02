import { defineConfig } from 'vitest/config';

// Two projects: `unit` (pure code beside its source, no database) and `integration` (real
// PostGIS, headless Chromium). For `integration`, global-setup prepares a template database once
// and setup-database gives every test file its own copy of it, so files never see each other's
// changes. `npx vitest run --project unit` runs the fast ones alone.
//
// One file at a time (vitest's default on a two-core machine): two files side by side, even
// ordered so that two headless browsers seldom overlap, made timing-sensitive files fail now and
// then on a loaded machine.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    teardownTimeout: 30_000,
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'server/src/**/*.test.ts',
            'client/src/**/*.test.ts',
            'fixtures/**/*.test.ts',
            'scripts/**/*.test.ts',
          ],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          setupFiles: ['test/setup-database.ts'],
          pool: 'forks',
          testTimeout: 30_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
