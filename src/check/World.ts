/** The devices and the replies in flight while an implementation is driven through a scenario. */
import {
  pendingIndexFor,
  withoutPending,
  type ModelEvent,
  type NetworkMode,
  type PendingReply,
} from '../../model/index.ts';
import type { DeviceView, MessageKind } from '../../properties/index.ts';
import { Device, RELIABLE } from '../reference/Device.ts';
import { seededRandom } from '../reference/randomness.ts';
import { networkCopy } from './networkCopy.ts';

/** A message a send event puts on the wire. */
export interface Outgoing {
  readonly kind: MessageKind;
  readonly message: unknown;
  readonly device?: number;
}

export class World {
  readonly devices: Device[];
  private pending: PendingReply[] = [];
  private nextReplyId = 1;
  private readonly mode: NetworkMode;

  constructor(mode: NetworkMode, deviceCount: number) {
    this.mode = mode;
    // The network decides losses, so the devices themselves are reliable.
    const options = { random: seededRandom(0), clock: () => '', probabilities: RELIABLE };
    this.devices = Array.from({ length: deviceCount }, (_unused, index) => new Device(index, options));
  }

  /** The message `event` sends, or undefined for events that move replies. */
  outgoing(event: ModelEvent): Outgoing | undefined {
    switch (event.kind) {
      case 'emit':
        return { kind: 'record', message: this.deviceAt(event.device).send(event.content), device: event.device };
      case 'probe':
        return { kind: 'probe', message: this.deviceAt(event.device).probeNow(), device: event.device };
      case 'empty':
        return { kind: 'empty', message: {}, device: event.device };
      case 'junk':
        return { kind: 'junk', message: event.message };
      default:
        return undefined;
    }
  }

  /** Numbers the reply to a probe or empty message; queues it if there is one. Returns its id. */
  enqueueReply(device: number, reply: { value: unknown } | undefined): number {
    const id = this.nextReplyId++;
    if (reply !== undefined) this.pending.push({ id, device, reply: reply.value });
    return id;
  }

  /** Applies a deliver, drop or duplicate event; returns the reply it acted on. */
  moveReply(event: Extract<ModelEvent, { pick: number }>): PendingReply | undefined {
    const index = pendingIndexFor(this.pending, this.mode, event);
    const entry = index === undefined ? undefined : this.pending[index];
    if (index === undefined || entry === undefined) return undefined;
    if (event.kind !== 'duplicate') this.pending = withoutPending(this.pending, index);
    if (event.kind !== 'drop') this.hand(entry);
    return entry;
  }

  /** The replies in flight, oldest first. */
  get inFlight(): readonly PendingReply[] {
    return this.pending;
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  /** Every device's view, for the properties. */
  views(): DeviceView[] {
    return this.devices.map((device) => ({ id: device.id, records: device.records, sent: device.sent, revision: device.revision }));
  }

  counts(): number[] {
    return this.devices.map((device) => device.records.length);
  }

  private hand(entry: PendingReply): void {
    try {
      this.deviceAt(entry.device).receive(networkCopy(entry.reply));
    } catch {
      // A reply the device cannot read crashes the original device; S5 has already reported it.
    }
  }

  private deviceAt(index: number): Device {
    const device = this.devices[index];
    if (device === undefined) throw new RangeError(`no device ${index} in a run of ${this.devices.length}`);
    return device;
  }
}
