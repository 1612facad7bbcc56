/** How often the awkward cases occur in a search, measured with fast-check's statistics. */
import fc from 'fast-check';
import type { NetworkMode } from '../../model/index.ts';
import { scenarioArbitrary, scenarioLabels, type ScenarioOptions } from '../../properties/index.ts';

/** Label -> percentage of runs, for the same seed and run count as the search itself. */
export type Statistics = Readonly<Record<string, number>>;

const LOGGED_LINE = /^(.*?)\.+(\d+(?:\.\d+)?)%$/;

/** Classifies the scenarios a search with this seed generates (the same ones, not a sample). */
export function scenarioStatistics(mode: NetworkMode, options: ScenarioOptions, seed: number, runs: number): Statistics {
  const statistics: Record<string, number> = {};
  fc.statistics(scenarioArbitrary(mode, options), scenarioLabels, {
    seed,
    numRuns: runs,
    logger: (line) => {
      const match = LOGGED_LINE.exec(line);
      if (match?.[1] !== undefined && match[2] !== undefined) statistics[match[1]] = Number(match[2]);
    },
  });
  return statistics;
}
