/**
 * Bounded exhaustive checking of a black-box implementation: every event
 * sequence within the bounds, shortest first, each replayed from a fresh
 * instance and judged exactly as a random run is (runScenario, liveness phase
 * included). Breadth first, so the first failure found is a shortest one.
 *
 * Pruning, all of it sound for a deterministic server:
 * - reply events that act on the same pending reply are one event;
 * - a sequence that fails is not extended;
 * - a sequence that reaches a state already seen is not extended. The state is
 *   the server's input history (or its own `snapshot()`, when it has one) plus
 *   the devices and the replies in flight; two sequences that differ only in
 *   the order of independent network events meet here.
 */
import type { NetworkMode } from '../../model/index.ts';
import { minDevices, type Property, type Scenario } from '../../properties/index.ts';
import type { Finding, RunSettings } from '../check/runScenario.ts';
import type { HangPace } from '../check/HangPace.ts';
import type { RunRecording } from '../check/RunRecording.ts';
import type { CutShort, SearchBudget } from '../check/SearchBudget.ts';
import type { ExhaustiveBounds } from './exhaustiveBounds.ts';
import { scenarioOf, type SequenceEvaluation, type SequenceEvaluator, type SequenceNode } from '../check/evaluateSequence.ts';
import { nextSteps } from './nextSteps.ts';

/** Raised when replaying a sequence reaches a different state than before: the search would be unsound. */
export class NondeterminismError extends Error {}

export interface SearchCounts {
  /** Sequences run, each from a fresh instance. */
  readonly sequences: number;
  /** Distinct states reached (the sequences that were extended or at the depth bound). */
  readonly distinctStates: number;
  /** Sequences that reached a state already seen, and were not extended. */
  readonly revisited: number;
  /** Sequences after which the server stopped answering, so nothing could follow. */
  readonly abandoned: number;
  /** The deepest level completed. */
  readonly depthCompleted: number;
  /** True when the server offered snapshot() and states were keyed by it. */
  readonly usedSnapshots: boolean;
  /** Sequences run of each length (index 0: the empty sequences, one per device count): how the search grows per level. */
  readonly sequencesPerDepth: readonly number[];
  /**
   * Sequences one step past the depth bound, by how far past (index 0: one event
   * longer): the children of the sequences the search extended, which it left out.
   * A search as much deeper runs exactly these, and as a step is at least 3 events
   * (a harness turn) or 1 (fifo, reorder), nothing else up to that depth.
   */
  readonly sequencesBeyondDepth: readonly number[];
}

export interface ExhaustiveFailure {
  readonly scenario: Scenario;
  readonly finding: Finding;
  /** What the failing sequence did, step by step; absent when it ended the implementation's thread. */
  readonly recording?: RunRecording;
}

export interface ExhaustiveResult {
  readonly failure: ExhaustiveFailure | undefined;
  readonly counts: SearchCounts;
  /** Set when the search stopped before its bounds were covered. */
  readonly cutShort?: CutShort;
  /** Set when the search stopped because the server abandoned ABANDONED_SEQUENCES_LIMIT sequences: the bounds were not covered. */
  readonly gaveUp?: boolean;
}

/** After this many sequences the server abandoned (it stopped answering), a search stops: the rest would judge little, each at a timeout's cost. */
export const ABANDONED_SEQUENCES_LIMIT = 50;

export interface SearchSettings {
  readonly properties: readonly Property[];
  readonly strict: boolean;
  readonly timeoutMs: number;
  /** Tightens the timeout after a hang (shared by every search of a mode); the full `timeoutMs` when absent. */
  readonly pace?: HangPace;
  /** Stops the search when time runs out or the user interrupts. */
  readonly budget?: SearchBudget;
  /** Called after every sequence run. */
  readonly onSequence?: (depth: number, sequences: number) => void;
}

