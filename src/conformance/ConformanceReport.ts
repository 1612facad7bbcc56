/** What a conformance check found: a verdict per property per mode, and how the search was made. */
import type { NetworkMode } from '../../model/index.ts';
import type { Level, PropertyId, Scenario } from '../../properties/index.ts';
import type { CapturedOutput } from '../adapters/worker/outputCapture.ts';
import type { Counterexample } from '../check/findCounterexample.ts';
import type { CutShort } from '../check/SearchBudget.ts';
import type { Statistics } from '../check/statistics.ts';
import type { ExhaustiveBounds } from '../exhaustive/exhaustiveBounds.ts';
import type { SearchCounts } from '../exhaustive/searchExhaustively.ts';

export type Status = 'pass' | 'warn' | 'fail' | 'n/a';

export interface PropertyVerdict {
  readonly id: PropertyId;
  readonly name: string;
  readonly level: Level;
  readonly status: Status;
  /** Runs (or sequences) that judged this property, up to and including the failing one; runs the server abandoned are not counted. */
  readonly runs: number;
  readonly counterexample?: ExplainedCounterexample;
}

/**
 * A counterexample as a report shows it: with the recording of its failing run,
 * and where it came from (`origin.kind` 'saved': from the corpus of earlier
 * failures rather than a new search).
 */
export type ExplainedCounterexample = Counterexample;

/** A failure found by an earlier run, replayed before any new search; the seed and path are its replay file's. */
export interface KnownFailure {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly path: string;
}

export interface ModeReport {
  readonly mode: NetworkMode;
  readonly verdicts: readonly PropertyVerdict[];
  /** Earlier failures of this mode replayed first, and how many still fail. */
  readonly knownFailures: { readonly replayed: number; readonly stillFailing: number };
  readonly statistics: Statistics;
  /** Present when the mode was searched exhaustively instead of at random. */
  readonly exhaustive?: ExhaustiveModeSummary;
  /** Runs that ended early because the server stopped answering (a hang, a crash with the property that catches it already judged). */
  readonly abandonedRuns?: number;
  /** Set when a search stopped early because the server kept abandoning runs. */
  readonly gaveUp?: boolean;
  /** Set when the search of this mode stopped before it was done; the verdicts' run counts say how far it got. */
  readonly cutShort?: CutShort;
}

/** The bounds (the depth is per mode) and the pruning of an exhaustive search. */
export interface ExhaustiveSettings {
  readonly bounds: Omit<ExhaustiveBounds, 'depth'>;
  readonly pruning: readonly string[];
}

/** What an exhaustive search of one mode covered. */
export interface ExhaustiveModeSummary extends SearchCounts {
  /** The longest sequence searched. */
  readonly depth: number;
  readonly milliseconds: number;
}

/** How the report's search was made: at random from a seed, or exhaustively within bounds. */
export type SearchMade =
  | { readonly kind: 'random'; readonly seed: number; readonly runsPerMode: number }
  | ({ readonly kind: 'exhaustive' } & ExhaustiveSettings);

export interface ConformanceReport {
  readonly verdict: 'pass' | 'warn' | 'fail';
  readonly search: SearchMade;
  readonly strict: boolean;
  readonly modes: readonly ModeReport[];
  /** Set when the check stopped before it was done (the budget ran out, or it was interrupted). */
  readonly cutShort?: CutShort;
  /** What the implementation printed, when it ran apart and its output was captured. */
  readonly implementationOutput?: CapturedOutput;
  /** After an exhaustive search: the random search run after it, whose verdicts count as well. */
  readonly randomSearch?: ConformanceReport;
  /** After an exhaustive search: why no random search was run after it (then nothing beyond the bounds was tried). */
  readonly randomSearchSkipped?: string;
  /** Set when --fail-fast ended the check at its first failure: the properties still n/a were not judged. */
  readonly stoppedAtFirstFailure?: boolean;
}

/** The random search of a report: itself, or the one after its exhaustive search; undefined when none was made. */
export function randomSearchOf(report: ConformanceReport): Extract<SearchMade, { kind: 'random' }> | undefined {
  if (report.search.kind === 'random') return report.search;
  return report.randomSearch?.search.kind === 'random' ? report.randomSearch.search : undefined;
}
