/**
 * How a device applies a reply (docs/protocol.md, What a device does with a reply), as pure functions: an
 * update with `from` no greater than the device's count keeps what comes before
 * `from` and appends the update's data; anything else is ignored. Like the
 * Python original, a negative `from` counts from the end. The reference Device
 * applies the same effect in place.
 */
import { isObject } from './messages.ts';

/** What a reply does to a device: keep its first `keep` records, then append `data`. */
export interface ReplyEffect {
  readonly keep: number;
  readonly data: readonly unknown[];
}

/** The effect of `reply` on a device holding `count` records, or undefined when the device ignores it. */
export function replyEffect(count: number, reply: unknown): ReplyEffect | undefined {
  if (!isObject(reply) || reply.type !== 'update') return undefined;
  const from = reply.from;
  if (typeof from !== 'number' || !Array.isArray(reply.data)) return undefined;
  if (from > count) return undefined;
  return { keep: keptCount(from, count), data: reply.data as unknown[] };
}

/** How many of `count` records Python's `records[:from]` keeps (a negative `from` counts from the end). */
export function keptCount(from: number, count: number): number {
  // + 0 turns -0 into 0: a count, never negative zero.
  const integer = Number.isNaN(from) ? 0 : Math.trunc(from) + 0;
  return integer < 0 ? Math.max(count + integer, 0) : Math.min(integer, count);
}

/** The device's records after `reply` reaches it. */
export function applyReply(records: readonly unknown[], reply: unknown): readonly unknown[] {
  const effect = replyEffect(records.length, reply);
  if (effect === undefined) return records;
  return [...records.slice(0, effect.keep), ...effect.data];
}
