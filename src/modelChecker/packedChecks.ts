/**
 * The catalogue's model-level properties and goals on packed states, for the
 * model checker's search (packedSearch.ts). Held to the object oracle's
 * test/oracles/objectChecks.ts by test/compactModel.test.ts (the same verdict
 * from both on every transition and quiescent state within small bounds) and
 * to the catalogue by test/catalogueTwins.test.ts (a twin for every model-level
 * property and goal). Keyed by catalogue id: the invariants are packed twins of
 * the catalogue's S1-S4; liveness computes rounds on packed states and is judged
 * by the catalogue's own L1 and L2 checks. Only the device whose records changed
 * needs judging: the others were judged when they last changed.
 */
import { reliableRound, type NetworkMode } from '../../model/index.ts';
import {
  convergenceGap,
  convergenceRoundLimit,
  GOALS,
  goalsFor,
  guaranteedIn,
  MODEL_INVARIANT_IDS,
  MODEL_LIVENESS_IDS,
  propertyById,
  type GoalId,
  type ModelInvariantId,
  type ModelLivenessId,
} from '../../properties/index.ts';
import { decodePacked, ENTRY_BYTES, senderOf, type Layout } from './packed/packedLayout.ts';
import { argumentOf, DELIVER, DROP, DUPLICATE, EMPTY, kindOf } from './packed/packedStep.ts';
import type { PackedChecks, PackedGoal, PackedInvariant, PackedLiveness } from './packedSearch.ts';

function recordsAt(layout: Layout, device: number): number {
  return layout.deviceAt + device * layout.deviceBytes;
}

/** Packed twins of the catalogue's model-level step properties. */
export const PACKED_INVARIANTS: Readonly<Record<ModelInvariantId, PackedInvariant>> = {
  /** S1: the changed device and every other are prefixes of one another. */
  S1: (layout, _before, _code, after, changed) => {
    if (changed < 0) return undefined;
    const mine = recordsAt(layout, changed);
    for (let other = 0; other < layout.devices; other++) {
      const theirs = recordsAt(layout, other);
      const shared = Math.min(after[mine]!, after[theirs]!);
      for (let index = 0; index < shared; index++) {
        if (after[mine + 1 + index] !== after[theirs + 1 + index]) return `dev_${changed} and dev_${other} disagree at index ${index}`;
      }
    }
    return undefined;
  },
  /** S2: every record the changed device holds was sent, and only once (each record is sent once). */
  S2: (layout, _before, _code, after, changed) => {
    if (changed < 0) return undefined;
    const at = recordsAt(layout, changed);
    for (let index = 0; index < after[at]!; index++) {
      const record = after[at + 1 + index]!;
      if (!logHolds(after, record)) return `dev_${changed}[${index}] was never sent`;
      for (let earlier = 0; earlier < index; earlier++) {
        if (after[at + 1 + earlier] === record) return `dev_${changed}[${index}] appears twice but was sent once`;
      }
    }
    return undefined;
  },
  /** S3: on the changed device, each sender's records come in the order that sender sent them. */
  S3: (layout, _before, _code, after, changed) => {
    if (changed < 0) return undefined;
    const at = recordsAt(layout, changed);
    // Record k of a sender must follow its records 0..k-1: count, per sender, how many came before (one pass).
    const earlier = PER_SENDER.fill(0, 0, layout.devices);
    for (let index = 0; index < after[at]!; index++) {
      const record = after[at + 1 + index]!;
      const sender = senderOf(layout, record);
      const before = earlier[sender]!;
      if (record % layout.recordsPerDevice !== before) return `dev_${changed}[${index}] should be dev_${sender}'s record #${before + 1}, got another`;
      earlier[sender] = before + 1;
    }
    return undefined;
  },
  /** S4: the changed device's count did not decrease. */
  S4: (layout, before, _code, after, changed) => {
    if (changed < 0) return undefined;
    const at = recordsAt(layout, changed);
    return after[at]! < before[at]! ? `dev_${changed} went from ${before[at]} to ${after[at]} records` : undefined;
  },
};

/** Scratch counts per sender for S3 (at most 250 devices by the layout's bound); the checks run one at a time. */
const PER_SENDER = new Int32Array(256);

