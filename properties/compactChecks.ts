/**
 * The catalogue's model-level properties (S1-S4, L1, L2) and "sometimes" goals
 * over packed states, for the fast explorer (model/compact). The same
 * judgements as properties/modelChecks.ts, which applies the catalogue's own
 * checks to full states; test/compactModel.test.ts checks that the two agree on
 * every transition within small bounds. Only the device whose records changed
 * needs judging: the others were judged when they last changed.
 */
import { ENTRY_BYTES, senderOf, type CompactChecks, type CompactGoal, type CompactInvariant, type Layout } from '../model/index.ts';
import { DELIVER, DROP, DUPLICATE, EMPTY, argumentOf, kindOf, type NetworkMode } from '../model/index.ts';
import { PROMPT_ROUNDS } from './checks/livenessChecks.ts';

function recordsAt(layout: Layout, device: number): number {
  return layout.deviceAt + device * layout.deviceBytes;
}

/** S1: the changed device and every other are prefixes of one another. */
const agreement: CompactInvariant = (layout, _before, _code, after, changed) => {
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
};

/** S2: every record the changed device holds was sent, and only once (each record is sent once). */
const integrity: CompactInvariant = (layout, _before, _code, after, changed) => {
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
};

/** S3: on the changed device, each sender's records come in the order that sender sent them. */
const senderOrder: CompactInvariant = (layout, _before, _code, after, changed) => {
  if (changed < 0) return undefined;
  const at = recordsAt(layout, changed);
  // Record k of a sender must follow its records 0..k-1: count how many of that sender came before.
  for (let index = 0; index < after[at]!; index++) {
    const record = after[at + 1 + index]!;
    const sender = senderOf(layout, record);
    let before = 0;
    for (let earlier = 0; earlier < index; earlier++) if (senderOf(layout, after[at + 1 + earlier]!) === sender) before++;
    if (record % layout.recordsPerDevice !== before) return `dev_${changed}[${index}] should be dev_${sender}'s record #${before + 1}, got another`;
  }
  return undefined;
};

/** S4: the changed device's count did not decrease. */
const noRegression: CompactInvariant = (layout, before, _code, after, changed) => {
  if (changed < 0) return undefined;
  const at = recordsAt(layout, changed);
  return after[at]! < before[at]! ? `dev_${changed} went from ${before[at]} to ${after[at]} records` : undefined;
};

function logHolds(state: Uint8Array, record: number): boolean {
  for (let index = 1; index <= state[0]!; index++) if (state[index] === record) return true;
  return false;
}

/** Rounds of reliable probing (every device probes, its reply arrives at once) until all hold the log; undefined past `limit`. */
export function compactRoundsToConverge(layout: Layout, state: Uint8Array, limit: number): number | undefined {
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

function goals(mode: NetworkMode): CompactGoal[] {
  const list: CompactGoal[] = [
    { name: 'every device holds every record', reached: (layout, _before, _code, after) => after[0]! > 0 && holdsTheLog(layout, after) },
    { name: 'a reply was dropped', reached: (_layout, _before, code) => kindOf(code) === DROP },
    {
      name: 'two devices disagree in length',
      reached: (layout, _before, _code, after) => {
        for (let device = 1; device < layout.devices; device++) if (after[recordsAt(layout, device)] !== after[recordsAt(layout, 0)]) return true;
        return false;
      },
    },
    { name: 'an empty message was answered', reached: (_layout, _before, code) => kindOf(code) === EMPTY },
  ];
  if (mode === 'reorder') {
    list.push(
      {
        name: 'a reply arrived before an older one',
        reached: (layout, before, code) => {
          if (kindOf(code) !== DELIVER) return false;
          const index = argumentOf(code);
          const device = before[layout.pendingAt + index * ENTRY_BYTES];
          for (let older = 0; older < index; older++) if (before[layout.pendingAt + older * ENTRY_BYTES] === device) return true;
          return false;
        },
      },
      { name: 'a reply was duplicated', reached: (_layout, _before, code) => kindOf(code) === DUPLICATE },
    );
  }
  return list;
}

/** Everything the fast explorer judges in `mode`: S4 only where it is a guarantee (not under reorder). */
export function compactChecks(mode: NetworkMode): CompactChecks {
  const invariants: Record<string, CompactInvariant> = { S1: agreement, S2: integrity, S3: senderOrder };
  if (mode !== 'reorder') invariants.S4 = noRegression;
  return {
    invariants,
    liveness: {
      L1: (layout, state) => {
        const limit = state[0]! + 2;
        return compactRoundsToConverge(layout, state, limit) === undefined ? `not converged within ${limit} rounds` : undefined;
      },
      L2: (layout, state) => (compactRoundsToConverge(layout, state, PROMPT_ROUNDS) === undefined ? `not converged within ${PROMPT_ROUNDS} rounds` : undefined),
    },
    goals: goals(mode),
  };
}
