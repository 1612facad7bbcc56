/**
 * Messages cross the "network" as deep copies, as JSON would make them, so an
 * implementation can never alias the suite's objects or another party's.
 * Unlike JSON, non-finite numbers survive: `from: Infinity` is a legitimate no-op.
 */

/** Thrown when a value cannot cross the network (a cycle, a bigint, a symbol...). */
export class NotTransferable extends Error {}

const MAX_DEPTH = 64;

/** A deep, JSON-like copy of `value`; undefined stays undefined at the top level. */
export function networkCopy(value: unknown): unknown {
  return copy(value, 0, new Set());
}

/** `ancestors` holds the objects being copied above this one: meeting one again is a cycle, found at once. */
function copy(value: unknown, depth: number, ancestors: Set<object>): unknown {
  if (depth > MAX_DEPTH) throw new NotTransferable(`nested more than ${MAX_DEPTH} levels deep`);
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  if (value === undefined) return undefined;
  if (typeof value === 'bigint' || typeof value === 'symbol' || typeof value === 'function') {
    throw new NotTransferable(`a ${typeof value} cannot be sent`);
  }
  if (ancestors.has(value)) throw new NotTransferable('it contains a cycle (an object inside itself)');
  ancestors.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : copy(item, depth + 1, ancestors)));
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      result[key] = copy(item, depth + 1, ancestors);
    }
    return result;
  } finally {
    ancestors.delete(value);
  }
}
