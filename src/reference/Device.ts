/**
 * The reference tablet, faithful to the original `Device` but seeded and
 * configurable. What it sends and how it applies a reply come from the model
 * (makeRecord, makeProbe, replyEffect); this class adds the mutable state, the
 * original's unreliability, and its crash on a reply without a type.
 */
import {
  deviceName,
  makeProbe,
  makeRecord,
  replyEffect,
  type ProbeMessage,
  type RecordContent,
  type RecordData,
  type WireRecord,
} from '../../model/index.ts';
import { randomUuid, type Random } from './randomness.ts';

/** The original's three kinds of unreliability, as probabilities. */
export interface DeviceProbabilities {
  /** `obtainData()` returns `{}` instead of a record. */
  readonly noData: number;
  /** `probe()` returns `{}` instead of a probe. */
  readonly forgetProbe: number;
  /** `onMessage()` drops the reply. */
  readonly loseReply: number;
}

export const ORIGINAL_PROBABILITIES: DeviceProbabilities = { noData: 0.4, forgetProbe: 0.5, loseReply: 0.6 };

/** A device that never fails: what the checker uses, since the network model decides losses. */
export const RELIABLE: DeviceProbabilities = { noData: 0, forgetProbe: 0, loseReply: 0 };

/** Thrown when a reply is not an object with a type: the original device crashes on it. */
export class DeviceCrash extends Error {}

export interface DeviceOptions {
  readonly random: Random;
  /** The current time as an ISO string; the original used the wall clock. */
  readonly clock: () => string;
  readonly probabilities?: DeviceProbabilities;
  /**
   * Makes the payload of the device's n-th record. By default three UUIDs drawn
   * from `random`, as the original; long simulations pass a cheaper, seeded one.
   */
  readonly payload?: (deviceIndex: number, sequence: number) => RecordData;
}

export class Device {
  readonly id: string;
  /** What the tablet shows, in the server's order. */
  readonly records: unknown[] = [];
  /** Counts the updates applied, so observers can tell that `records` changed without copying it. */
  revision = 0;
  /** Every record this tablet sent, in order. */
  readonly sent: WireRecord[] = [];
  private readonly index: number;
  private readonly options: DeviceOptions;
  private readonly probabilities: DeviceProbabilities;

  constructor(index: number, options: DeviceOptions) {
    this.index = index;
    this.id = deviceName(index);
    this.options = options;
    this.probabilities = options.probabilities ?? ORIGINAL_PROBABILITIES;
  }

  /** A new record (remembered in `sent`), or `{}` when there is no new data. */
  obtainData(): WireRecord | Record<string, never> {
    if (this.options.random() < this.probabilities.noData) return {};
    const random = this.options.random;
    const data = this.options.payload?.(this.index, this.sent.length) ?? {
      a: randomUuid(random),
      b: randomUuid(random),
      c: randomUuid(random),
    };
    return this.send({ timestamp: this.options.clock(), data });
  }

  /** Records `content` as sent and returns the message carrying it. */
  send(content: RecordContent): WireRecord {
    const record = makeRecord(this.index, content);
    this.sent.push(record);
    return record;
  }

  /** A probe for everything after what the device holds, or `{}` when it forgets. */
  probe(): ProbeMessage | Record<string, never> {
    if (this.options.random() < this.probabilities.forgetProbe) return {};
    return this.probeNow();
  }

  /** The probe the device sends when it does not forget. */
  probeNow(): ProbeMessage {
    return makeProbe(this.index, this.records.length);
  }

  /** A reply from the server; lost with the configured probability, else applied. */
  onMessage(reply: unknown): void {
    if (this.options.random() < this.probabilities.loseReply) return;
    this.receive(reply);
  }

  /** Applies a reply that arrived (docs/protocol.md, What a device does with a reply). */
  receive(reply: unknown): void {
    if (typeof reply !== 'object' || reply === null || !('type' in reply)) {
      throw new DeviceCrash(`device ${this.id} cannot read a reply without a type`);
    }
    // The model's effect (an update the device cannot apply, with no data list where Python would raise,
    // changes nothing), applied in place: copying the whole list on every update is what makes the original quadratic.
    const effect = replyEffect(this.records.length, reply);
    if (effect === undefined) return;
    this.records.length = effect.keep;
    for (const record of effect.data) this.records.push(record);
    this.revision++;
  }
}
