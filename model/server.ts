/** The reference server as a pure function: (log, message) -> (log, reply). */
import { isObject, type UpdateReply, type WireRecord } from './messages.ts';

/** What the server answers a message that is not part of the protocol. */
export interface ErrorReply {
  readonly type: 'error';
  readonly message: string;
}

/** What the server answers an empty message: a type the device ignores. */
export const NOOP_REPLY = { type: 'noop' } as const;

export type ServerReply = UpdateReply | ErrorReply | typeof NOOP_REPLY | undefined;

export interface ServerStep {
  readonly log: readonly WireRecord[];
  readonly reply: ServerReply;
}

/** Why a probe's `from` is out of contract, or undefined when it is a valid count. */
export function invalidFromReason(from: unknown, logLength: number): string | undefined {
  if (typeof from !== 'number') return `from must be a number, got ${from === undefined ? 'nothing' : typeof from}`;
  if (!Number.isInteger(from)) return `from must be an integer, got ${String(from)}`;
  if (from < 0) return `from must not be negative, got ${from}`;
  if (from > logLength) return `from ${from} is beyond the ${logLength} records received`;
  return undefined;
}

/** The reference server's answer to one message (PROTOCOL.md section 4). */
export function serverStep(log: readonly WireRecord[], message: unknown): ServerStep {
  if (!isObject(message)) return { log, reply: errorReply('a message must be an object') };
  if (Object.keys(message).length === 0) return { log, reply: NOOP_REPLY };
  if (message.type === 'record') return { log: [...log, message as unknown as WireRecord], reply: undefined };
  if (message.type !== 'probe') return { log, reply: errorReply(`unknown message type ${JSON.stringify(message.type)}`) };
  const reason = invalidFromReason(message.from, log.length);
  if (reason !== undefined) return { log, reply: errorReply(reason) };
  const from = message.from as number;
  return { log, reply: { type: 'update', from, data: log.slice(from) } };
}

function errorReply(message: string): ErrorReply {
  return { type: 'error', message };
}
