import { defineConfig } from 'vitest/config';
import TwoLaneSequencer from './test/sequencer.ts';

// Two projects: `unit` (pure code beside its source, no database) and `integration` (real
// PostGIS, headless Chromium). For `integration`, global-setup prepares a template database once
// and setup-database gives every test file its own copy of it, so files never see each other's
// changes. `npx vitest run --project unit` runs the fast ones alone.
//
// Two files run at a time (the machines that run the suite have two cores, and most files wait on
// the database more than they compute); test/sequencer.ts orders them so that two headless
// browsers seldom run side by side.
export default defineConfig({
  test: {
    maxWorkers: 2,
    sequence: { sequencer: TwoLaneSequencer },
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
