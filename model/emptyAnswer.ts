/** What the server answers an empty message (docs/protocol.md, What the server answers): a type the device ignores. */

export const NOOP_REPLY = { type: 'noop' } as const;

export type NoopReply = typeof NOOP_REPLY;

/** The answer to `{}`. Its packed twin is the NOOP entry of src/modelChecker/packed/packedLayout.ts. */
export function answerEmpty(): NoopReply {
  return NOOP_REPLY;
}
