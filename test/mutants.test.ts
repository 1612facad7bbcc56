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

describe(`mutant catalogue, up to ${testRuns(1000)} runs each (seed ${testSeed})`, () => {
  it.each(cases)('$name is caught by $caughtBy in $mode mode', async ({ file, name, caughtBy, mode }) => {
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
    const title = `${name} is caught by ${caughtBy} in ${mode} mode`;
    console.log(`${name} (${mode}):\n${counterexampleText(counterexample, trace, replayCommand('test/mutants.test.ts', title, counterexample.path))}`);
    expect(counterexample.finding.property).toBe(caughtBy);
    expect(counterexample.scenario.events.length).toBeLessThanOrEqual(LONGER_MINIMUM[`${name}/${mode}`] ?? MAX_SHRUNK_EVENTS);
  });
});
