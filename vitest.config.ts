import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Randomized conformance suites run many thousands of protocol runs.
    testTimeout: 120_000,
    // Keep the two cores busy with one file each, not more.
    pool: 'forks',
    maxWorkers: 2,
  },
});
