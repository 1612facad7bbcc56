/**
 * `npm test` runs the fast suite; `npm run test:deep` (SYNC_DEEP=1) adds the
 * benchmarks and deep soaks: shrink quality against the exhaustive minimum,
 * the CLI over the whole fixture catalogue, the slow hostile fixtures, wider
 * model-checking bounds and more runs. Every mutant, correct alternative and
 * the reference at 1,000 runs per mode stay in the fast suite.
 */
export const deep = process.env.SYNC_DEEP === '1';

/** `fast` in `npm test`, `deepValue` under SYNC_DEEP=1 (for run counts, SYNC_RUNS still overrides both through testRuns). */
export function fastOrDeep<T>(fast: T, deepValue: T): T {
  return deep ? deepValue : fast;
}
