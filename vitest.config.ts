import { configDefaults, defineConfig } from 'vitest/config';

/**
 * `SYNC_IMPL=path/to/server.ts npm test` (or a `.py` file, or
 * `SYNC_COMMAND="program args"`) checks that implementation instead of the
 * reference: then only test/conformance.test.ts runs, since every other suite
 * tests the reference, the fixtures or the checker itself.
 */
const checkingAnImplementation = Boolean(process.env.SYNC_IMPL) || Boolean(process.env.SYNC_COMMAND);

/** Suites that hold only `npm run test:deep` tests: outside it, not even loaded (loading one costs seconds and runs nothing). */
const DEEP_ONLY = ['test/batchDeep.test.ts', 'test/cliCatalogue.test.ts'];
const deep = process.env.SYNC_DEEP === '1';

export default defineConfig({
  test: {
    // dist/ rebuilt when a source is newer: suites start the compiled bin as a separate process.
    globalSetup: ['test/support/globalSetup.ts'],
    include: checkingAnImplementation ? ['test/conformance.test.ts'] : ['test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, ...(deep ? [] : DEEP_ONLY)],
    // Randomized conformance suites run many thousands of protocol runs.
    testTimeout: 120_000,
    // Keep the two cores busy with one file each, not more.
    pool: 'forks',
    maxWorkers: 2,
    // Each worker loads the sources once for all the files it runs, not once per file (about 50 CPU-seconds of
    // a run's 370): suites keep no state between files (each restores what it changes: environment, cwd).
    isolate: false,
    // Concurrent tests (the hostile suite) run a few checks at once: each starts its own worker or process.
    maxConcurrency: 3,
  },
});