function logHolds(state: Uint8Array, record: number): boolean {
  for (let index = 1; index <= state[0]!; index++) if (state[index] === record) return true;
  return false;
}

/** Rounds of reliable probing (every device probes, its reply arrives at once) until all hold the log; undefined past `limit`. */
export function packedRoundsToConverge(layout: Layout, state: Uint8Array, limit: number): number | undefined {
  const devices = state.slice();
  const logLength = devices[0]!;
  for (let round = 0; round <= limit; round++) {
    if (holdsTheLog(layout, devices)) return round;
    for (let device = 0; device < layout.devices; device++) {
      const at = recordsAt(layout, device);
      const from = devices[at]!;
      for (let index = from; index < logLength; index++) devices[at + 1 + index] = devices[1 + index]!;
      devices[at] = Math.max(from, logLength);
    }
  }
  return undefined;
}

function holdsTheLog(layout: Layout, state: Uint8Array): boolean {
  for (let device = 0; device < layout.devices; device++) {
    const at = recordsAt(layout, device);
    if (state[at] !== state[0]) return false;
    for (let index = 0; index < state[0]!; index++) if (state[at + 1 + index] !== state[1 + index]) return false;
  }
  return true;
}

/** The catalogue's end check `id`, judged on rounds counted over the packed state. */
function endCheck(id: ModelLivenessId): PackedLiveness {
  const property = propertyById(id);
  return (layout, state) => {
    if (property.when !== 'end') return undefined;
    // Every record sent is in the log, so the log's length is the total sent.
    const roundLimit = convergenceRoundLimit(state[0]!);
    const rounds = packedRoundsToConverge(layout, state, roundLimit);
    return property.check({ devices: [], roundsToConverge: rounds, roundLimit, gap: rounds === undefined ? gapAfter(layout, state, roundLimit) : undefined });
  };
}

/** Why the devices have not converged after `rounds` rounds (only when they have not: it decodes the state). */
function gapAfter(layout: Layout, state: Uint8Array, rounds: number): string | undefined {
  let after = decodePacked(layout, state);
  for (let round = 0; round < rounds; round++) after = reliableRound(after);
  return convergenceGap(after.devices.map((device, index) => ({ id: `dev_${index}`, records: device.records, sent: device.sent })));
}

/** Packed twins of the catalogue's end properties. */
export const PACKED_LIVENESS: Readonly<Record<ModelLivenessId, PackedLiveness>> = { L1: endCheck('L1'), L2: endCheck('L2') };

/** When each goal is reached, over packed states. */
export const PACKED_GOALS: Readonly<Record<GoalId, PackedGoal['reached']>> = {
  converged: (layout, _before, _code, after) => after[0]! > 0 && holdsTheLog(layout, after),
  dropped: (_layout, _before, code) => kindOf(code) === DROP,
  lengthsDiffer: (layout, _before, _code, after) => {
    for (let device = 1; device < layout.devices; device++) if (after[recordsAt(layout, device)] !== after[recordsAt(layout, 0)]) return true;
    return false;
  },
  emptyAnswered: (_layout, _before, code) => kindOf(code) === EMPTY,
  overtaken: (layout, before, code) => {
    if (kindOf(code) !== DELIVER) return false;
    const index = argumentOf(code);
    const device = before[layout.pendingAt + index * ENTRY_BYTES];
    for (let older = 0; older < index; older++) if (before[layout.pendingAt + older * ENTRY_BYTES] === device) return true;
    return false;
  },
  duplicated: (_layout, _before, code) => kindOf(code) === DUPLICATE,
};

/** Everything the model checker judges in `mode`: the model-level properties that are guarantees there, and its goals. */
export function packedChecks(mode: NetworkMode): PackedChecks {
  return {
    invariants: Object.fromEntries(guaranteedIn(MODEL_INVARIANT_IDS, mode).map((id) => [id, PACKED_INVARIANTS[id]])),
    liveness: Object.fromEntries(guaranteedIn(MODEL_LIVENESS_IDS, mode).map((id) => [id, PACKED_LIVENESS[id]])),
    goals: goalsFor(mode).map((id) => ({ name: GOALS[id].name, reached: PACKED_GOALS[id] })),
  };
}
