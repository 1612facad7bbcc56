/** How often the awkward cases occur in a search: the share of generated runs that reached each case. */
import fc from 'fast-check';
import type { NetworkMode } from '../../model/index.ts';
import { scenarioLabels, type Scenario } from '../../properties/index.ts';
import { scenarioArbitrary, type ScenarioOptions } from '../../properties/arbitraries/index.ts';

/** Label -> percentage of runs (two decimals, as fast-check's `fc.statistics` prints them). */
export type Statistics = Readonly<Record<string, number>>;

/**
 * The labels of the runs a mode's searches generated, counted as they are run:
 * every search of a mode has the same seed, so its run n is every other one's
 * run n, and each is counted once. Shrink candidates are not generated runs.
 * (Generating the runs again afterwards, with fc.statistics, cost a quarter of
 * a passing check's time.)
 */
export class RunStatistics {
  private readonly counts = new Map<string, number>();
  private labelled = 0;

  /** Counts run `index` (0-based) of the search, unless an earlier search of the mode already counted it. */
  add(index: number, scenario: Scenario): void {
    if (index !== this.labelled) return;
    this.labelled++;
    for (const label of scenarioLabels(scenario)) this.counts.set(label, (this.counts.get(label) ?? 0) + 1);
  }

  /** The share of the counted runs that reached each case; empty when no run was generated. */
  shares(): Statistics {
    const shares: Record<string, number> = {};
    for (const [label, count] of [...this.counts].sort(([left], [right]) => (left < right ? -1 : 1))) {
      shares[label] = Math.round((count / this.labelled) * 10_000) / 100;
    }
    return shares;
  }
}

const LOGGED_LINE = /^(.*?)\.+(\d+(?:\.\d+)?)%$/;

/** Classifies the scenarios a search with this seed generates, without running them (fast-check's own statistics). */
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
