/**
 * The server's own description of its state, when it offers one synchronously
 * (`snapshot()`): the exhaustive search keys states by it. Whatever the method
 * does (throw, return a Promise, a cycle, a value it later changes), the result
 * is a plain JSON copy or undefined (then the search keys by the trace instead).
 */
import type { ServiceLike } from './service.ts';

export function serverSnapshot(service: ServiceLike | undefined): unknown {
  const snapshot = (service as { snapshot?: unknown } | undefined)?.snapshot;
  if (typeof snapshot !== 'function') return undefined;
  try {
    const value: unknown = snapshot.call(service);
    return value instanceof Promise ? undefined : (JSON.parse(JSON.stringify(value) ?? 'null') as unknown);
  } catch {
    return undefined;
  }
}
