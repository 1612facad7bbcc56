import { describe, expect, it } from 'vitest';
import { deep } from './support/deep.ts';
import { initialState, NETWORK_MODES, step, type ModelState } from '../model/index.ts';
import { GOALS } from '../properties/index.ts';
import type { ModelCheckerBounds } from '../src/modelChecker/modelCheckerBounds.ts';
import { decodePacked, initialPacked, layoutFor } from '../src/modelChecker/packed/packedLayout.ts';
import { applyCode, countPerDevice, enabledCodes } from '../src/modelChecker/packed/packedStep.ts';
import { packedChecks } from '../src/modelChecker/packedChecks.ts';
import { searchPacked } from '../src/modelChecker/packedSearch.ts';
import { objectGoals, objectInvariants, objectLiveness } from './oracles/objectChecks.ts';
import { enabledEvents, exploreObjects, stateKey } from './oracles/objectExplorer.ts';

/**
 * The model checker's packed model (src/modelChecker/packed/) is a second
 * encoding of the reference semantics, so it is checked against model/step and
 * the catalogue's own checks (through the oracle test/oracles/) on every
 * transition within small bounds, and it must refute what the object explorer
 * refutes. It omits events whose successor another event
 * already reaches (delivering a reply that changes nothing is dropping it), so
 * the successor sets are compared, with the state itself allowed.
 */
const SMALL: readonly ModelCheckerBounds[] = [
  { mode: 'seed', devices: 2, recordsPerDevice: 2, pendingPerDevice: 1 },
  { mode: 'fifo', devices: 2, recordsPerDevice: 2, pendingPerDevice: 1 },
  // reorder at a small bound in `npm test` (2 records: 13 s, under `npm run test:deep`).
  { mode: 'reorder', devices: 2, recordsPerDevice: 1, pendingPerDevice: 1 },
  // Overtaking (two or three replies in flight to a device, any one delivered first), about 2 s in all: one device
  // (141 and 673 states), and two devices' replies interleaved up to 6 events deep (2,894 states). To any depth that
  // is 32,596 states: 10-15 s for the object explorer alone (test/explore.test.ts, `npm run test:deep`) and 80 s
  // transition by transition, so no suite runs that here.
  { mode: 'reorder', devices: 1, recordsPerDevice: 2, pendingPerDevice: 2 },
  { mode: 'reorder', devices: 1, recordsPerDevice: 2, pendingPerDevice: 3 },
  { mode: 'reorder', devices: 2, recordsPerDevice: 1, pendingPerDevice: 2, depth: 6 },
  // The wider bounds (`npm run test:deep`): about 30 s more for the same transitions at more states.
  ...(deep
    ? ([
        { mode: 'reorder', devices: 2, recordsPerDevice: 2, pendingPerDevice: 1 },
        // Two replies in flight per device: queues, and in fifo only a device's oldest can arrive.
        { mode: 'fifo', devices: 2, recordsPerDevice: 1, pendingPerDevice: 2 },
      ] as const)
    : []),
];

const label = (bounds: ModelCheckerBounds): string =>
  `${bounds.mode}, ${bounds.devices} devices, ${bounds.recordsPerDevice} records, ${bounds.pendingPerDevice} pending${bounds.depth === undefined ? '' : `, depth ${bounds.depth}`}`;

