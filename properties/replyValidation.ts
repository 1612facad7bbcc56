/** S5: the shape every reply to a probe or an empty message must have. */
import { isObject, isRecordShaped } from '../model/index.ts';
import { comparableNumber, isPythonFloat, isPythonTuple, pythonSpelling } from './pythonValues.ts';

/**
 * Why `reply` is not a well-formed reply for a device holding `deviceCount` records,
 * or undefined when it is. It judges as the exercise's Python Device reads a reply:
 * `from` is compared with the count first, and an update starting beyond it is
 * ignored before `data` is read, so it needs no `data` at all (`--strict` still
 * holds such a reply to the model's reply, R1).
 */
export function malformedReplyReason(reply: unknown, deviceCount: number): string | undefined {
  if (!isObject(reply) || isPythonTuple(reply)) return `reply is ${describeValue(reply)}, not an object with a type`;
  if (typeof reply.type !== 'string') return `reply has no string type: ${describeValue(reply)}`;
  if (reply.type !== 'update') return undefined;
  const start = comparableNumber(reply.from);
  if (start !== undefined && start > deviceCount) return undefined;
  return malformedDataReason(reply.data) ?? malformedFromReason(reply.from);
}

function malformedDataReason(data: unknown): string | undefined {
  if (isPythonTuple(data)) return `update data is ${describeValue(data)}, not a list: the device's records + data raises TypeError`;
  if (!Array.isArray(data)) return `update has no data array: data is ${describeValue(data)}`;
  const badRecord = data.findIndex((item) => !isRecordShaped(item));
  if (badRecord >= 0) return `update data[${badRecord}] is not a record: ${describeValue(data[badRecord])}`;
  return undefined;
}

function malformedFromReason(from: unknown): string | undefined {
  if (typeof from === 'boolean' || isPythonFloat(from)) {
    return `update from is ${pythonSpelling(from)}, not an int: a count the device slices its records with`;
  }
  if (typeof from !== 'number' || Number.isNaN(from)) return `update from is ${describeValue(from)}, not a number`;
  if (!Number.isInteger(from) || from < 0) return `update from is ${from}: not a count`;
  return undefined;
}

/** A short, one-line rendering of any value for messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (isPythonFloat(value)) return pythonSpelling(value) ?? '';
  if (isPythonTuple(value)) return `${pythonSpelling(value)}: ${describeValue(value.$tuple)}`;
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
