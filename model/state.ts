/** The state of the whole protocol: server log, devices and replies in flight. */
import type { NetworkMode } from './events.ts';
import type { WireRecord } from './messages.ts';
import type { PendingReply } from './network.ts';

export interface DeviceState {
  /** What the device shows, in order. */
  readonly records: readonly unknown[];
  /** What the device has sent, in order. */
  readonly sent: readonly WireRecord[];
}

export interface ModelState {
  readonly mode: NetworkMode;
  readonly log: readonly WireRecord[];
  readonly devices: readonly DeviceState[];
  readonly pending: readonly PendingReply[];
  /** The id the next reply to a probe or empty message will carry. */
  readonly nextReplyId: number;
}

/** The state before anything happened, for `deviceCount` devices. */
export function initialState(mode: NetworkMode, deviceCount: number): ModelState {
  const devices = Array.from({ length: deviceCount }, () => ({ records: [], sent: [] }));
  return { mode, log: [], devices, pending: [], nextReplyId: 1 };
}
