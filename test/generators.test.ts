import { describe, expect, it } from 'vitest';
import { NETWORK_MODES } from '../model/index.ts';
import { modeSeed } from '../src/check/findCounterexample.ts';
import { RunStatistics, scenarioStatistics } from '../src/check/statistics.ts';
import { runConformance } from '../src/conformance/runConformance.ts';
import { SyncService } from '../src/reference/SyncService.ts';
import type { Scenario } from '../properties/index.ts';
import { testSeed } from './support/testSeed.ts';

/**
 * The non-triviality partner of every property: a search that never reaches the
 * awkward cases would pass anything, so each must be reached, and often.
 */
const REACHED_IN_EVERY_MODE = ['colliding timestamps', 'skewed clocks', 'identical payloads', 'lost replies', 'devices: 7-10', 'records: 25 or more'];
const REACHED_IN = {
  seed: REACHED_IN_EVERY_MODE,
  fifo: [...REACHED_IN_EVERY_MODE, 'devices: 1', 'out-of-contract messages'],
  reorder: [...REACHED_IN_EVERY_MODE, 'devices: 1', 'out-of-contract messages', 'duplicated replies', 'reordered replies'],
} as const;

describe(`the generators reach the awkward cases (seed ${testSeed}, 500 runs per mode)`, () => {
  it.each(NETWORK_MODES)('%s mode', (mode) => {
    const statistics = scenarioStatistics(mode, {}, modeSeed(testSeed, mode), 500);
    for (const label of REACHED_IN[mode]) expect(statistics[label] ?? 0, label).toBeGreaterThanOrEqual(5);
  });

  it.each([
    // The original harness syncs several devices, so seed mode never has a lone one.
    { mode: 'seed', never: ['duplicated replies', 'reordered replies', 'out-of-contract messages', 'devices: 1'] },
    { mode: 'fifo', never: ['duplicated replies', 'reordered replies'] },
  ] as const)('$mode mode keeps its promises: never $never', ({ mode, never }) => {
    const statistics = scenarioStatistics(mode, {}, modeSeed(testSeed, mode), 500);
    for (const label of never) expect(statistics[label], label).toBeUndefined();
  });
});

describe('a check reports the statistics of the runs it made', () => {
  it('a passing check: the same shares as fast-check gives for its seed and run count', async () => {
    const report = await runConformance(() => new SyncService(), { runs: 100, seed: testSeed });
    for (const mode of report.modes) expect(mode.statistics, mode.mode).toEqual(scenarioStatistics(mode.mode, {}, modeSeed(testSeed, mode.mode), 100));
  });

  it('a check stopped by a failure: only the runs up to it, each counted once over all its searches', () => {
    const statistics = new RunStatistics();
    const scenario: Scenario = { mode: 'fifo', deviceCount: 1, events: [] };
    statistics.add(0, scenario);
    statistics.add(0, scenario); // a later search of the mode reaches run 0 again
    statistics.add(2, { ...scenario, deviceCount: 5 }); // not the next run: counted by no one yet, so not counted out of order
    statistics.add(1, { ...scenario, deviceCount: 5 });
    expect(statistics.shares()).toEqual({ 'devices: 1': 50, 'devices: 4-6': 50, 'records: 0': 100 });
  });
});
