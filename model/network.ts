/** Pending replies and how events pick them, per network mode. */
import type { ModelEvent, NetworkMode, ReplyEvent } from './events.ts';

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

/**
 * The position in `pending` that a deliver, drop or duplicate event acts on, or
 * undefined when it acts on nothing (nothing pending; a duplicate outside reorder).
 * The one rule that the model, the runner, the explorer and the statistics share.
 */
export function pendingIndexFor(pending: readonly PendingReply[], mode: NetworkMode, event: ReplyEvent): number | undefined {
  if (event.kind === 'duplicate' && mode !== 'reorder') return undefined;
  return pickPending(pending, mode, event.pick, event.kind !== 'drop');
}

/** `pending` without the entry at `index`. */
export function withoutPending<Reply>(pending: readonly PendingReply<Reply>[], index: number): PendingReply<Reply>[] {
  return [...pending.slice(0, index), ...pending.slice(index + 1)];
}

/**
 * One deliver, drop and duplicate event per pending reply each can act on:
 * picks that act on the same reply are the same event, so only the first is
 * kept. The searches (the black-box exhaustive one, the model checker's oracle)
 * branch on these.
 */
export function replyEvents(pending: readonly Pick<PendingReply, 'device'>[], mode: NetworkMode): ModelEvent[] {
  const events: ModelEvent[] = [];
  const entries = pending.map((entry, id) => ({ id, device: entry.device, reply: undefined }));
  for (const kind of ['deliver', 'drop', 'duplicate'] as const) {
    const seen = new Set<number>();
    for (let pick = 0; pick < entries.length; pick++) {
      const index = pendingIndexFor(entries, mode, { kind, pick });
      if (index === undefined || seen.has(index)) continue;
      seen.add(index);
      events.push({ kind, pick });
    }
  }
  return events;
}