describe('the packed model agrees with model/step', () => {
  it.each(SMALL.map((bounds) => [label(bounds), bounds] as const))('%s: same successors, same verdicts, same counts', (_name, bounds) => {
    const layout = layoutFor(bounds);
    const checks = packedChecks(bounds.mode);
    const invariants = objectInvariants(bounds.mode);
    const noSymmetry = { ...bounds, symmetry: false };
    const codes = new Int32Array(64);
    const sent = new Int32Array(bounds.devices);
    const pendingOf = new Int32Array(bounds.devices);
    const seen = new Set<string>();
    const queue: Uint8Array[] = [initialPacked(layout)];
    const depths: number[] = [0];
    let transitions = 0;
    // Disagreements are collected and asserted once: an expect() per transition would cost most of the test's time.
    const mismatches: string[] = [];
    const disagree = (what: string, packedSays: unknown, modelSays: unknown): void => {
      if (packedSays !== modelSays && mismatches.length < 20) mismatches.push(`${what}: packed ${String(packedSays)}, model ${String(modelSays)} at ${stateKey(state, noSymmetry)}`);
    };
    let state: ModelState = decodePacked(layout, initialPacked(layout));
    for (let position = 0; position < queue.length; position++) {
      const packed = queue[position] as Uint8Array;
      state = decodePacked(layout, packed);
      if (packed[layout.pendingCountAt] === 0) {
        for (const [id, check] of Object.entries(checks.liveness)) disagree(`liveness ${id}`, check(layout, packed) !== undefined, objectLiveness[id]?.(state) !== undefined);
      }
      if (bounds.depth !== undefined && (depths[position] ?? 0) >= bounds.depth) continue;
      const count = enabledCodes(layout, packed, codes, sent, pendingOf);
      const objectEvents = enabledEvents(state, noSymmetry);
      const objectKeys = new Set(objectEvents.map((event) => stateKey(step(state, event), noSymmetry)));
      const packedKeys = new Set<string>([stateKey(state, noSymmetry)]);
      for (let choice = 0; choice < count; choice++) {
        const next = new Uint8Array(layout.width);
        countPerDevice(layout, packed, sent, pendingOf);
        const changed = applyCode(layout, packed, codes[choice] as number, next, sent);
        const after = decodePacked(layout, next);
        const key = stateKey(after, noSymmetry);
        disagree(`successor ${key} is a model successor`, objectKeys.has(key), true);
        packedKeys.add(key);
        transitions++;
        for (const [id, check] of Object.entries(checks.invariants)) {
          const packedVerdict = check(layout, packed, codes[choice] as number, next, changed) !== undefined;
          const catalogueVerdict = invariants[id]?.(state, { kind: 'probe', device: 0 }, after) !== undefined;
          disagree(`invariant ${id}`, packedVerdict, catalogueVerdict);
        }
        if (!seen.has(key)) {
          seen.add(key);
          queue.push(next);
          depths.push((depths[position] ?? 0) + 1);
        }
      }
      // The packed model leaves out events that lead to the same state as another, or back to this one.
      for (const key of objectKeys) disagree(`model successor ${key} is reached`, packedKeys.has(key), true);
    }
    expect(mismatches).toEqual([]);
    expect(transitions).toBeGreaterThan(100);
    const fast = searchPacked(bounds, checks);
    const slow = exploreObjects(bounds, invariants, objectLiveness, objectGoals(bounds.mode));
    expect(fast.distinctStates).toBe(slow.distinctStates);
    expect(fast.violation).toBeUndefined();
    expect(fast.goals).toEqual(slow.goals);
    // Complete exactly when no depth bound cut the search short (every case here has deeper states).
    expect(fast.complete).toBe(bounds.depth === undefined);
    // A reorder bound with two replies in flight per device must show a reply overtaking an older one.
    const overtaken = fast.goals.find((goal) => goal.name === GOALS.overtaken.name)?.reached;
    if (bounds.mode === 'reorder') expect(overtaken).toBe(bounds.pendingPerDevice >= 2);
  });

  // Symmetry reduction is the same code in every mode: fifo in `npm test` (4 s), seed and reorder (10 s) under `npm run test:deep`.
  it.each(NETWORK_MODES.filter((mode) => deep || mode === 'fifo'))('%s, 3 devices: the same distinct states and goals as the object explorer, under symmetry', (mode) => {
    const bounds: ModelCheckerBounds = { mode, devices: 3, recordsPerDevice: 1, pendingPerDevice: 1 };
    const fast = searchPacked(bounds, packedChecks(mode));
    const slow = exploreObjects(bounds, objectInvariants(mode), objectLiveness, objectGoals(mode));
    expect(fast.distinctStates).toBe(slow.distinctStates);
    expect(fast.goals).toEqual(slow.goals);
    expect(fast.violation).toBeUndefined();
  });

  it('the initial state decodes to the model initial state', () => {
    const bounds: ModelCheckerBounds = { mode: 'fifo', devices: 2, recordsPerDevice: 1, pendingPerDevice: 1 };
    expect(stateKey(decodePacked(layoutFor(bounds), initialPacked(layoutFor(bounds))), bounds)).toBe(stateKey(initialState('fifo', 2), bounds));
  });
});

describe('the model checker refutes, with a shortest path that replays on model/step', () => {
  it.each(NETWORK_MODES)('%s: "no device ever holds two records" falls in 4 events, under symmetry', (mode) => {
    const bounds: ModelCheckerBounds = { mode, devices: 3, recordsPerDevice: 2, pendingPerDevice: 1 };
    const holdsTwo = (layout: ReturnType<typeof layoutFor>, _before: Uint8Array, _code: number, after: Uint8Array, changed: number): string | undefined =>
      changed >= 0 && after[layout.deviceAt + changed * layout.deviceBytes]! >= 2 ? 'a device holds two records' : undefined;
    const report = searchPacked(bounds, { invariants: { holdsTwo }, liveness: {}, goals: [] });
    const path = report.violation?.path ?? [];
    // emit, emit, probe, deliver is 4; a second device's emit makes the renaming matter.
    expect(path.length).toBe(4);
    const end = path.reduce<ModelState>((state, event) => step(state, event), initialState(mode, 3));
    expect(end.devices.some((device) => device.records.length >= 2)).toBe(true);
  });

  it('a path through renamed states replays: a violation that needs device 2 after device 0', () => {
    const bounds: ModelCheckerBounds = { mode: 'reorder', devices: 3, recordsPerDevice: 1, pendingPerDevice: 1 };
    // Refuted only once dev_2 holds dev_0's and dev_1's records: the path crosses renamings.
    const check = (layout: ReturnType<typeof layoutFor>, _before: Uint8Array, _code: number, after: Uint8Array): string | undefined => {
      const state = decodePacked(layout, after);
      const holders = state.devices.filter((device) => device.records.length === 2);
      return holders.length >= 2 ? 'two devices hold both records' : undefined;
    };
    const report = searchPacked(bounds, { invariants: { check }, liveness: {}, goals: [] });
    const path = report.violation?.path ?? [];
    expect(path.length).toBeGreaterThan(0);
    const end = path.reduce<ModelState>((state, event) => step(state, event), initialState('reorder', 3));
    expect(end.devices.filter((device) => device.records.length === 2).length).toBeGreaterThanOrEqual(2);
  });
});
