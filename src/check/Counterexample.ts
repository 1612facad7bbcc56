/** A counterexample: the failing scenario, what it broke, and where it came from (what replays it). */
import type { PropertyId, Scenario } from '../../properties/index.ts';
import type { RunRecording } from './RunRecording.ts';
import type { Finding } from './runScenario.ts';

/** Where a counterexample came from: what replays it, and how far it was shrunk. */
export type CounterexampleOrigin = RandomOrigin | ExhaustiveOrigin | SavedOrigin;

/** fast-check's search: its seed and path replay it (with the same properties), and it was shrunk. */
export interface RandomOrigin {
  readonly kind: 'random';
  /** fast-check's seed of the search that found it. */
  readonly seed: number;
  /** fast-check's replay path; '' when the failure that stood was not the last one shrinking reached. */
  readonly path: string;
  readonly shrinks: number;
  /** Why shrinking stopped before fast-check was done, when it did. */
  readonly shrinkCut?: string;
}

/** An exhaustive search: a shortest failing sequence within its bounds; no seed or path replays it, only its scenario. */
export interface ExhaustiveOrigin {
  readonly kind: 'exhaustive';
}

/**
 * A replay file run again (from the corpus before a search, or by `--replay`):
 * nothing was searched or shrunk. The seed and path are the file's, as it
 * records them; a file saved from an exhaustive search records 0 and '', and
 * does not say that it was one.
 */
export interface SavedOrigin {
  readonly kind: 'saved';
  readonly seed: number;
  readonly path: string;
}

/** A failing scenario, what it broke, and where it came from. */
export interface Counterexample {
  readonly scenario: Scenario;
  readonly finding: Finding;
  /** The properties the search judged; a replay (by path or by file) judges the same set. */
  readonly properties: readonly PropertyId[];
  readonly origin: CounterexampleOrigin;
  /** What the failing run did, step by step; absent when the run ended the implementation's thread, which took its record with it. */
  readonly recording?: RunRecording;
}

/** A counterexample fast-check's search found (the random search, the soak). */
export interface RandomCounterexample extends Counterexample {
  readonly origin: RandomOrigin;
}
