/**
 * Packed twin of model/state.ts, for the model checker; held to it by
 * test/compactModel.test.ts (every packed state decodes to a model state that
 * model/step.ts reaches). The model's state packed into a fixed number of bytes.
 * It holds the reference semantics only: records are numbered (device d's k-th
 * record is d * recordsPerDevice + k), and an update reply is a window
 * [from, to) of the log, which is exact because the reference log only grows.
 *
 *   [0]                      log length
 *   [1 .. N]                 log: record numbers
 *   per device: [count] [N]  the records it shows, in order
 *   [pendingCount]           replies in flight, oldest first, 3 bytes each:
 *                            device, from (NOOP for a reply to {}), to
 *   zeros up to a multiple of 4 bytes
 *
 * N is the most records there can be: devices * recordsPerDevice.
 */
import { makeRecord, NOOP_REPLY, type ModelState } from '../../../model/index.ts';
import { boundedContent, type ModelCheckerBounds } from '../modelCheckerBounds.ts';

/** The `from` byte of a reply to an empty message. */
export const NOOP = 255;
export const ENTRY_BYTES = 3;

export interface Layout extends ModelCheckerBounds {
  /** The most records: devices * recordsPerDevice. */
  readonly maxRecords: number;
  /** Offset of device d's block is deviceAt + d * deviceBytes. */
  readonly deviceAt: number;
  readonly deviceBytes: number;
  readonly pendingCountAt: number;
  readonly pendingAt: number;
  readonly maxPending: number;
  /** Bytes per state. */
  readonly width: number;
}

export function layoutFor(bounds: ModelCheckerBounds): Layout {
  const maxRecords = bounds.devices * bounds.recordsPerDevice;
  const maxPending = bounds.devices * bounds.pendingPerDevice;
  if (maxRecords > 250 || maxPending > 250) throw new RangeError('the model checker holds at most 250 records and 250 replies in flight');
  const deviceAt = 1 + maxRecords;
  const deviceBytes = 1 + maxRecords;
  const pendingCountAt = deviceAt + bounds.devices * deviceBytes;
  const pendingAt = pendingCountAt + 1;
  // A whole number of 32-bit words, so that states are fingerprinted and copied as words.
  const width = Math.ceil((pendingAt + ENTRY_BYTES * maxPending) / 4) * 4;
  return { ...bounds, maxRecords, deviceAt, deviceBytes, pendingCountAt, pendingAt, maxPending, width };
}

/** The state before anything happened: all zeros. */
export function initialPacked(layout: Layout): Uint8Array {
  return new Uint8Array(layout.width);
}

/** Which device sent record number `record`. */
export function senderOf(layout: Layout, record: number): number {
  return Math.floor(record / layout.recordsPerDevice);
}

/** Records device `device` has sent: its records in the log. */
export function sentBy(layout: Layout, state: Uint8Array, device: number): number {
  let count = 0;
  for (let index = 1; index <= state[0]!; index++) if (senderOf(layout, state[index]!) === device) count++;
  return count;
}

/** The full model state a packed state stands for (reply ids are numbered in order). */
export function decodePacked(layout: Layout, state: Uint8Array): ModelState {
  const record = (number: number) => makeRecord(senderOf(layout, number), boundedContent(senderOf(layout, number), number % layout.recordsPerDevice));
  const log = Array.from(state.subarray(1, 1 + state[0]!), record);
  const devices = Array.from({ length: layout.devices }, (_unused, device) => {
    const at = layout.deviceAt + device * layout.deviceBytes;
    return {
      records: Array.from(state.subarray(at + 1, at + 1 + state[at]!), record),
      sent: log.filter((entry) => entry.dev_id === `dev_${device}`),
    };
  });
  const pending = Array.from({ length: state[layout.pendingCountAt]! }, (_unused, index) => {
    const at = layout.pendingAt + index * ENTRY_BYTES;
    const from = state[at + 1]!;
    const reply = from === NOOP ? NOOP_REPLY : { type: 'update' as const, from, data: log.slice(from, state[at + 2]) };
    return { id: index + 1, device: state[at]!, reply };
  });
  return { mode: layout.mode, log, devices, pending, nextReplyId: pending.length + 1 };
}
