/** Pending replies and how events pick them, per network mode. */
import type { NetworkMode } from './events.ts';

/** A reply the server produced that has not reached its device yet. */
export interface PendingReply<Reply = unknown> {
  /** 1-based number of the reply, in the order the server produced them. */
  readonly id: number;
  readonly device: number;
  readonly reply: Reply;
}

/**
 * The position in `pending` that an event with `pick` acts on; pick 0 is the newest reply.
 * Under reorder any pending reply can be chosen. Under fifo and seed, a delivery
 * must take the oldest reply of the chosen reply's device (replies to one device
 * arrive in the order they were sent), while a loss can strike any of them.
 */
export function pickPending(
  pending: readonly PendingReply[],
  mode: NetworkMode,
  pick: number,
  forDelivery: boolean,
): number | undefined {
  if (pending.length === 0) return undefined;
  // Counted from the newest: removing older events while shrinking keeps the pick on the same reply.
  const chosen = pending.length - 1 - (pick % pending.length);
  if (mode === 'reorder' || !forDelivery) return chosen;
  const device = pending[chosen]?.device;
  return pending.findIndex((entry) => entry.device === device);
}

/** `pending` without the entry at `index`. */
export function withoutPending<Reply>(pending: readonly PendingReply<Reply>[], index: number): PendingReply<Reply>[] {
  return [...pending.slice(0, index), ...pending.slice(index + 1)];
}
