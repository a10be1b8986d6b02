import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'server/src/**/*.test.ts', 'client/src/**/*.test.ts', 'fixtures/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Integration tests share one PostGIS test database; files run in parallel on 2 cores.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 180_000,
    teardownTimeout: 30_000,
  },
});
