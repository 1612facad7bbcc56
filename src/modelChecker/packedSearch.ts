/**
 * The model checker's search: breadth first over packed states
 * (packed/packedLayout.ts), with symmetry reduction and a byte-arena state
 * store. Its readable oracle is the object explorer test/oracles/objectExplorer.ts,
 * and test/compactModel.test.ts holds the two together. Safety is judged on every
 * transition, liveness at every quiescent state, "sometimes" goals are tracked,
 * and the first violation comes with a shortest path to it, as model events
 * that replay with model/step.
 */
import type { ModelEvent } from '../../model/index.ts';
import { boundedContent, type ModelCheckerBounds } from './modelCheckerBounds.ts';
import { Growing, GROWING_INITIAL } from './packed/Growing.ts';
import { initialPacked, layoutFor, type Layout } from './packed/packedLayout.ts';
import { applyCode, argumentOf, countPerDevice, DELIVER, DROP, DUPLICATE, EMIT, EMPTY, enabledCodes, kindOf, PROBE } from './packed/packedStep.ts';
import { StateStore, storeFootprint } from './packed/StateStore.ts';
import { canonicalize, inversesOf, permutationsOf } from './packed/symmetry.ts';

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
  readonly bytes: number;
}

/** Searches every state reachable within `bounds` (with a depth, by at most that many events). */
export function searchPacked(bounds: ModelCheckerBounds, checks: PackedChecks, options: PackedSearchOptions = {}): ModelCheckReport {
  const started = performance.now();
  const layout = layoutFor(bounds);
  const permutations = options.symmetry === false ? [permutationsOf(bounds.devices)[0]!] : permutationsOf(bounds.devices);
  const inverses = inversesOf(permutations);
  const store = new StateStore(layout.width);
  const parents = new Growing(Int32Array);
  const codes = new Growing(Int32Array);
  const renamings = new Growing(Uint8Array);
  const depths = new Growing(Uint16Array);
  const state = new Uint8Array(layout.width);
  const stateWords = new Uint32Array(state.buffer);
  const next = new Uint8Array(layout.width);
  const canonical = new Uint8Array(layout.width);
  const canonicalWords = new Uint32Array(canonical.buffer);
  const enabled = new Int32Array(3 * bounds.devices + 3 * layout.maxPending);
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

  store.add(new Uint32Array(initialPacked(layout).buffer));
  parents.push(-1);
  codes.push(0);
  renamings.push(0);
  depths.push(0);
  const pathTo = (number: number, last?: number): ModelEvent[] => eventsAlong(layout, permutations, store, parents, codes, renamings, number, last);
  const finish = (violation: ModelCheckReport['violation'], complete: boolean): ModelCheckReport => ({
    bounds,
    distinctStates: store.size,
    transitions,
    depth: depths.at(store.size - 1),
    quiescentStates,
    goals: checks.goals.map((goal, index) => ({ name: goal.name, reached: reached[index]! })),
    violation,
    complete,
    milliseconds: performance.now() - started,
    bytes: store.bytes + parents.bytes + codes.bytes + renamings.bytes + depths.bytes,
  });

  const deadline = started + (options.maxMilliseconds ?? Number.POSITIVE_INFINITY);
  let cutByDepth = false;
  for (let number = 0; number < store.size; number++) {
    if ((number & 0xffff) === 0 && number > 0 && performance.now() > deadline) return finish(undefined, false);
    store.read(number, stateWords);
    if (state[layout.pendingCountAt] === 0) {
      quiescentStates++;
      for (const [name, check] of liveness) {
        const message = check(layout, state);
        if (message !== undefined) return finish({ invariant: name, message, path: pathTo(number) }, false);
      }
    }
    // With a depth bound, states that deep are judged but not expanded: the search is then not complete.
    if (depths.at(number) >= maxDepth) {
      cutByDepth = true;
      continue;
    }
    const count = enabledCodes(layout, state, enabled, sent, pendingOf);
    for (let choice = 0; choice < count; choice++) {
      const code = enabled[choice]!;
      const changed = applyCode(layout, state, code, next, sent);
      transitions++;
      for (let check = 0; check < invariants.length; check++) {
        const message = invariants[check]!(layout, state, code, next, changed);
        if (message !== undefined) return finish({ invariant: invariantNames[check]!, message, path: pathTo(number, code) }, false);
      }
      for (let goal = 0; unreachedGoals > 0 && goal < goals.length; goal++) {
        if (!reached[goal] && goals[goal]!.reached(layout, state, code, next)) {
          reached[goal] = true;
          unreachedGoals--;
        }
      }
      const renaming = canonicalize(layout, next, permutations, inverses, canonical);
      if (store.add(canonicalWords) < 0) continue;
      parents.push(number);
      codes.push(code);
      renamings.push(renaming);
      depths.push(depths.at(number) + 1);
      if (store.size >= maxStates) return finish(undefined, false);
    }
  }
  return finish(undefined, !cutByDepth);
}

