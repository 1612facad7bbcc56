import { configDefaults, defineConfig } from 'vitest/config';
import SlowestFirst from './test/support/slowestFirst.ts';

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
/**
 * Suites that check the release as a user receives it rather than the checker's behaviour: the packed package
 * installed into a fresh project, the vitest helper inside a nested vitest, the HTML report in a browser, and
 * every generated block of the docs regenerated. Each starts installs, browsers or whole checks as processes
 * (about 50 of the suite's 190 CPU-seconds), so `npm test` (the minute loop) leaves them to
 * `npm run test:release` (SYNC_RELEASE=1, only these), which CI runs after it; `npm run test:deep` runs both.
 */
const RELEASE = ['test/package.test.ts', 'test/vitestHelper.test.ts', 'test/htmlBrowser.test.ts', 'test/docsUpToDate.test.ts'];
const release = process.env.SYNC_RELEASE === '1';

function suites(): { include: string[]; exclude: string[] } {
  if (checkingAnImplementation) return { include: ['test/conformance.test.ts'], exclude: configDefaults.exclude };
  if (release) return { include: RELEASE, exclude: configDefaults.exclude };
  return { include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...(deep ? [] : [...DEEP_ONLY, ...RELEASE])] };
}

export default defineConfig({
  test: {
    // dist/ rebuilt when a source is newer: suites start the compiled bin as a separate process.
    globalSetup: ['test/support/globalSetup.ts'],
    ...suites(),
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
    // The slowest suites start first, so both workers end together (test/support/slowestFirst.ts).
    sequence: { sequencer: SlowestFirst },
  },
});
