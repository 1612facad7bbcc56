import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { propertyById } from '../properties/index.ts';
import { junkIn, shortestFailure, SHORTEST_DEPTH } from '../src/conformance/shortestFailure.ts';
import { loadModule } from '../src/adapters/loadModule.ts';
import { modeSeed } from '../src/check/findCounterexample.ts';
import { findCounterexample } from '../src/check/findCounterexample.ts';
import { counterexampleText } from '../src/report/counterexampleText.ts';
import { formatTrace } from '../src/report/formatTrace.ts';
import { mutants } from './support/fixtures.ts';
import { BEYOND_DEFAULT_BOUNDS } from './support/mutantMinimums.ts';
import { deep } from './support/deep.ts';
import { replayCommand, showExpected, testPath, testRuns, testSeed } from './support/testSeed.ts';

/**
 * Shrink quality: fast-check's shrunk trace may be at most this many times as
 * long as the shortest failing sequence, which the exhaustive search finds.
 */
const MAX_SHRINK_RATIO = 1.5;
/**
 * Where fast-check's shrinking stops short of the bar, measured (seed 20261125), so
 * that it cannot get worse unnoticed. cursorPerDevice in seed mode: the shortest
 * trace loses dev_0's reply in the first turn; shrinking prefers kept replies, so
 * it settles on dev_1 losing one in the second turn (7 events against 3).
 */
const KNOWN_SHRINK_GAPS: Readonly<Record<string, number>> = {
  'cursorPerDevice.ts/seed': 7 / 3,
  // The same round-robin trap with four devices: a whole idle round (dev_1, dev_2, dev_3, dev_0) sits between the first
  // record and the other three; removing one idle turn hands every later turn to another device, so it stays (28 events against 12).
  'atMostThreeDevices.ts/seed': 28 / 12,
};
/**
 * capsLogAt40: every shrink candidate sends 41 records or more and runs a
 * liveness phase of 43 rounds that never converges, so shrinking reaches
 * SHRINK_LIMIT_MS (20 s) before it is done, and where it stops depends on how
 * fast the machine is (measured: 54 events in fifo, 68 in reorder, against 41).
 * A ratio that depends on load cannot be held to a bar without a flaky test, so
 * when shrinking was cut by time the test holds what is certain: the trace
 * fails, is no shorter than the minimum (which checks the minimum), and its
 * ratio is printed. If shrinking finishes, the bar applies as for any mutant.
 */
const SHRINK_CUT_BY_TIME: ReadonlySet<string> = new Set(['capsLogAt40.ts']);
const TIMEOUT_MS = 50;
/**
 * `npm test` asserts detection: each mutant is caught by its property in each of
 * its modes, with a counterexample text and replay command. Shrinking is capped
 * there (capsLogAt40 would shrink for 20 s per mode); the shrink-quality benchmark
 * against the exhaustive minimum runs under `npm run test:deep`.
 */
const FAST_SHRINK_LIMIT_MS = 2_000;
/** For the mutants whose shrinking never finishes (SHRINK_CUT_BY_TIME), `npm test` stops it sooner: detection is its point. */
const FAST_SHRINK_LIMIT_CUT_MS = 300;

const cases = mutants().flatMap((mutant) =>
  mutant.modes.map((mode) => ({ ...mutant, mode, name: path.basename(mutant.file) })),
);

/** The test's own title, so that the printed replay command selects exactly this test. */
const titleOf = ({ name, caughtBy, mode }: (typeof cases)[number]): string => `${name} is caught by ${caughtBy} in ${mode} mode`;

describe(`mutant catalogue, up to ${testRuns(1000)} runs each (seed ${testSeed})${deep ? `, shrunk to at most ${MAX_SHRINK_RATIO}x the exhaustive minimum` : ''}`, () => {
  for (const mutant of cases) {
    // A hanging mutant's time is waiting out timeouts, not work: its modes wait together.
    const test = mutant.name.startsWith('hangs') ? it.concurrent : it;
    test(titleOf(mutant), async () => {
      const { file, name, caughtBy, mode } = mutant;
      const factory = await loadModule(file);
      const result = await findCounterexample(factory, mode, [propertyById(caughtBy)], {
        runs: testRuns(1000),
        seed: modeSeed(testSeed, mode),
        path: testPath,
        strict: false,
        timeoutMs: TIMEOUT_MS,
        ...(deep ? {} : { shrinkLimitMs: SHRINK_CUT_BY_TIME.has(name) ? FAST_SHRINK_LIMIT_CUT_MS : FAST_SHRINK_LIMIT_MS }),
      });
      const counterexample = result.counterexample;
      expect(counterexample, `${name} passed ${result.runs} runs`).toBeDefined();
      if (counterexample === undefined) return;
      const trace = formatTrace(counterexample);
      const replay = replayCommand('test/mutants.test.ts', titleOf(mutant), counterexample.origin.path);
      const text = counterexampleText(counterexample, trace, replay);
      showExpected(`${name} (${mode}):\n${text}`);
      expect(counterexample.finding.property).toBe(caughtBy);
      expect(text).toMatch(new RegExp(`^${caughtBy} .* (FAILED|WARNED) `));
      expect(text).toContain(`replay: ${replay}`);
      if (!deep) return;
      const narrowed = BEYOND_DEFAULT_BOUNDS[name]?.(mode);
      const shortest = (await shortestFailure(factory, mode, caughtBy, junkIn(counterexample.scenario), TIMEOUT_MS, narrowed))?.events.length;
      expect(shortest, `no sequence of up to ${narrowed?.depth ?? SHORTEST_DEPTH[mode]} events breaks ${caughtBy}`).toBeDefined();
      if (shortest === undefined) return;
      const ratio = counterexample.scenario.events.length / shortest;
      showExpected(`${name} (${mode}): shrunk to ${counterexample.scenario.events.length} events, shortest possible ${shortest}, ratio ${ratio.toFixed(2)}`);
      if (counterexample.origin.shrinkCut !== undefined && SHRINK_CUT_BY_TIME.has(name)) {
        showExpected(`${name} (${mode}): ${counterexample.origin.shrinkCut}, so the ratio is not held to ${MAX_SHRINK_RATIO}`);
        expect(ratio).toBeGreaterThanOrEqual(1);
        return;
      }
      expect(ratio).toBeLessThanOrEqual(KNOWN_SHRINK_GAPS[`${name}/${mode}`] ?? MAX_SHRINK_RATIO);
    });
  }
});
