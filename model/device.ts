/** The reference device's reaction to a reply, as a pure function. */
import { isObject } from './messages.ts';

/**
 * The device's records after `reply` reaches it (PROTOCOL.md section 2):
 * an update with `from` no greater than the count replaces everything from
 * `from` on; anything else is ignored. Like the Python original, a negative
 * `from` counts from the end.
 */
export function applyReply(records: readonly unknown[], reply: unknown): readonly unknown[] {
  if (!isObject(reply) || reply.type !== 'update') return records;
  const from = reply.from;
  if (typeof from !== 'number' || !Array.isArray(reply.data)) return records;
  if (from > records.length) return records;
  return [...records.slice(0, from), ...(reply.data as unknown[])];
}
