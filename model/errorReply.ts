/** What the server answers bad input (docs/protocol.md, What the server answers): an error carrying the classification's reason. */

export interface ErrorReply {
  readonly type: 'error';
  readonly message: string;
}

/** The error reply for bad input rejected for `reason` (see classifyMessage.ts). */
export function errorReply(reason: string): ErrorReply {
  return { type: 'error', message: reason };
}
