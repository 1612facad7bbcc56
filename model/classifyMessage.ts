/**
 * How the server reads one message (docs/protocol.md, What the server answers): a record to append,
 * an empty message, a probe with a valid `from`, or bad input with the reason.
 * The one place the protocol's input rules live: the pure server (server.ts),
 * the reference SyncService and the packed twins all classify through here.
 */
import { isObject, type WireRecord } from './messages.ts';

export type ClassifiedMessage =
  | { readonly kind: 'record'; readonly record: WireRecord }
  | { readonly kind: 'empty' }
  | { readonly kind: 'probe'; readonly from: number }
  | { readonly kind: 'bad'; readonly reason: string };

/** The reason given for a message that is not a plain object. */
export const NOT_AN_OBJECT = 'a message must be an object';

/** The reason given for an object whose type is neither record nor probe. */
export function unknownTypeReason(type: unknown): string {
  return `unknown message type ${JSON.stringify(type)}`;
}

/** True when `from` is a valid probe count for a log of `logLength` records: an integer from 0 to the length. */
export function isValidFrom(from: unknown, logLength: number): from is number {
  return typeof from === 'number' && Number.isInteger(from) && from >= 0 && from <= logLength;
}

/** Why a probe's `from` is out of contract, or undefined when it is valid (isValidFrom). */
export function invalidFromReason(from: unknown, logLength: number): string | undefined {
  if (isValidFrom(from, logLength)) return undefined;
  if (typeof from !== 'number') return `from must be a number, got ${from === undefined ? 'nothing' : typeof from}`;
  if (!Number.isInteger(from)) return `from must be an integer, got ${String(from)}`;
  if (from < 0) return `from must not be negative, got ${from}`;
  return `from ${from} is beyond the ${logLength} records received`;
}

const EMPTY: ClassifiedMessage = { kind: 'empty' };

/** What `message` is to a server holding `logLength` records. */
export function classifyMessage(message: unknown, logLength: number): ClassifiedMessage {
  if (!isObject(message)) return { kind: 'bad', reason: NOT_AN_OBJECT };
  if (Object.keys(message).length === 0) return EMPTY;
  if (message.type === 'record') return { kind: 'record', record: message as unknown as WireRecord };
  if (message.type !== 'probe') return { kind: 'bad', reason: unknownTypeReason(message.type) };
  const reason = invalidFromReason(message.from, logLength);
  if (reason !== undefined) return { kind: 'bad', reason };
  return { kind: 'probe', from: message.from as number };
}
