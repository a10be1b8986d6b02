import { defineConfig } from 'vitest/config';

// Two projects: `unit` (pure code beside its source, no database) and `integration` (real
// PostGIS test database, a listening server and headless Chromium, prepared by global-setup).
// `npx vitest run --project unit` runs the fast ones alone.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    teardownTimeout: 30_000,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['server/src/**/*.test.ts', 'client/src/**/*.test.ts', 'fixtures/**/*.test.ts', 'scripts/**/*.test.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          pool: 'forks',
          testTimeout: 30_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
