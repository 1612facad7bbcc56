/**
 * The model checker's search: breadth first over packed states
 * (packed/packedLayout.ts), with symmetry reduction; the states seen are kept
 * as 64-bit fingerprints (packed/FingerprintSet.ts), the states to expand in a
 * queue that lets go of what it has handed out (packed/StateQueue.ts). Its
 * readable oracle is the object explorer test/oracles/objectExplorer.ts,
 * and test/compactModel.test.ts holds the two together. Safety is judged on every
 * transition, liveness at every quiescent state, "sometimes" goals are tracked,
 * and the first violation comes with a shortest path to it, as model events
 * that replay with model/step.
 */
import type { ModelEvent } from '../../model/index.ts';
import type { ModelCheckerBounds } from './modelCheckerBounds.ts';
import { Growing, GROWING_INITIAL } from './packed/Growing.ts';
import { initialPacked, layoutFor, type Layout } from './packed/packedLayout.ts';
import { applyCode, enabledCodes } from './packed/packedStep.ts';
import { collisionProbability, FingerprintSet, fingerprintFootprint, fingerprintOf } from './packed/FingerprintSet.ts';
import { StateQueue } from './packed/StateQueue.ts';
import { canonicalize, renamingsFor } from './packed/symmetry.ts';
import { eventsAlong } from './shortestPath.ts';

/** A safety check over one transition; `changed` is the device whose records changed, or -1. */
export type PackedInvariant = (layout: Layout, before: Uint8Array, code: number, after: Uint8Array, changed: number) => string | undefined;
export type PackedLiveness = (layout: Layout, state: Uint8Array) => string | undefined;

export interface PackedGoal {
  readonly name: string;
  readonly reached: (layout: Layout, before: Uint8Array, code: number, after: Uint8Array) => boolean;
}

export interface PackedChecks {
  readonly invariants: Readonly<Record<string, PackedInvariant>>;
  readonly liveness: Readonly<Record<string, PackedLiveness>>;
  readonly goals: readonly PackedGoal[];
}

export interface PackedSearchOptions {
  /** Rename devices to a canonical order before storing (default true). */
  readonly symmetry?: boolean;
  /** Stop after this many distinct states (the report says it is incomplete). */
  readonly maxStates?: number;
  /** Stop after about this long (checked every 65,536 states). */
  readonly maxMilliseconds?: number;
}

export interface ModelCheckReport {
  readonly bounds: ModelCheckerBounds;
  readonly distinctStates: number;
  readonly transitions: number;
  /** The longest shortest path to any state. */
  readonly depth: number;
  readonly quiescentStates: number;
  readonly goals: readonly { readonly name: string; readonly reached: boolean }[];
  readonly violation: { readonly invariant: string; readonly message: string; readonly path: readonly ModelEvent[] } | undefined;
  /** False when maxStates or maxMilliseconds stopped the search. */
  readonly complete: boolean;
  readonly milliseconds: number;
  /** The most bytes the search held: the fingerprints, the queue at its longest, the path arrays. */
  readonly bytes: number;
  /**
   * TLC's optimistic estimate of the chance that a fingerprint collision hid a
   * state (and whatever lies beyond it) from this search: d * (g - d) / 2^64.
   */
  readonly collisionProbability: number;
}