/**
 * The path to state `number` (then `last`) as model events in the original
 * device names: each stored state was renamed to its canonical form, so the
 * events after it are named in that form and are renamed back here.
 */
function eventsAlong(
  layout: Layout,
  permutations: readonly (readonly number[])[],
  store: StateStore,
  parents: Growing<Int32Array>,
  codes: Growing<Int32Array>,
  renamings: Growing<Uint8Array>,
  number: number,
  last: number | undefined,
): ModelEvent[] {
  const chain: number[] = [];
  for (let at = number; at > 0; at = parents.at(at)) chain.unshift(at);
  // toOriginal[d]: the original name of device d as the current canonical state names it.
  let toOriginal = permutations[0]!.map((_unused, device) => device);
  const events: ModelEvent[] = [];
  const state = new Uint8Array(layout.width);
  const stateWords = new Uint32Array(state.buffer);
  const sent = new Int32Array(layout.devices);
  const pendingOf = new Int32Array(layout.devices);
  const emitOf = (parent: number, code: number): ModelEvent => {
    store.read(parent, stateWords);
    countPerDevice(layout, state, sent, pendingOf);
    return toEvent(layout, state, code, sent, toOriginal);
  };
  let parent = 0;
  for (const at of chain) {
    events.push(emitOf(parent, codes.at(at)));
    const renaming = permutations[renamings.at(at)]!;
    // The stored state names original device toOriginal[d] as renaming[d].
    const inverse: number[] = [];
    renaming.forEach((newName, oldName) => (inverse[newName] = toOriginal[oldName]!));
    toOriginal = inverse;
    parent = at;
  }
  if (last !== undefined) events.push(emitOf(parent, last));
  return events;
}

function toEvent(layout: Layout, state: Uint8Array, code: number, sent: Int32Array, toOriginal: readonly number[]): ModelEvent {
  const argument = argumentOf(code);
  const pick = state[layout.pendingCountAt]! - 1 - argument;
  switch (kindOf(code)) {
    case EMIT:
      return { kind: 'emit', device: toOriginal[argument]!, content: boundedContent(toOriginal[argument]!, sent[argument]!) };
    case PROBE:
      return { kind: 'probe', device: toOriginal[argument]! };
    case EMPTY:
      return { kind: 'empty', device: toOriginal[argument]! };
    case DELIVER:
      return { kind: 'deliver', pick };
    case DROP:
      return { kind: 'drop', pick };
    case DUPLICATE:
      return { kind: 'duplicate', pick };
    default:
      throw new RangeError(`unknown event code ${code}`);
  }
}

/** Bytes per state of the per-state arrays next to the store: parent (4), event code (4), renaming (1), depth (2). */
const PATH_BYTES_PER_STATE = 4 + 4 + 1 + 2;

/**
 * The memory a search holds once it has stored `states` states of `width` bytes:
 * the store's (storeFootprint) and the per-state arrays', written parts plus the
 * arrays their last doubling replaced. All of it is typed arrays, outside the JS heap.
 */
export function searchFootprint(width: number, states: number): { readonly bytes: number; readonly longestArray: number } {
  const store = storeFootprint(width, states);
  let capacity = GROWING_INITIAL;
  while (capacity < states) capacity *= 2;
  const replaced = capacity > GROWING_INITIAL ? (capacity / 2) * PATH_BYTES_PER_STATE : 0;
  return { bytes: store.bytes + states * PATH_BYTES_PER_STATE + replaced, longestArray: Math.max(store.longestArray, capacity) };
}
