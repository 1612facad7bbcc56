import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { propertyById } from '../properties/index.ts';
import { loadModule } from '../src/adapters/loadModule.ts';
import { modeSeed } from '../src/check/runConformance.ts';
import { findCounterexample } from '../src/check/findCounterexample.ts';
import { counterexampleText } from '../src/report/counterexampleText.ts';
import { describeTrace } from '../src/report/describeTrace.ts';
import { mutants } from './support/fixtures.ts';
import { replayCommand, testPath, testRuns, testSeed } from './support/testSeed.ts';

const MAX_SHRUNK_EVENTS = 8;
/**
 * The one case whose shortest possible trace is longer: under the harness's
 * round-robin schedule every turn is 3 events, and reordering per-device lists
 * needs dev_0 to send again after dev_1 (3 turns, 9 events).
 */
const LONGER_MINIMUM: Readonly<Record<string, number>> = { 'perDeviceLists.ts/seed': 9 };
const TIMEOUT_MS = 50;

const cases = mutants().flatMap((mutant) =>
  mutant.modes.map((mode) => ({ ...mutant, mode, name: path.basename(mutant.file) })),
);

/** The test's own title, so that the printed replay command selects exactly this test. */
const titleOf = ({ name, caughtBy, mode }: (typeof cases)[number]): string => `${name} is caught by ${caughtBy} in ${mode} mode`;

describe(`mutant catalogue, up to ${testRuns(1000)} runs each (seed ${testSeed})`, () => {
  for (const mutant of cases) {
    it(titleOf(mutant), async () => {
      const { file, name, caughtBy, mode } = mutant;
      const factory = await loadModule(file);
      const result = await findCounterexample(factory, mode, [propertyById(caughtBy)], {
        runs: testRuns(1000),
        seed: modeSeed(testSeed, mode),
        path: testPath,
        strict: false,
        timeoutMs: TIMEOUT_MS,
      });
      const counterexample = result.counterexample;
      expect(counterexample, `${name} passed ${result.runs} runs`).toBeDefined();
      if (counterexample === undefined) return;
      const trace = await describeTrace(factory, counterexample, TIMEOUT_MS);
      const replay = replayCommand('test/mutants.test.ts', titleOf(mutant), counterexample.path);
      console.log(`${name} (${mode}):\n${counterexampleText(counterexample, trace, replay)}`);
      expect(counterexample.finding.property).toBe(caughtBy);
      expect(counterexample.scenario.events.length).toBeLessThanOrEqual(LONGER_MINIMUM[`${name}/${mode}`] ?? MAX_SHRUNK_EVENTS);
    });
  }
});