/** Searches every state reachable within `bounds` (with a depth, by at most that many events). */
export function searchPacked(bounds: ModelCheckerBounds, checks: PackedChecks, options: PackedSearchOptions = {}): ModelCheckReport {
  const started = performance.now();
  const layout = layoutFor(bounds);
  const renamings = renamingsFor(layout, options.symmetry !== false);
  const seen = new FingerprintSet();
  const queue = new StateQueue(layout.width);
  const words = layout.width / 4;
  // How each state was first reached: its parent's number, the event's code, the renaming that made it canonical.
  const parents = new Growing(Int32Array);
  const codes = new Growing(Uint16Array);
  const renamingsUsed = new Growing(Uint8Array);
  // Breadth first, states are numbered level by level: levelStarts[d] is the first state at depth d.
  const levelStarts = [0];
  const state = new Uint8Array(layout.width);
  const stateWords = new Uint32Array(state.buffer);
  const next = new Uint8Array(layout.width);
  const enabled = new Int32Array(3 * bounds.devices + 3 * layout.maxPending);
  // One state's successors, canonical, before they are looked up together (FingerprintSet.touch).
  const successors = new Successors(enabled.length, layout.width);
  const sent = new Int32Array(bounds.devices);
  const pendingOf = new Int32Array(bounds.devices);
  const invariantNames = Object.keys(checks.invariants);
  const invariants = Object.values(checks.invariants);
  const liveness = Object.entries(checks.liveness);
  const goals = checks.goals;
  const reached = checks.goals.map(() => false);
  let unreachedGoals = checks.goals.length;
  let transitions = 0;
  let quiescentStates = 0;
  const maxStates = options.maxStates ?? Number.POSITIVE_INFINITY;
  const maxDepth = bounds.depth ?? Number.POSITIVE_INFINITY;

  const initial = new Uint32Array(initialPacked(layout).buffer);
  fingerprintOf(initial, words, successors.lows, successors.highs, 0);
  seen.add(successors.lows[0]!, successors.highs[0]!);
  queue.push(initial);
  parents.push(-1);
  codes.push(0);
  renamingsUsed.push(0);
  const pathTo = (number: number, last?: number): ModelEvent[] => eventsAlong(layout, renamings, parents, codes, renamingsUsed, number, last);
  const finish = (violation: ModelCheckReport['violation'], complete: boolean): ModelCheckReport => ({
    bounds,
    distinctStates: queue.size,
    transitions,
    depth: levelStarts.length - 1,
    quiescentStates,
    goals: checks.goals.map((goal, index) => ({ name: goal.name, reached: reached[index]! })),
    violation,
    complete,
    milliseconds: performance.now() - started,
    bytes: seen.bytes + queue.peakBytes + parents.bytes + codes.bytes + renamingsUsed.bytes,
    collisionProbability: collisionProbability(queue.size, transitions + 1),
  });

  const deadline = started + (options.maxMilliseconds ?? Number.POSITIVE_INFINITY);
  let cutByDepth = false;
  let depth = 0;
  for (let number = 0; number < queue.size; number++) {
    if ((number & 0xffff) === 0 && number > 0 && performance.now() > deadline) return finish(undefined, false);
    if (depth + 1 < levelStarts.length && number === levelStarts[depth + 1]) depth++;
    queue.read(number, stateWords);
    if (state[layout.pendingCountAt] === 0) {
      quiescentStates++;
      for (const [name, check] of liveness) {
        const message = check(layout, state);
        if (message !== undefined) return finish({ invariant: name, message, path: pathTo(number) }, false);
      }
    }
    // With a depth bound, states that deep are judged but not expanded: the search is then not complete.
    if (depth >= maxDepth) {
      cutByDepth = true;
      continue;
    }
    const count = enabledCodes(layout, state, enabled, sent, pendingOf);
    let found = 0;
    let violation: ModelCheckReport['violation'];
    for (let choice = 0; choice < count; choice++) {
      const code = enabled[choice]!;
      const changed = applyCode(layout, state, code, next, sent);
      for (let check = 0; check < invariants.length; check++) {
        const message = invariants[check]!(layout, state, code, next, changed);
        if (message !== undefined) {
          violation = { invariant: invariantNames[check]!, message, path: pathTo(number, code) };
          break;
        }
      }
      if (violation !== undefined) break;
      let goalsReached = 0;
      for (let goal = 0; unreachedGoals > 0 && goal < goals.length; goal++) {
        if (!reached[goal] && goals[goal]!.reached(layout, state, code, next)) goalsReached |= 1 << goal;
      }
      successors.goalsReached[found] = goalsReached;
      successors.renamings[found] = canonicalize(layout, next, renamings, successors.bytes[found]!);
      successors.codes[found] = code;
      fingerprintOf(successors.words[found]!, words, successors.lows, successors.highs, found);
      found++;
    }
    // Each successor is counted and stored in the order of its event, as if added when made: a search that
    // stops at maxStates counts the transitions and goals up to that state and no further.
    seen.touch(successors.lows, found);
    for (let index = 0; index < found; index++) {
      transitions++;
      const goalsReached = successors.goalsReached[index]!;
      for (let goal = 0; goalsReached !== 0 && goal < goals.length; goal++) {
        if ((goalsReached & (1 << goal)) !== 0 && !reached[goal]) {
          reached[goal] = true;
          unreachedGoals--;
        }
      }
      if (!seen.add(successors.lows[index]!, successors.highs[index]!)) continue;
      if (levelStarts.length === depth + 1) levelStarts.push(queue.size);
      queue.push(successors.words[index]!);
      parents.push(number);
      codes.push(successors.codes[index]!);
      renamingsUsed.push(successors.renamings[index]!);
      if (queue.size >= maxStates) return finish(undefined, false);
    }
    if (violation !== undefined) {
      transitions++;
      return finish(violation, false);
    }
  }
  return finish(undefined, !cutByDepth);
}

/** The canonical successors of one state, with their fingerprints, events and renamings. */
class Successors {
  readonly bytes: Uint8Array[];
  /** The same states as 32-bit words. */
  readonly words: Uint32Array[];
  readonly lows: Int32Array;
  readonly highs: Int32Array;
  readonly codes: Int32Array;
  readonly renamings: Uint8Array;
  /** Bit g set: the transition to this successor reached goal g. */
  readonly goalsReached: Int32Array;

  constructor(most: number, width: number) {
    this.bytes = Array.from({ length: most }, () => new Uint8Array(width));
    this.words = this.bytes.map((state) => new Uint32Array(state.buffer));
    this.lows = new Int32Array(most);
    this.highs = new Int32Array(most);
    this.codes = new Int32Array(most);
    this.renamings = new Uint8Array(most);
    this.goalsReached = new Int32Array(most);
  }
}

/** Bytes per state of the per-state arrays beside the fingerprints: parent (4), event code (2), renaming (1). */
const PATH_BYTES_PER_STATE = 4 + 2 + 1;

/**
 * The memory a search holds once it has stored `states` states of `width` bytes,
 * at most: the fingerprints (fingerprintFootprint), the per-state arrays (written
 * parts plus the arrays their last doubling replaced) and the queue as if it
 * held every state (it holds the frontier, which on these models is up to about
 * a third of the states). All of it is typed arrays, outside the JS heap.
 */
export function searchFootprint(width: number, states: number): { readonly bytes: number; readonly longestArray: number } {
  const seen = fingerprintFootprint(states);
  let capacity = GROWING_INITIAL;
  while (capacity < states) capacity *= 2;
  const replaced = capacity > GROWING_INITIAL ? (capacity / 2) * PATH_BYTES_PER_STATE : 0;
  return { bytes: seen.bytes + states * (width + PATH_BYTES_PER_STATE) + replaced, longestArray: Math.max(seen.longestArray, capacity) };
}
