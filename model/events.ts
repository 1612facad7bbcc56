/** The events of the network model (docs/protocol.md, The network modes). */
import type { RecordContent } from './messages.ts';

/** How replies travel: the original schedule, per-device FIFO, or any order. */
export type NetworkMode = 'seed' | 'fifo' | 'reorder';

export const NETWORK_MODES: readonly NetworkMode[] = ['seed', 'fifo', 'reorder'];

/**
 * One event. Devices are named by index; pending replies by `pick`, a position
 * in the list of pending replies counted from the newest and taken modulo its
 * length, so that removing an earlier event while shrinking still leaves the
 * pick on the same reply.
 */
export type ModelEvent =
  | { readonly kind: 'emit'; readonly device: number; readonly content: RecordContent }
  | { readonly kind: 'probe'; readonly device: number }
  | { readonly kind: 'empty'; readonly device: number }
  | { readonly kind: 'deliver'; readonly pick: number }
  | { readonly kind: 'drop'; readonly pick: number }
  | { readonly kind: 'duplicate'; readonly pick: number }
  | { readonly kind: 'junk'; readonly message: unknown };

export type ReplyEvent = Extract<ModelEvent, { pick: number }>;

/** True for events that act on a pending reply. */
export function isReplyEvent(event: ModelEvent): event is ReplyEvent {
  return event.kind === 'deliver' || event.kind === 'drop' || event.kind === 'duplicate';
}
