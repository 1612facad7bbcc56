import { describe, expect, it } from 'vitest';
import { NETWORK_MODES } from '../model/index.ts';
import { modeSeed } from '../src/check/findCounterexample.ts';
import { scenarioStatistics } from '../src/check/statistics.ts';
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
