/**
 * Messages cross the "network" as deep copies, as JSON would make them, so an
 * implementation can never alias the suite's objects or another party's.
 * Unlike JSON, non-finite numbers survive: `from: Infinity` is a legitimate no-op.
 */

/** Thrown when a value cannot cross the network (a cycle, a bigint, a symbol...). */
export class NotTransferable extends Error {}

const MAX_DEPTH = 64;
const CYCLE_WATCH_DEPTH = 4;

/** A deep, JSON-like copy of `value`; undefined stays undefined at the top level. */
export function networkCopy(value: unknown): unknown {
  return copy(value, 0, new Set());
}

/**
 * `ancestors` holds the objects being copied above this one, from CYCLE_WATCH_DEPTH
 * down: meeting one again is a cycle, found a few levels after it starts (a
 * depth limit alone would copy a cyclic reply 64 levels deep, every time).
 * Real messages are three levels deep, so they never pay for the set.
 */
function copy(value: unknown, depth: number, ancestors: Set<object>): unknown {
  if (depth > MAX_DEPTH) throw new NotTransferable(`nested more than ${MAX_DEPTH} levels deep`);
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  if (value === undefined) return undefined;
  if (typeof value === 'bigint' || typeof value === 'symbol' || typeof value === 'function') {
    throw new NotTransferable(`a ${typeof value} cannot be sent`);
  }
  const watched = depth >= CYCLE_WATCH_DEPTH;
  if (watched && ancestors.has(value)) throw new NotTransferable('it contains a cycle (an object inside itself)');
  if (watched) ancestors.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : copy(item, depth + 1, ancestors)));
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      const copied = copy(item, depth + 1, ancestors);
      // Assigned, a `__proto__` key from the wire would become the copy's prototype: it stays a plain field, as JSON.parse keeps it.
      if (key === '__proto__') Object.defineProperty(result, key, { value: copied, enumerable: true, writable: true, configurable: true });
      else result[key] = copied;
    }
    return result;
  } finally {
    if (watched) ancestors.delete(value);
  }
}
