/**
 * Packed twin of model/step.ts (with model/server.ts and model/applyReply.ts),
 * for the model checker; held to it by test/compactModel.test.ts, transition by
 * transition. States are packed (packedLayout.ts); events are small integers:
 * kind << 8 | argument. A probe is classified and answered by the model's own
 * functions (isValidFrom, probeWindowFrom/End); what stays packed here is how a
 * reply is stored (a window of the log) and applied (receive, wouldChange).
 */
import { isValidFrom, probeWindowEnd, probeWindowFrom } from '../../../model/index.ts';
import { ENTRY_BYTES, NOOP, type Layout } from './packedLayout.ts';
import { copyBytes } from './symmetry.ts';

export const EMIT = 0;
export const PROBE = 1;
export const EMPTY = 2;
export const DELIVER = 3;
export const DROP = 4;
export const DUPLICATE = 5;

export function kindOf(code: number): number {
  return code >> 8;
}

export function argumentOf(code: number): number {
  return code & 0xff;
}

function codeOf(kind: number, argument: number): number {
  return (kind << 8) | argument;
}

/**
 * Writes every event enabled in `state` into `codes`, leaving out those that
 * lead to the same state as another or to itself; returns how many. Device
 * arguments are devices, reply arguments positions.
 */
export function enabledCodes(layout: Layout, state: Uint8Array, codes: Int32Array, sent: Int32Array, pendingOf: Int32Array): number {
  countPerDevice(layout, state, sent, pendingOf);
  let count = 0;
  for (let device = 0; device < layout.devices; device++) {
    if (sent[device]! < layout.recordsPerDevice) codes[count++] = codeOf(EMIT, device);
    if (pendingOf[device]! < layout.pendingPerDevice) {
      codes[count++] = codeOf(PROBE, device);
      codes[count++] = codeOf(EMPTY, device);
    }
  }
  const pending = state[layout.pendingCountAt]!;
  const reorder = layout.mode === 'reorder';
  for (let index = 0; index < pending; index++) {
    // A reply that would change nothing on its device (a reply to {}, or one it already
    // reflects): delivering it leads where dropping it does, and duplicating it leads
    // back to this state, so only the drop is kept. The same states, fewer lookups.
    const changes = wouldChange(layout, state, index);
    // In order, only a device's oldest reply can arrive; any reply can be lost.
    if (changes && (reorder || isOldestOfItsDevice(layout, state, index))) codes[count++] = codeOf(DELIVER, index);
    codes[count++] = codeOf(DROP, index);
    if (reorder && changes) codes[count++] = codeOf(DUPLICATE, index);
  }
  return count;
}

/** Records sent and replies in flight, per device. */
export function countPerDevice(layout: Layout, state: Uint8Array, sent: Int32Array, pendingOf: Int32Array): void {
  const perDevice = layout.recordsPerDevice;
  for (let device = 0; device < layout.devices; device++) {
    sent[device] = 0;
    pendingOf[device] = 0;
  }
  for (let index = 1; index <= state[0]!; index++) sent[(state[index]! / perDevice) | 0]!++;
  const pending = state[layout.pendingCountAt]!;
  for (let index = 0; index < pending; index++) pendingOf[state[layout.pendingAt + index * ENTRY_BYTES]!]!++;
}

/** Whether handing pending reply `index` to its device would change what the device shows. */
function wouldChange(layout: Layout, state: Uint8Array, index: number): boolean {
  const entry = layout.pendingAt + index * ENTRY_BYTES;
  const from = state[entry + 1]!;
  const to = state[entry + 2]!;
  const device = layout.deviceAt + state[entry]! * layout.deviceBytes;
  const count = state[device]!;
  if (from === NOOP || from > count) return false;
  if (to !== count) return true;
  for (let position = from; position < to; position++) if (state[device + 1 + position] !== state[1 + position]) return true;
  return false;
}

function isOldestOfItsDevice(layout: Layout, state: Uint8Array, index: number): boolean {
  const device = state[layout.pendingAt + index * ENTRY_BYTES];
  for (let earlier = 0; earlier < index; earlier++) if (state[layout.pendingAt + earlier * ENTRY_BYTES] === device) return false;
  return true;
}

/**
 * Writes the state after `code` into `next`; returns the device whose records
 * changed, or -1. `sent` must hold the per-device counts of `state`.
 */
export function applyCode(layout: Layout, state: Uint8Array, code: number, next: Uint8Array, sent: Int32Array): number {
  copyBytes(state, next);
  const argument = argumentOf(code);
  switch (kindOf(code)) {
    case EMIT: {
      const length = next[0]!;
      next[1 + length] = argument * layout.recordsPerDevice + sent[argument]!;
      next[0] = length + 1;
      return -1;
    }
    case PROBE: {
      const from = next[layout.deviceAt + argument * layout.deviceBytes]!;
      const logLength = next[0]!;
      // A probe the server rejects is answered with an error, which a device ignores like a noop.
      if (isValidFrom(from, logLength)) pushEntry(layout, next, argument, probeWindowFrom(from, logLength), probeWindowEnd(from, logLength));
      else pushEntry(layout, next, argument, NOOP, logLength);
      return -1;
    }
    // answerEmpty's packed twin: a NOOP entry.
    case EMPTY:
      pushEntry(layout, next, argument, NOOP, 0);
      return -1;
    case DROP:
      removeEntry(layout, next, argument);
      return -1;
    case DELIVER:
    case DUPLICATE: {
      const at = layout.pendingAt + argument * ENTRY_BYTES;
      const device = next[at]!;
      const from = next[at + 1]!;
      const to = next[at + 2]!;
      if (kindOf(code) === DELIVER) removeEntry(layout, next, argument);
      return receive(layout, next, device, from, to) ? device : -1;
    }
    default:
      throw new RangeError(`unknown event code ${code}`);
  }
}

/** Packed twin of applyReply: an update from no further than the device's count replaces everything from there on. */
function receive(layout: Layout, state: Uint8Array, device: number, from: number, to: number): boolean {
  const at = layout.deviceAt + device * layout.deviceBytes;
  const count = state[at]!;
  if (from === NOOP || from > count) return false;
  for (let index = from; index < to; index++) state[at + 1 + index] = state[1 + index]!;
  // Bytes past the new count are zeroed, so that equal states are equal bytes.
  for (let index = to; index < count; index++) state[at + 1 + index] = 0;
  state[at] = to;
  return true;
}

function pushEntry(layout: Layout, state: Uint8Array, device: number, from: number, to: number): void {
  const pending = state[layout.pendingCountAt]!;
  const at = layout.pendingAt + pending * ENTRY_BYTES;
  state[at] = device;
  state[at + 1] = from;
  state[at + 2] = to;
  state[layout.pendingCountAt] = pending + 1;
}

function removeEntry(layout: Layout, state: Uint8Array, index: number): void {
  const pending = state[layout.pendingCountAt]!;
  const start = layout.pendingAt + index * ENTRY_BYTES;
  const end = layout.pendingAt + pending * ENTRY_BYTES;
  for (let at = start; at < end - ENTRY_BYTES; at++) state[at] = state[at + ENTRY_BYTES]!;
  for (let at = end - ENTRY_BYTES; at < end; at++) state[at] = 0;
  state[layout.pendingCountAt] = pending - 1;
}
