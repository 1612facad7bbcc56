/** The messages of the protocol as plain data (docs/protocol.md, Messages from a device). */

/** The three datapoint fields every record carries. */
export interface RecordData {
  readonly a: string;
  readonly b: string;
  readonly c: string;
}

/** What a device puts into a new record; `dev_id` and `type` come from the device. */
export interface RecordContent {
  readonly timestamp: string;
  readonly data: RecordData;
}

/** A meal record as it crosses the network. */
export interface WireRecord extends RecordContent {
  readonly type: 'record';
  readonly dev_id: string;
}

export interface ProbeMessage {
  readonly type: 'probe';
  readonly dev_id: string;
  readonly from: number;
}

/** A device with nothing to send sends an object with no keys. */
export type EmptyMessage = Readonly<Record<string, never>>;

export interface UpdateReply {
  readonly type: 'update';
  readonly from: number;
  readonly data: readonly WireRecord[];
}

/** Anything a device can legitimately send. */
export type DeviceMessage = WireRecord | ProbeMessage | EmptyMessage;

/** The device's name for index `index`, as in the original (`dev_3`). */
export function deviceName(index: number): string {
  return `dev_${index}`;
}

/** Builds the record a device sends for the given content. */
export function makeRecord(deviceIndex: number, content: RecordContent): WireRecord {
  return {
    type: 'record',
    timestamp: content.timestamp,
    dev_id: deviceName(deviceIndex),
    data: { a: content.data.a, b: content.data.b, c: content.data.c },
  };
}

/** The probe a device holding `count` records sends: everything from `count` on, please. */
export function makeProbe(deviceIndex: number, count: number): ProbeMessage {
  return { type: 'probe', dev_id: deviceName(deviceIndex), from: count };
}

/** Narrows an unknown value to a plain (non-array, non-null) object. */
export function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for a value shaped like a record (the fields the equivalence reads are strings). */
export function isRecordShaped(value: unknown): value is WireRecord {
  if (!isObject(value) || typeof value.dev_id !== 'string' || typeof value.timestamp !== 'string') {
    return false;
  }
  const data = value.data;
  return isObject(data) && typeof data.a === 'string' && typeof data.b === 'string' && typeof data.c === 'string';
}

/**
 * The original harness's record equality: same dev_id, timestamp and data.a/b/c.
 * Extra fields are ignored, as they were in `testSyncing`.
 */
export function sameRecord(left: unknown, right: unknown): boolean {
  if (!isRecordShaped(left) || !isRecordShaped(right)) return false;
  return (
    left.dev_id === right.dev_id &&
    left.timestamp === right.timestamp &&
    left.data.a === right.data.a &&
    left.data.b === right.data.b &&
    left.data.c === right.data.c
  );
}

/** A string key that two records share exactly when `sameRecord` holds. */
export function recordKey(record: WireRecord): string {
  // Length-prefixed fields: unambiguous whatever the strings hold, and several times cheaper
  // than JSON.stringify, which every safety check calls for every record after every step.
  const { dev_id, timestamp, data } = record;
  return `${dev_id.length}:${dev_id}${timestamp.length}:${timestamp}${data.a.length}:${data.a}${data.b.length}:${data.b}${data.c.length}:${data.c}`;
}
