import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One private temp folder per run, removed at the end (test/helpers/global-temp.ts).
    globalSetup: ['test/helpers/global-temp.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // e2e tests spawn the built CLI and bind loopback ports; two workers match the 2-core machines.
    pool: 'forks',
    maxWorkers: 2,
  },
});
