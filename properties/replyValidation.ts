/** S5: the shape every reply to a probe or an empty message must have. */
import { isObject, isRecordShaped } from '../model/index.ts';

/**
 * Why `reply` is not a well-formed reply for a device holding `deviceCount` records,
 * or undefined when it is.
 */
export function malformedReplyReason(reply: unknown, deviceCount: number): string | undefined {
  if (!isObject(reply)) return `reply is ${describeValue(reply)}, not an object with a type`;
  if (typeof reply.type !== 'string') return `reply has no string type: ${describeValue(reply)}`;
  if (reply.type !== 'update') return undefined;
  if (!Array.isArray(reply.data)) return `update has no data array: ${describeValue(reply)}`;
  const badRecord = (reply.data as unknown[]).findIndex((item) => !isRecordShaped(item));
  if (badRecord >= 0) return `update data[${badRecord}] is not a record: ${describeValue(reply.data[badRecord])}`;
  return malformedFromReason(reply.from, deviceCount);
}

function malformedFromReason(from: unknown, deviceCount: number): string | undefined {
  if (typeof from !== 'number' || Number.isNaN(from)) return `update from is ${describeValue(from)}, not a number`;
  // The device ignores an update starting beyond what it holds, so such a `from` is harmless.
  if (from > deviceCount) return undefined;
  if (!Number.isInteger(from) || from < 0) return `update from is ${from}: not a count`;
  return undefined;
}

/** A short, one-line rendering of any value for messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  try {
    const text = JSON.stringify(value, (_key, item: unknown) =>
      typeof item === 'number' && !Number.isFinite(item) ? String(item) : item,
    );
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
  } catch {
    // Cycles and bigints cannot be stringified; their type is still worth showing.
    return `<${typeof value}>`;
  }
}
