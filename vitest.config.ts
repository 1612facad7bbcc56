import { defineConfig } from 'vitest/config';

/**
 * `SYNC_IMPL=path/to/server.ts npm test` (or a `.py` file, or
 * `SYNC_COMMAND="program args"`) checks that implementation instead of the
 * reference: then only test/conformance.test.ts runs, since every other suite
 * tests the reference, the fixtures or the checker itself.
 */
const checkingAnImplementation = Boolean(process.env.SYNC_IMPL) || Boolean(process.env.SYNC_COMMAND);

export default defineConfig({
  test: {
    include: checkingAnImplementation ? ['test/conformance.test.ts'] : ['test/**/*.test.ts'],
    // Randomized conformance suites run many thousands of protocol runs.
    testTimeout: 120_000,
    // Keep the two cores busy with one file each, not more.
    pool: 'forks',
    maxWorkers: 2,
    // Concurrent tests (the hostile suite) run a few checks at once: each starts its own worker or process.
    maxConcurrency: 3,
  },
});
