import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Randomized conformance suites run many thousands of protocol runs.
    testTimeout: 120_000,
    // Keep the two cores busy with one file each, not more.
    pool: 'forks',
    maxWorkers: 2,
    // Concurrent tests (the hostile suite) run a few checks at once: each starts its own worker or process.
    maxConcurrency: 3,
  },
});
