/**
 * The model checker's oracle: exhaustive bounded exploration of the pure model
 * over full model states, readable rather than fast. Breadth first, so the
 * first violation found comes with the shortest path to it. States are hashed
 * after renaming devices to a canonical order (devices are interchangeable),
 * safety is judged on every transition, liveness at every quiescent state, and
 * "sometimes" goals show whether the bound reaches anything interesting.
 * test/compactModel.test.ts holds the packed search (src/modelChecker/) to it.
 */
import { isRecordShaped, initialState, replyEvents, step, type ModelEvent, type ModelState } from '../../model/index.ts';
import { boundedContent, type ModelCheckerBounds } from '../../src/modelChecker/modelCheckerBounds.ts';

/** The model checker's bounds (with a depth, states that deep are judged but not expanded). */
export interface ObjectBounds extends ModelCheckerBounds {
  /** Rename devices to a canonical order before hashing (default true). */
  readonly symmetry?: boolean;
}

/** A safety check over one transition: returns a violation, or undefined. */
export type Invariant = (before: ModelState, event: ModelEvent, after: ModelState) => string | undefined;

export interface Goal {
  readonly name: string;
  readonly reached: (before: ModelState, event: ModelEvent, after: ModelState) => boolean;
}

export interface Violation {
  readonly invariant: string;
  readonly message: string;
  /** The shortest sequence of events that leads to it. */
  readonly path: readonly ModelEvent[];
}

export interface ExplorationReport {
  readonly distinctStates: number;
  readonly transitions: number;
  readonly depth: number;
  readonly quiescentStates: number;
  readonly goals: readonly { readonly name: string; readonly reached: boolean }[];
  readonly violation: Violation | undefined;
}

/** Every event enabled in `state` within the bounds. */
export function enabledEvents(state: ModelState, bounds: ObjectBounds): ModelEvent[] {
  const events: ModelEvent[] = [];
  state.devices.forEach((device, index) => {
    if (device.sent.length < bounds.recordsPerDevice) events.push({ kind: 'emit', device: index, content: boundedContent(index, device.sent.length) });
    if (state.pending.filter((entry) => entry.device === index).length < bounds.pendingPerDevice) {
      events.push({ kind: 'probe', device: index }, { kind: 'empty', device: index });
    }
  });
  events.push(...replyEvents(state.pending, state.mode));
  return events;
}

/** Explores every state reachable within `bounds`, judging `invariants` and `liveness`, tracking `goals`. */
export function exploreObjects(
  bounds: ObjectBounds,
  invariants: Readonly<Record<string, Invariant>>,
  liveness: Readonly<Record<string, (state: ModelState) => string | undefined>>,
  goals: readonly Goal[],
): ExplorationReport {
  const start = initialState(bounds.mode, bounds.devices);
  const index = new Map<string, number>([[stateKey(start, bounds), 0]]);
  const states: ModelState[] = [start];
  const parents: number[] = [-1];
  const arrivals: (ModelEvent | undefined)[] = [undefined];
  const depths: number[] = [0];
  const reached = new Set<string>();
  let transitions = 0;
  let quiescentStates = 0;
  const pathTo = (position: number, last?: ModelEvent): ModelEvent[] => {
    const path: ModelEvent[] = last === undefined ? [] : [last];
    for (let at = position; at > 0; at = parents[at] ?? 0) path.unshift(arrivals[at] as ModelEvent);
    return path;
  };
  const finish = (violation: Violation | undefined): ExplorationReport => ({
    distinctStates: states.length,
    transitions,
    depth: depths[depths.length - 1] ?? 0,
    quiescentStates,
    goals: goals.map((goal) => ({ name: goal.name, reached: reached.has(goal.name) })),
    violation,
  });
  for (let position = 0; position < states.length; position++) {
    const state = states[position] as ModelState;
    if (state.pending.length === 0) {
      quiescentStates++;
      for (const [name, check] of Object.entries(liveness)) {
        const message = check(state);
        if (message !== undefined) return finish({ invariant: name, message, path: pathTo(position) });
      }
    }
    if (bounds.depth !== undefined && (depths[position] ?? 0) >= bounds.depth) continue;
    for (const event of enabledEvents(state, bounds)) {
      const next = step(state, event);
      transitions++;
      for (const [name, invariant] of Object.entries(invariants)) {
        const message = invariant(state, event, next);
        if (message !== undefined) return finish({ invariant: name, message, path: pathTo(position, event) });
      }
      for (const goal of goals) if (!reached.has(goal.name) && goal.reached(state, event, next)) reached.add(goal.name);
      const key = stateKey(next, bounds);
      if (index.has(key)) continue;
      index.set(key, states.length);
      states.push(next);
      parents.push(position);
      arrivals.push(event);
      depths.push((depths[position] ?? 0) + 1);
    }
  }
  return finish(undefined);
}

/** The hash key of a state: reply ids are left out (they only name replies), devices renamed canonically. */
export function stateKey(state: ModelState, bounds: ObjectBounds): string {
  if (bounds.symmetry === false) return encode(state, identity(state.devices.length));
  let best: string | undefined;
  for (const permutation of permutations(state.devices.length)) {
    const key = encode(state, permutation);
    if (best === undefined || key < best) best = key;
  }
  return best ?? '';
}

function encode(state: ModelState, rename: readonly number[]): string {
  const record = (value: unknown): string => {
    if (!isRecordShaped(value)) return '?';
    return `${rename[Number(value.data.a.slice(1))] ?? '?'}.${value.data.b}`;
  };
  const devices: string[] = new Array<string>(state.devices.length);
  state.devices.forEach((device, original) => {
    devices[rename[original] ?? original] = `${device.records.map(record).join(',')}/${device.sent.length}`;
  });
  const pending = state.pending.map((entry) => `${rename[entry.device] ?? '?'}>${replyKey(entry.reply, record)}`).join(';');
  return `${state.log.map(record).join(',')}|${devices.join('|')}|${pending}`;
}

function replyKey(reply: unknown, record: (value: unknown) => string): string {
  const update = reply as { type?: unknown; from?: unknown; data?: unknown } | undefined;
  if (update?.type !== 'update' || !Array.isArray(update.data)) return String(update?.type);
  return `u${String(update.from)}:${(update.data as unknown[]).map(record).join(',')}`;
}

function identity(count: number): number[] {
  return Array.from({ length: count }, (_unused, index) => index);
}

const permutationCache = new Map<number, number[][]>();

function permutations(count: number): number[][] {
  const cached = permutationCache.get(count);
  if (cached !== undefined) return cached;
  const result: number[][] = [];
  const build = (prefix: number[], rest: number[]): void => {
    if (rest.length === 0) result.push(prefix);
    rest.forEach((item, position) => build([...prefix, item], [...rest.slice(0, position), ...rest.slice(position + 1)]));
  };
  build([], identity(count));
  permutationCache.set(count, result);
  return result;
}