/** Searches every sequence within `bounds` in `mode`; stops at the first (hence shortest) failure. */
export async function searchExhaustively(
  evaluate: SequenceEvaluator,
  mode: NetworkMode,
  bounds: ExhaustiveBounds,
  settings: SearchSettings,
): Promise<ExhaustiveResult> {
  const seen = new Set<string>();
  // Every device count up to the bound (from the mode's fewest, as random runs): a bug may need fewer devices (a lone device's turns all
  // fall to it), or more (a second device keeps the liveness phase probing).
  const fewest = Math.min(minDevices(mode), bounds.devices);
  const roots = Array.from({ length: bounds.devices - fewest + 1 }, (_unused, index): SequenceNode => ({ devices: fewest + index, events: [], parentLength: 0, parentKey: undefined, turns: 0 }));
  const levels: SequenceNode[][] = [roots];
  let sequences = 0;
  let revisited = 0;
  let abandoned = 0;
  let usedSnapshots = false;
  const perDepth: number[] = [];
  const beyondDepth: number[] = [];
  const counts = (depthCompleted: number): SearchCounts => ({
    sequences,
    distinctStates: seen.size,
    revisited,
    abandoned,
    depthCompleted,
    usedSnapshots,
    sequencesPerDepth: Array.from(perDepth, (count) => count ?? 0),
    sequencesBeyondDepth: Array.from(beyondDepth, (count) => count ?? 0),
  });
  for (let depth = 0; depth <= bounds.depth; depth++) {
    for (const node of levels[depth] ?? []) {
      const cutShort = settings.budget?.cutShort;
      if (cutShort !== undefined) return { failure: undefined, counts: counts(depth - 1), cutShort };
      const evaluation = await evaluateConfirmed(evaluate, mode, node, settings);
      const cutDuring = settings.budget?.cutShort;
      // A sequence cut short (its process may have been stopped under it) judges nothing.
      if (cutDuring !== undefined) return { failure: undefined, counts: counts(depth - 1), cutShort: cutDuring };
      sequences++;
      perDepth[depth] = (perDepth[depth] ?? 0) + 1;
      settings.onSequence?.(depth, sequences);
      usedSnapshots ||= evaluation.usedSnapshot;
      if (evaluation.finding !== undefined) {
        const { finding, recording } = evaluation;
        return { failure: { scenario: scenarioOf(mode, node), finding, ...(recording === undefined ? {} : { recording }) }, counts: counts(depth - 1) };
      }
      if (node.parentKey !== undefined && evaluation.parentKey !== node.parentKey) {
        throw new NondeterminismError(
          `the server is not deterministic: replaying ${node.parentLength} events from a fresh instance reached a different state than before, so an exhaustive search cannot be trusted`,
        );
      }
      if (evaluation.abandoned) {
        abandoned++;
        if (abandoned >= ABANDONED_SEQUENCES_LIMIT) return { failure: undefined, counts: counts(depth - 1), gaveUp: true };
        continue;
      }
      if (seen.has(evaluation.key)) {
        revisited++;
        continue;
      }
      seen.add(evaluation.key);
      for (const step of nextSteps(mode, evaluation.frontier, bounds)) {
        const length = node.events.length + step.length;
        if (length > bounds.depth) {
          beyondDepth[length - bounds.depth - 1] = (beyondDepth[length - bounds.depth - 1] ?? 0) + 1;
          continue;
        }
        const child: SequenceNode = { devices: node.devices, events: [...node.events, ...step], parentLength: node.events.length, parentKey: evaluation.key, turns: node.turns + 1 };
        (levels[length] ??= []).push(child);
      }
    }
    levels[depth] = [];
  }
  return { failure: undefined, counts: counts(bounds.depth) };
}

/**
 * Evaluates a node under the pace's timeout; a hang seen under a tightened
 * timeout is evaluated again under a generous one, so a slow reply is not
 * mistaken for a hang (which would end the sequence, or fail it).
 */
async function evaluateConfirmed(evaluate: SequenceEvaluator, mode: NetworkMode, node: SequenceNode, settings: SearchSettings): Promise<SequenceEvaluation> {
  const pace = settings.pace;
  const timeoutMs = pace?.timeoutMs ?? settings.timeoutMs;
  const evaluation = await evaluate(mode, node, runSettings(settings, timeoutMs));
  pace?.observe(evaluation);
  if (pace === undefined || !evaluation.hung || timeoutMs >= settings.timeoutMs) return evaluation;
  if (evaluation.finding === undefined && !evaluation.abandoned) return evaluation;
  // A failure is always confirmed; an abandoned sequence only until the tight timeout has proven itself.
  if (evaluation.finding === undefined && !pace.confirming) return evaluation;
  const again = await evaluate(mode, node, runSettings(settings, pace.generousMs));
  pace.confirmation(again.hung);
  return again;
}

function runSettings(settings: SearchSettings, timeoutMs: number): RunSettings {
  return { properties: settings.properties, strict: settings.strict, timeoutMs };
}
