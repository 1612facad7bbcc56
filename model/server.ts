/**
 * The reference server as a pure function: (log, message) -> (log, reply),
 * composed from the decision functions: classifyMessage, then answerProbe,
 * answerEmpty or errorReply. The reference SyncService is these same calls
 * over a mutable log.
 */
import { classifyMessage, type ClassifiedMessage } from './classifyMessage.ts';
import { answerEmpty, type NoopReply } from './emptyAnswer.ts';
import { errorReply, type ErrorReply } from './errorReply.ts';
import type { UpdateReply, WireRecord } from './messages.ts';
import { answerProbe } from './probeAnswer.ts';

export type ServerReply = UpdateReply | ErrorReply | NoopReply | undefined;

export interface ServerStep {
  readonly log: readonly WireRecord[];
  readonly reply: ServerReply;
}

/** The reply to a classified message, given the log after it (a record is not answered). */
export function serverReply(message: ClassifiedMessage, log: readonly WireRecord[]): ServerReply {
  switch (message.kind) {
    case 'record':
      return undefined;
    case 'empty':
      return answerEmpty();
    case 'probe':
      return answerProbe(log, message.from);
    case 'bad':
      return errorReply(message.reason);
  }
}

/** The reference server's answer to one message (docs/protocol.md, What the server answers). */
export function serverStep(log: readonly WireRecord[], message: unknown): ServerStep {
  const classified = classifyMessage(message, log.length);
  const next = classified.kind === 'record' ? [...log, classified.record] : log;
  return { log: next, reply: serverReply(classified, next) };
}
